import * as assert from 'assert';
import { lint, sharedEngine } from '../support/engine';
import { applyFix, verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'vec_no_capacity';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);
const inFn = (params: string, body: string) => `pub fn f(${params}) -> usize {\n${body}\n    0\n}\n`;

describe(RULE, () => {
  it('flags an empty Vec filled once per iteration of a loop of known length, on the constructor', async () => {
    assert.deepStrictEqual(await flagged(inFn('items: &[u32]', '    let mut out = Vec::new();\n    for x in items {\n        out.push(x + 1);\n    }')), ['Vec::new()']);
    assert.deepStrictEqual(await flagged(inFn('items: &Vec<u32>', '    let mut out = vec![];\n    for (i, x) in items.iter().enumerate() { out.push(i as u32 + x); }')), ['vec![]']);
    assert.deepStrictEqual(await flagged(inFn('n: usize', '    let mut sq: Vec<usize> = Vec::new();\n    for i in 0..n { sq.push(i * i); }')), ['Vec::new()']);
    assert.deepStrictEqual(await flagged(inFn('', '    let mut v = Vec::new();\n    // fill it\n    for i in 0..16 { v.push(i); }')), ['Vec::new()']);
    assert.deepStrictEqual(await flagged(inFn('ids: Vec<u32>', '    let mut v = Vec::new();\n    for id in ids.into_iter().rev() { v.push(id); }')), ['Vec::new()']);
    const [f] = await lint(inFn('users: Vec<String>', '    let mut names = Vec::new();\n    for u in users { names.push(u.len()); }'), RULE);
    assert.match(f.message, /`names` gets one `push` per item of `users`.*reserve `users\.len\(\)`/);
  });

  it('leaves loops alone when the number of pushes is not the number of items', async () => {
    const no = async (params: string, body: string) => assert.deepStrictEqual(await flagged(inFn(params, body)), [], body);
    await no('items: &[u32]', '    let mut v = Vec::new();\n    for x in items { if *x > 2 { v.push(*x); } }');
    await no('items: &[u32]', '    let mut v = Vec::new();\n    for x in items { if *x == 0 { break; } v.push(*x); }');
    await no('items: &[u32]', '    let mut v = Vec::new();\n    for x in items { if *x == 0 { continue; } v.push(*x); }');
    await no('items: &[u32]', '    let mut v = Vec::new();\n    for x in items { v.push(*x); v.push(*x); }');
    await no('items: &[u32]', '    let mut v = Vec::new();\n    for x in items.iter().filter(|x| **x > 2) { v.push(*x); }');
    await no('items: &[u32]', '    let mut v = Vec::new();\n    for x in items { v.push(*x); if v.len() > 3 { return 1; } }');
    // Unknown length: an iterator parameter, a range not starting at zero.
    await no('it: impl Iterator<Item = u32>', '    let mut v = Vec::new();\n    for x in it { v.push(x); }');
    await no('input: TokenStream', '    let mut v = Vec::new();\n    for (i, t) in input.into_iter().enumerate() { v.push(t); }');
    await no('a: usize, b: usize', '    let mut v = Vec::new();\n    for i in a..b { v.push(i); }');
    // The vector is used before the loop, or already has a capacity, or is pushed into elsewhere.
    await no('items: &[u32]', '    let mut v = Vec::new();\n    v.push(0);\n    for x in items { v.push(*x); }');
    await no('items: &[u32]', '    let mut v = Vec::with_capacity(items.len());\n    for x in items { v.push(*x); }');
    await no('items: &[u32], w: &mut Vec<u32>', '    let mut v: Vec<u32> = Vec::new();\n    for x in items { w.push(*x); }');
    // The iterable does not exist yet where the vector is declared.
    await no('', '    let mut v = Vec::new();\n    let items = vec![1, 2];\n    for x in items { v.push(x); }');
  });

  it('reserves the length where the vector is declared, and the result compiles (borrowed and moved iterables)', async () => {
    const borrowed = inFn('items: &[u32]', '    let mut out = Vec::new();\n    for x in items {\n        out.push(x + 1);\n    }\n    let _ = out;');
    assert.match(await verifyFix(borrowed, RULE, { compile: rustcCheck }), /let mut out = Vec::with_capacity\(items\.len\(\)\);/);
    // The loop moves `users`; the length is read before the move.
    const moved = inFn('users: Vec<String>', '    let mut names = Vec::new();\n    for u in users { names.push(u.len()); }\n    let _ = names;');
    assert.match(await verifyFix(moved, RULE, { compile: rustcCheck }), /let mut names = Vec::with_capacity\(users\.len\(\)\);/);
    const range = inFn('n: u32', '    let mut sq = vec![];\n    for i in 0..n { sq.push(i * i); }\n    let _ = sq;');
    assert.match(await verifyFix(range, RULE, { compile: rustcCheck }), /let mut sq = Vec::with_capacity\(n as usize\);/);
    const turbofish = inFn('items: &[u8]', '    let mut v = Vec::<u16>::new();\n    for b in items.iter().copied() { v.push(b.into()); }\n    let _ = v;');
    assert.match(await verifyFix(turbofish, RULE, { compile: rustcCheck }), /Vec::<u16>::with_capacity\(items\.len\(\)\)/);
  });

  it('lets fix-all apply it only where the length surely exists', async () => {
    const typed = inFn('items: &[u32]', '    let mut out = Vec::new();\n    for x in items { out.push(*x); }\n    let _ = out;');
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
