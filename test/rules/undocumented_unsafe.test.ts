import * as assert from 'assert';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ruleById } from '../../server/src/rules';
import { checkFix, checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { fixesFor, verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'undocumented_unsafe';

describe(RULE, () => {
  it('flags unsafe blocks and unsafe impls without a SAFETY comment, on the `unsafe` keyword', async () => {
    await checkRule(RULE, `
      fn f(p: *const u8) -> u8 {
          // reads the byte
          let x = unsafe { *p };
                //^^^^^^ This \`unsafe\` block has no \`// SAFETY:\` comment explaining why it is sound
          x
      }
      unsafe impl Send for Handle {}
    //^^^^^^ \`unsafe impl Send\` has no \`// SAFETY:\` comment saying why the type upholds the trait's contract
    `);
  });

  it('accepts SAFETY comments above (across comment lines and attributes), above the statement, or before it on the line', async () => {
    await checkRule(RULE, `
      fn f(p: *const u8) -> u8 {
          // SAFETY: \`p\` points into a live buffer.
          let a = unsafe { *p };
          // Safety: the caller checked the length.
          // (second line of the argument)
          let b = unsafe { *p };
          let c = /* SAFETY: same as above */ unsafe { *p };
          // SAFE: the older spelling some crates use.
          let e = unsafe { *p };
          // SAFETY: both reads are in bounds.
          let d = add(
              unsafe { *p },
              1,
          );
          a + b + c + d + e
      }
      // SAFETY: \`Handle\` owns its pointer exclusively.
      #[allow(clippy::non_send_fields_in_send_ty)]
      unsafe impl Send for Handle {}
      unsafe fn raw() {}
      impl Handle { unsafe fn get(&self) {} }
    `);
  });

  it('accepts a SAFETY comment as the first lines inside the block, as clippy does', () =>
    checkRule(RULE, `
      fn f(p: *const u8) -> u8 {
          let a = unsafe {
              // SAFETY: \`p\` points into the live buffer the caller lent us.
              *p
          };
          let b = unsafe {
              /* SAFETY: same buffer, one byte on. */
              *p.add(1)
          };
          let c = unsafe {
                //^^^^^^ This \`unsafe\` block has no \`// SAFETY:\` comment
              let q = p.add(2);
              // SAFETY: too late, after code
              *q
          };
          a + b + c
      }
    `));

  it('leaves blocks whose argument is written where a reader looks: an unsafe fn\'s whole body, one call under a CPU feature check', async () => {
    await checkRule(RULE, `
      /// # Safety
      /// \`v\` holds at least 16 values.
      #[target_feature(enable = "sse")]
      pub unsafe fn sum_sse(v: &[f32]) -> f32 {
          unsafe { sum_raw(v.as_ptr()) }
      }
      pub unsafe fn sum_two(v: &[f32]) -> f32 {
          let first = unsafe { *v.get_unchecked(0) };
                    //^^^^^^ no \`// SAFETY:\` comment
          first + unsafe { *v.get_unchecked(1) }
                //^^^^^^ no \`// SAFETY:\` comment
      }
      pub fn dot(a: &[f32], b: &[f32]) -> f32 {
          if is_x86_feature_detected!("avx2") && a.len() >= 8 {
              return unsafe { dot_avx2(a, b) };
          }
          if std::arch::is_aarch64_feature_detected!("neon") {
              unsafe { dot_neon(a, b) }
          } else {
              let p = unsafe { dot_raw(a.as_ptr(), b.as_ptr(), a.len()) };
                    //^^^^^^ no \`// SAFETY:\` comment
              p + unsafe { *a.get_unchecked(0) }
                //^^^^^^ no \`// SAFETY:\` comment
          }
      }
      pub fn guarded(a: &[f32]) -> f32 {
          if is_x86_feature_detected!("avx2") {
              unsafe {
            //^^^^^^ no \`// SAFETY:\` comment
                  let x = load(a.as_ptr());
                  reduce(x)
              }
          } else { 0.0 }
      }
    `);
  });

  it('leaves test code alone: an env::set_var in a unit test endangers no production data', () =>
    checkRule(RULE, `
      #[cfg(test)]
      mod tests {
          #[test]
          fn xdg() {
              unsafe { std::env::set_var("XDG_CONFIG_HOME", "/tmp") };
          }
      }
    `));

  it('does not accept a comment separated by code, nor one in front of an earlier arm of the statement', async () => {
    await checkRule(RULE, `
      fn f(p: *const u8) {
          // SAFETY: fine
          let q = p;
          let x = unsafe { *q };
                //^^^^^^ This \`unsafe\` block has no \`// SAFETY:\` comment explaining why it is sound
      }
      fn g(p: *const u8, first: bool) -> u8 {
          match first {
              // SAFETY: the caller lends a live byte.
              true => unsafe { *p },
              false => unsafe { *p.add(1) },
                     //^^^^^^ This \`unsafe\` block has no \`// SAFETY:\` comment explaining why it is sound
          }
      }
      fn h(p: *const u8) -> u8 {
          let b = // not a SAFETY: comment
              unsafe { *p };
            //^^^^^^ This \`unsafe\` block has no \`// SAFETY:\` comment explaining why it is sound
          b
      }
    `);
  });

  it('accepts a comment separated by blank lines, or ending the line above inside the statement, as clippy does', () =>
    checkRule(RULE, `
      // SAFETY: \`X\` holds no pointer.

      unsafe impl Sync for X {}
      fn f(p: *const u8) -> u8 {
          /* SAFETY: the caller lends a live byte. */

          let a = unsafe { *p };
          let b = // SAFETY: the same byte.
              unsafe { *p };
          a + b
      }
    `));

  it('follows edits of the comment lines above an item (they lie outside its analysis unit)', async () => {
    const parser = await createParser();
    const text = 'struct X;\n// SAFETY: single-threaded use only\nunsafe impl Send for X {}\n';
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer([ruleById(RULE)!], { testFile: false }, { parser }), () => 1 << 30);
    const flaggedNow = () => doc.analyze().findings.length;
    const edit = (version: number, from: string, to: string) => {
      const at = doc.text.indexOf(from);
      doc.applyChanges([{ range: { start: doc.textDocument.positionAt(at), end: doc.textDocument.positionAt(at + from.length) }, text: to }], version);
    };
    try {
      assert.strictEqual(flaggedNow(), 0);
      edit(2, 'SAFETY: single', 'single');
      assert.strictEqual(flaggedNow(), 1);
      edit(3, '// single', '// SAFETY: single');
      assert.strictEqual(flaggedNow(), 0);
      edit(4, 'only\n', 'only\nstruct Y;\n');
      assert.strictEqual(flaggedNow(), 1);
      edit(5, 'only\nstruct Y;\n', 'only\n');
      assert.strictEqual(flaggedNow(), 0);
      // A blank line keeps the comment the impl's, and an edit of it still reaches the impl.
      edit(6, 'only\n', 'only\n\n');
      assert.strictEqual(flaggedNow(), 0);
      edit(7, 'SAFETY: single', 'single');
      assert.strictEqual(flaggedNow(), 1);
    } finally {
      doc.dispose();
    }
  });

  describe('fixes', () => {
    it('inserts an indented `// SAFETY: ` line above, for the user to finish (rustc before and after)', async () => {
      await checkFix(RULE, `
        pub fn first(v: &[u8]) -> u8 {
            assert!(!v.is_empty());
            unsafe { *v.as_ptr() }
        }
      `, `
        pub fn first(v: &[u8]) -> u8 {
            assert!(!v.is_empty());
            // SAFETY: 
            unsafe { *v.as_ptr() }
        }
      `, { compile: rustcCheck });
    });

    it('works for unsafe impls and CRLF files, and is never applied by fix-all (the reason is the user\'s)', async () => {
      const src = 'pub struct Handle(*mut u8);\r\nunsafe impl Send for Handle {}\r\n';
      const after = await verifyFix(src, RULE, { compile: rustcCheck });
      assert.strictEqual(after, 'pub struct Handle(*mut u8);\r\n// SAFETY: \r\nunsafe impl Send for Handle {}\r\n');
      const [finding] = await lint(src, RULE);
      assert.ok((await fixesFor(src, finding)).every((f) => !f.safe));
    });
  });
});
