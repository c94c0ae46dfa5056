import * as assert from 'assert';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ruleById } from '../../server/src/rules';
import { checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { fixesFor } from '../support/fixHarness';

// The Rust inside macro calls and `macro_rules!` bodies, analysed by the rules that hold there.
describe('macro bodies', () => {
  it('finds undocumented unsafe in cfg_if! branches, at the exact columns', () =>
    checkRule(
      'undocumented_unsafe',
      `
      cfg_if::cfg_if! {
          if #[cfg(unix)] {
              fn read(p: *const u8) -> u8 { unsafe { *p } }
                                          //^^^^^^ no \`// SAFETY:\` comment
          } else {
              fn read(p: *const u8) -> u8 {
                  // SAFETY: callers pass a live pointer.
                  unsafe { *p }
              }
          }
      }
      `,
    ));

  it('finds it in macro_rules! expansions, with $metavariables and repetitions', () =>
    checkRule(
      'undocumented_unsafe',
      `
      macro_rules! impl_send {
          ($($t:ty),*) => {
              $(unsafe impl Send for $t {})*
              //^^^^^^ \`unsafe impl Send\` has no
          };
          ($p:expr) => { unsafe { *$p } };
                       //^^^^^^ no \`// SAFETY:\` comment
          ($p:expr, $n:expr) => {{
              // SAFETY: the macro's callers pass a pointer to $n live bytes.
              unsafe { std::slice::from_raw_parts($p, $n) }
          }};
      }
      `,
    ));

  it('finds it in call arguments, lazy_static!, thread_local! and crate-local wrappers; a comment above the call documents its first statement', () =>
    checkRule(
      'undocumented_unsafe',
      `
      fn show(p: *const u8) {
          // SAFETY: \`p\` comes from a live Box.
          println!("{}", unsafe { *p });
          println!("{}", unsafe { *p });
                       //^^^^^^ no \`// SAFETY:\` comment
          t!(write(unsafe { *p }));
           //      ^^^^^^ no \`// SAFETY:\` comment
          let n = format!(
              "{}",
              unsafe { *p },
            //^^^^^^ no \`// SAFETY:\` comment
          );
      }
      lazy_static! {
          static ref TABLE: u8 = unsafe { *TABLE_PTR };
                               //^^^^^^ no \`// SAFETY:\` comment
      }
      thread_local! {
          static LOCAL: u8 = unsafe { INIT };
                           //^^^^^^ no \`// SAFETY:\` comment
      }
      `,
    ));

  it('finds it in tokio::select! branch blocks and sqlx::query! arguments', () =>
    checkRule(
      'undocumented_unsafe',
      `
      async fn run(p: *const u8, mut rx: Receiver<u8>) {
          tokio::select! {
              v = rx.recv() => {
                  let b = unsafe { *p };
                        //^^^^^^ no \`// SAFETY:\` comment
              }
              _ = shutdown.changed() => {
                  // SAFETY: \`p\` outlives the task.
                  let b = unsafe { *p };
              }
          }
          let row = sqlx::query!("SELECT name FROM t WHERE id = $1", unsafe { *p }).fetch_one(&pool).await?;
                                                                   //^^^^^^ no \`// SAFETY:\` comment
      }
      `,
    ));

  it('reads the SAFETY comment above a block in a body of items, whose text starts with a line break and an indent', () =>
    checkRule(
      'undocumented_unsafe',
      `
      macro_rules! atomic {
          ($atomic:ident, $int:ident) => {
              impl $atomic {
                  pub fn fetch_neg(&self) -> $int {
                      // SAFETY: the pointer comes from a reference, and the intrinsic is atomic.
                      unsafe {
                          atomic_neg(self.v.get())
                      }
                  }
                  pub fn load(&self) -> $int {
                      unsafe { atomic_load(self.v.get()) }
                    //^^^^^^ no \`// SAFETY:\` comment
                  }
              }
          };
      }
      `,
    ));

  it('follows macros inside macro bodies', () =>
    checkRule(
      'undocumented_unsafe',
      `
      cfg_if! {
          if #[cfg(feature = "fast")] {
              fn f(p: *const u8) { println!("{}", unsafe { *p }); }
                                                //^^^^^^ no \`// SAFETY:\` comment
          }
      }
      `,
    ));

  it('reads the Rust islands of a DSL and leaves its other tokens alone', () =>
    checkRule(
      'undocumented_unsafe',
      `
      fn view() -> Html {
          html! { <div onclick={unsafe { cb() }}>unsafe { "label" }</div> }
                              //^^^^^^ no \`// SAFETY:\` comment
      }
      `,
    ));

  it('leaves alone token trees that are not Rust, and rules not judged right inside macros', async () => {
    assert.deepStrictEqual(await lint('cfg_if! { if #[cfg(unix)] { fn f() { x.unwrap(); } } }', 'unwrap_in_production'), []);
    assert.deepStrictEqual(await lint('sqlx::query!("SELECT 1 WHERE a = $1", a);', 'undocumented_unsafe'), []);
  });

  it('honours attributes, directives and test code around and inside the macro', () =>
    checkRule(
      'undocumented_unsafe',
      `
      fn f(p: *const u8) {
          #[allow(clippy::undocumented_unsafe_blocks)]
          println!("{}", unsafe { *p });
          // rust-patterns: allow(undocumented_unsafe)
          println!("{}", unsafe { *p });
          println!("{}", unsafe { *p });
                       //^^^^^^ no \`// SAFETY:\` comment
      }
      cfg_if! {
          if #[cfg(unix)] {
              #[allow(clippy::undocumented_unsafe_blocks)]
              fn g(p: *const u8) -> u8 { unsafe { *p } }
              fn h(p: *const u8) -> u8 { unsafe { *p } }
                                       //^^^^^^ no \`// SAFETY:\` comment
              #[test]
              fn reads(p: *const u8) { assert_eq!(unsafe { *p }, 0); }
          }
      }
      #[cfg(test)]
      mod tests {
          fn probe(p: *const u8) { println!("{}", unsafe { *p }); }
      }
      `,
    ));

  it('offers the SAFETY-comment fix inside a macro body (made from the text, so it maps exactly)', async () => {
    const src = 'macro_rules! m {\n    ($p:expr) => {\n        unsafe { *$p }\n    };\n}\n';
    const [finding] = await lint(src, 'undocumented_unsafe');
    const fixes = await fixesFor(src, finding);
    assert.deepStrictEqual(fixes.map((f) => f.edits), [[{ start: src.indexOf('        unsafe'), end: src.indexOf('        unsafe'), newText: '        // SAFETY: \n' }]]);
  });

  it('offers no tree-made fix inside a macro body', async () => {
    const rule = { ...ruleById('unwrap_in_production')!, inMacros: true };
    const parser = await createParser();
    const src = 'fn f() -> Option<u8> {\n    t!(Some(1).unwrap());\n    None\n}\n';
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, src, parser, new IncrementalAnalyzer([rule], { testFile: false }, { parser }), () => 1 << 30);
    const findings = doc.analyze().findings;
    assert.deepStrictEqual(findings.map((f) => src.slice(f.start, f.end)), ['.unwrap()']);
    assert.deepStrictEqual(await fixesFor(src, findings[0]), []);
    doc.dispose();
  });

  it('keeps in-macro findings right while typing around and inside the macro', async () => {
    const parser = await createParser();
    const text = 'fn f(p: *const u8) {\n    let a = 1;\n    println!("{}", unsafe { *p });\n}\n';
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer([ruleById('undocumented_unsafe')!], { testFile: false }, { parser }), () => 1 << 30);
    const flagged = () => doc.analyze().findings.map((f) => doc.text.slice(f.start, f.end) + '@' + f.start);
    const edit = (version: number, from: string, to: string) => {
      const at = doc.text.indexOf(from);
      doc.applyChanges([{ range: { start: doc.textDocument.positionAt(at), end: doc.textDocument.positionAt(at + from.length) }, text: to }], version);
    };
    assert.deepStrictEqual(flagged(), [`unsafe@${text.indexOf('unsafe')}`]);
    edit(2, 'let a = 1;', 'let abc = 1;');
    assert.deepStrictEqual(flagged(), [`unsafe@${doc.text.indexOf('unsafe')}`]);
    edit(3, 'let abc = 1;', '// SAFETY: p is live.');
    assert.deepStrictEqual(flagged(), []);
    edit(4, '// SAFETY: p is live.', 'let a = 1;');
    edit(5, '"{}", unsafe', '"{} {}", 1, unsafe');
    assert.deepStrictEqual(flagged(), [`unsafe@${doc.text.indexOf('unsafe')}`]);
    doc.dispose();
  });
});
