import * as assert from 'assert';
import { lint } from '../support/engine';
import { applyFix, verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'clone_then_reset';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

const STRUCT = 'pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }\n';
const method = (body: string, ret = '') => `${STRUCT}impl Batcher {\n    pub fn flush(&mut self)${ret} {\n${body}\n    }\n}\n`;

describe(RULE, () => {
  it('flags a field cloned then cleared, on the clone, and names it', async () => {
    const src = method('        let batch = self.pending.clone();\n        self.pending.clear();\n        drop(batch);');
    const [f] = await lint(src, RULE);
    assert.strictEqual(f.text, 'self.pending.clone()');
    assert.match(f.message, /`self\.pending` is cloned, then reset by `self\.pending\.clear\(\);`: `std::mem::take\(&mut self\.pending\)`/);
    assert.strictEqual(src.slice(f.related![0].start, f.related![0].end), 'self.pending.clear();');
  });

  it('fixes clear() with mem::take and removes the reset line; rustc accepts before and after', async () => {
    const src = method('        let batch = self.pending.clone();\n        self.pending.clear();\n        drop(batch);');
    const after = await verifyFix(src, RULE, { compile: rustcCheck });
    assert.ok(after.includes('        let batch = std::mem::take(&mut self.pending);\n        drop(batch);'), after);
  });

  it('uses Option::take for an Option reset to None', async () => {
    const src = method('        let last = self.current.clone();\n        self.current = None;\n        drop(last);');
    const after = await verifyFix(src, RULE, { compile: rustcCheck });
    assert.ok(after.includes('let last = self.current.take();\n        drop(last);'), after);
  });

  it('respects `use std::mem;` and `use std::mem::take;`', async () => {
    const body = '        let seen = self.seen.clone();\n        self.seen = Default::default();\n        drop(seen);';
    assert.ok((await verifyFix(`use std::mem;\n${method(body)}pub fn other() -> u8 { mem::size_of::<u8>() as u8 }\n`, RULE, { compile: rustcCheck })).includes('let seen = mem::take(&mut self.seen);'));
    assert.ok((await verifyFix(`use std::mem::take;\n${method(body)}pub fn t(v: &mut Vec<u8>) -> Vec<u8> { take(v) }\n`, RULE, { compile: rustcCheck })).includes('let seen = take(&mut self.seen);'));
  });

  it('handles locals, `&mut` parameters and a clone inside a larger statement', async () => {
    const local = 'pub fn lines(input: &str) -> Vec<String> {\n    let mut out = Vec::new();\n    let mut buf = String::new();\n    for c in input.chars() {\n        if c == \'\\n\' {\n            out.push(buf.clone());\n            buf = String::new();\n        } else {\n            buf.push(c);\n        }\n    }\n    out\n}\n';
    assert.ok((await verifyFix(local, RULE, { compile: rustcCheck })).includes('out.push(std::mem::take(&mut buf));\n        } else'));
    const param = 'pub fn drain(buf: &mut Vec<u8>) -> Vec<u8> {\n    let out = buf.clone();\n    buf.clear();\n    out\n}\n';
    assert.ok((await verifyFix(param, RULE, { compile: rustcCheck })).includes('let out = std::mem::take(buf);\n    out'));
    const vecMacro = 'pub fn reset(mut v: Vec<u8>) -> (Vec<u8>, Vec<u8>) {\n    let old = v.clone(); v = vec![];\n    (old, v)\n}\n';
    assert.ok((await verifyFix(vecMacro, RULE, { compile: rustcCheck })).includes('let old = std::mem::take(&mut v);\n'));
  });

  it('sees past other fields of the same struct, not past method calls on it', async () => {
    const src = `pub struct Q { pub batches: Vec<Vec<u8>>, pub current: Vec<u8>, pub count: usize }\nimpl Q {\n    pub fn cut(&mut self) {\n        self.batches.push(self.current.clone());\n        self.count += 1;\n        self.current = Vec::new();\n    }\n}\n`;
    const after = await verifyFix(src, RULE, { compile: rustcCheck });
    assert.ok(after.includes('self.batches.push(std::mem::take(&mut self.current));\n        self.count += 1;\n    }'), after);
    const none = async (body: string) => assert.deepStrictEqual(await flagged(method(body)), [], body);
    await none('self.seen.insert(self.pending.len() as u32, 0); let v = self.pending.clone(); self.log(); self.pending.clear(); drop(v);');
    await none('let v = self.pending.clone(); let n = self.pending.len(); self.pending.clear(); drop((v, n));');
    await none('let v = self.pending.clone(); consume(self); self.pending.clear(); drop(v);');
  });

  it('reports but offers no fix when the binding might be a reference it cannot see', async () => {
    const src = 'pub fn f() { let mut buf = make(); let out = buf.clone(); buf = Vec::new(); drop(out); }';
    assert.deepStrictEqual(await flagged(src), ['buf.clone()']);
    assert.strictEqual((await lint(src, RULE))[0].data, undefined);
  });

  it('keeps a field\'s clear() out of fix-all: its type is out of sight', async () => {
    assert.strictEqual((await applyFix(method('        let batch = self.pending.clone();\n        self.pending.clear();\n        drop(batch);'), RULE)).fix.safe, false);
    assert.strictEqual((await applyFix(method('        let batch = self.pending.clone();\n        self.pending = Vec::new();\n        drop(batch);'), RULE)).fix.safe, true);
    assert.strictEqual((await applyFix('pub fn f(v: &mut Vec<u8>) -> Vec<u8> { let o = v.clone(); v.clear(); o }', RULE)).fix.safe, true);
  });

  it('leaves the near misses alone', async () => {
    const none = async (body: string) => assert.deepStrictEqual(await flagged(method(body)), [], body);
    // Not reset, or reset to something that is not empty.
    await none('let v = self.pending.clone(); self.pending.push(String::new()); drop(v);');
    await none('let v = self.pending.clone(); self.pending = Vec::with_capacity(8); drop(v);');
    await none('let v = self.current.clone(); self.current = Some(String::new()); drop(v);');
    // Read in between: taking early would change what that read sees.
    await none('let v = self.pending.clone(); println!("{}", self.pending.len()); self.pending.clear(); drop(v);');
    // The reset is conditional, or in another block.
    await none('let v = self.pending.clone(); if v.is_empty() { self.pending.clear(); }');
    // Another place is reset.
    await none('let v = self.pending.clone(); self.seen.clear(); drop(v);');
    // A closure may clone later, or many times.
    await none('let f = || self.pending.clone(); self.pending.clear(); drop(f);');
    // An early exit in between would leave the value in place in the original.
    await none('let v = self.pending.clone(); check(&v)?; self.pending.clear();');
    await none('let v = self.pending.clone(); if v.len() > 3 { return; } self.pending.clear();');
    // The statement reads the value again after cloning it.
    await none('let v = (self.pending.clone(), self.pending.len()); self.pending.clear(); drop(v);');
    // Reset first, clone after.
    await none('self.pending.clear(); let v = self.pending.clone(); drop(v);');
    // clear() of a local that is not known to be a std collection: a custom clear() may keep state.
    await none('for lit in lits.iter_mut() { let mut l = lit.clone(); l.cut(); old.push(l); lit.clear(); }');
    await none('let mut lit = Literal::new(); let copy = lit.clone(); lit.clear(); drop(copy);');
    // A clone of a call result is not a place that gets reset.
    await none('let v = self.items().clone(); self.pending.clear(); drop(v);');
  });
});
