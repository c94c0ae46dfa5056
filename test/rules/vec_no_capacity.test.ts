import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { sharedEngine } from '../support/engine';
import { applyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'vec_no_capacity';

describe(RULE, () => {
  it('flags an empty Vec filled once per iteration of a loop of known length, on the constructor', async () => {
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut out = Vec::new();
                      //^^^^^^^^^^ \`out\` gets one \`push\` per item of \`items\` but starts as \`Vec::new()\`
          for x in items {
              out.push(x + 1);
          }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &Vec<u32>) -> usize {
          let mut out = vec![];
                      //^^^^^^ \`out\` gets one \`push\` per item of \`items.iter().enumerate()\` but starts as \`vec![]\`
          for (i, x) in items.iter().enumerate() { out.push(i as u32 + x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(n: usize) -> usize {
          let mut sq: Vec<usize> = Vec::new();
                                 //^^^^^^^^^^ \`sq\` gets one \`push\` per item of \`0..n\` but starts as \`Vec::new()\`
          for i in 0..n { sq.push(i * i); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f() -> usize {
          let mut v = Vec::new();
                    //^^^^^^^^^^ \`v\` gets one \`push\` per item of \`0..16\` but starts as \`Vec::new()\`
          // fill it
          for i in 0..16 { v.push(i); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(ids: Vec<u32>) -> usize {
          let mut v = Vec::new();
                    //^^^^^^^^^^ \`v\` gets one \`push\` per item of \`ids.into_iter().rev()\` but starts as \`Vec::new()\`
          for id in ids.into_iter().rev() { v.push(id); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(users: Vec<String>) -> usize {
          let mut names = Vec::new();
                        //^^^^^^^^^^ \`names\` gets one \`push\` per item of \`users\` but starts as \`Vec::new()\`: it will reallocate as it grows; reserve \`users.len()\` up front
          for u in users { names.push(u.len()); }
          0
      }
    `);
  });

  it('leaves loops alone when the number of pushes is not the number of items', async () => {
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::new();
          for x in items { if *x > 2 { v.push(*x); } }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::new();
          for x in items { if *x == 0 { break; } v.push(*x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::new();
          for x in items { if *x == 0 { continue; } v.push(*x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::new();
          for x in items { v.push(*x); v.push(*x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::new();
          for x in items.iter().filter(|x| **x > 2) { v.push(*x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::new();
          for x in items { v.push(*x); if v.len() > 3 { return 1; } }
          0
      }
    `);
    // Unknown length: an iterator parameter, a range not starting at zero.
    await checkRule(RULE, `
      pub fn f(it: impl Iterator<Item = u32>) -> usize {
          let mut v = Vec::new();
          for x in it { v.push(x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(input: TokenStream) -> usize {
          let mut v = Vec::new();
          for (i, t) in input.into_iter().enumerate() { v.push(t); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(a: usize, b: usize) -> usize {
          let mut v = Vec::new();
          for i in a..b { v.push(i); }
          0
      }
    `);
    // The vector is used before the loop, or already has a capacity, or is pushed into elsewhere.
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::new();
          v.push(0);
          for x in items { v.push(*x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut v = Vec::with_capacity(items.len());
          for x in items { v.push(*x); }
          0
      }
    `);
    await checkRule(RULE, `
      pub fn f(items: &[u32], w: &mut Vec<u32>) -> usize {
          let mut v: Vec<u32> = Vec::new();
          for x in items { w.push(*x); }
          0
      }
    `);
    // The iterable does not exist yet where the vector is declared.
    await checkRule(RULE, `
      pub fn f() -> usize {
          let mut v = Vec::new();
          let items = vec![1, 2];
          for x in items { v.push(x); }
          0
      }
    `);
  });

  it('reserves the length where the vector is declared, and the result compiles (borrowed and moved iterables)', async () => {
    await checkFix(RULE, `
      pub fn f(items: &[u32]) -> usize {
          let mut out = Vec::new();
          for x in items {
              out.push(x + 1);
          }
          let _ = out;
          0
      }
    `, `
      pub fn f(items: &[u32]) -> usize {
          let mut out = Vec::with_capacity(items.len());
          for x in items {
              out.push(x + 1);
          }
          let _ = out;
          0
      }
    `, { compile: rustcCheck });
    // The loop moves `users`; the length is read before the move.
    await checkFix(RULE, `
      pub fn f(users: Vec<String>) -> usize {
          let mut names = Vec::new();
          for u in users { names.push(u.len()); }
          let _ = names;
          0
      }
    `, `
      pub fn f(users: Vec<String>) -> usize {
          let mut names = Vec::with_capacity(users.len());
          for u in users { names.push(u.len()); }
          let _ = names;
          0
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f(n: u32) -> usize {
          let mut sq = vec![];
          for i in 0..n { sq.push(i * i); }
          let _ = sq;
          0
      }
    `, `
      pub fn f(n: u32) -> usize {
          let mut sq = Vec::with_capacity(n as usize);
          for i in 0..n { sq.push(i * i); }
          let _ = sq;
          0
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f(items: &[u8]) -> usize {
          let mut v = Vec::<u16>::new();
          for b in items.iter().copied() { v.push(b.into()); }
          let _ = v;
          0
      }
    `, `
      pub fn f(items: &[u8]) -> usize {
          let mut v = Vec::<u16>::with_capacity(items.len());
          for b in items.iter().copied() { v.push(b.into()); }
          let _ = v;
          0
      }
    `, { compile: rustcCheck });
  });

  it('lets fix-all apply it only where the length surely exists', async () => {
    const typed = `
      pub fn f(items: &[u32]) -> usize {
          let mut out = Vec::new();
          for x in items { out.push(*x); }
          let _ = out;
          0
      }
    `;
    assert.strictEqual((await applyFix(typed, RULE)).fix.safe, true);
    const engine = await sharedEngine();
    assert.match(engine.fixAll(typed, { relativePath: 'src/lib.rs', timeoutSeconds: 10 }).text, /Vec::with_capacity\(items\.len\(\)\)/);
    // `self.entries` may be any type with an `iter()`: offered, but not applied unattended.
    const field = 'impl Log {\n    fn ids(&self) -> Vec<u32> {\n        let mut ids = Vec::new();\n        for e in self.entries.iter() { ids.push(e.id); }\n        ids\n    }\n}\n';
    const { fix, text } = await applyFix(field, RULE);
    assert.strictEqual(fix.safe, false);
    assert.match(text, /Vec::with_capacity\(self\.entries\.len\(\)\)/);
  });
});
