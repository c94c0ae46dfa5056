import * as assert from 'assert';
import { checkFix, checkRule, parseFixture } from '../support/checkRule';
import { lint } from '../support/engine';
import { applyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'clone_then_reset';

const STRUCT = 'pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }\n';
const method = (body: string, ret = '') => `${STRUCT}impl Batcher {\n    pub fn flush(&mut self)${ret} {\n${body}\n    }\n}\n`;

describe(RULE, () => {
  it('flags a field cloned then cleared, on the clone, and names it', async () => {
    const src = `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let batch = self.pending.clone();
                        //^^^^^^^^^^^^^^^^^^^^ \`self.pending\` is cloned, then reset by \`self.pending.clear();\`: \`std::mem::take(&mut self.pending)\`
              self.pending.clear();
              drop(batch);
          }
      }
    `;
    await checkRule(RULE, src);
    // The reset is its related location.
    const code = parseFixture(src).code;
    const [f] = await lint(code, RULE);
    assert.strictEqual(code.slice(f.related![0].start, f.related![0].end), 'self.pending.clear();');
  });

  it('fixes clear() with mem::take and removes the reset line; rustc accepts before and after', async () => {
    await checkFix(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let batch = self.pending.clone();
              self.pending.clear();
              drop(batch);
          }
      }
    `, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let batch = std::mem::take(&mut self.pending);
              drop(batch);
          }
      }
    `, { compile: rustcCheck });
  });

  it('uses Option::take for an Option reset to None', async () => {
    await checkFix(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let last = self.current.clone();
              self.current = None;
              drop(last);
          }
      }
    `, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let last = self.current.take();
              drop(last);
          }
      }
    `, { compile: rustcCheck });
  });

  it('respects `use std::mem;` and `use std::mem::take;`', async () => {
    await checkFix(RULE, `
      use std::mem;
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let seen = self.seen.clone();
              self.seen = Default::default();
              drop(seen);
          }
      }
      pub fn other() -> u8 { mem::size_of::<u8>() as u8 }
    `, `
      use std::mem;
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let seen = mem::take(&mut self.seen);
              drop(seen);
          }
      }
      pub fn other() -> u8 { mem::size_of::<u8>() as u8 }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      use std::mem::take;
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let seen = self.seen.clone();
              self.seen = Default::default();
              drop(seen);
          }
      }
      pub fn t(v: &mut Vec<u8>) -> Vec<u8> { take(v) }
    `, `
      use std::mem::take;
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
              let seen = take(&mut self.seen);
              drop(seen);
          }
      }
      pub fn t(v: &mut Vec<u8>) -> Vec<u8> { take(v) }
    `, { compile: rustcCheck });
  });

  it('handles locals, `&mut` parameters and a clone inside a larger statement', async () => {
    await checkFix(RULE, `
      pub fn lines(input: &str) -> Vec<String> {
          let mut out = Vec::new();
          let mut buf = String::new();
          for c in input.chars() {
              if c == '\\n' {
                  out.push(buf.clone());
                  buf = String::new();
              } else {
                  buf.push(c);
              }
          }
          out
      }
    `, `
      pub fn lines(input: &str) -> Vec<String> {
          let mut out = Vec::new();
          let mut buf = String::new();
          for c in input.chars() {
              if c == '\\n' {
                  out.push(std::mem::take(&mut buf));
              } else {
                  buf.push(c);
              }
          }
          out
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn drain(buf: &mut Vec<u8>) -> Vec<u8> {
          let out = buf.clone();
          buf.clear();
          out
      }
    `, `
      pub fn drain(buf: &mut Vec<u8>) -> Vec<u8> {
          let out = std::mem::take(buf);
          out
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn reset(mut v: Vec<u8>) -> (Vec<u8>, Vec<u8>) {
          let old = v.clone(); v = vec![];
          (old, v)
      }
    `, `
      pub fn reset(mut v: Vec<u8>) -> (Vec<u8>, Vec<u8>) {
          let old = std::mem::take(&mut v);
          (old, v)
      }
    `, { compile: rustcCheck });
  });

  it('sees past other fields of the same struct, not past method calls on it', async () => {
    await checkFix(RULE, `
      pub struct Q { pub batches: Vec<Vec<u8>>, pub current: Vec<u8>, pub count: usize }
      impl Q {
          pub fn cut(&mut self) {
              self.batches.push(self.current.clone());
              self.count += 1;
              self.current = Vec::new();
          }
      }
    `, `
      pub struct Q { pub batches: Vec<Vec<u8>>, pub current: Vec<u8>, pub count: usize }
      impl Q {
          pub fn cut(&mut self) {
              self.batches.push(std::mem::take(&mut self.current));
              self.count += 1;
          }
      }
    `, { compile: rustcCheck });
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      self.seen.insert(self.pending.len() as u32, 0); let v = self.pending.clone(); self.log(); self.pending.clear(); drop(v);
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); let n = self.pending.len(); self.pending.clear(); drop((v, n));
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); consume(self); self.pending.clear(); drop(v);
          }
      }
    `);
  });

  it('reports but offers no fix when the binding might be a reference it cannot see', async () => {
    const src = `
      pub fn f() { let mut buf = make(); let out = buf.clone(); buf = Vec::new(); drop(out); }
                                                 //^^^^^^^^^^^ \`buf\` is cloned, then reset by \`buf = Vec::new();\`
    `;
    await checkRule(RULE, src);
    assert.strictEqual((await lint(parseFixture(src).code, RULE))[0].data, undefined);
  });

  it('keeps a field\'s clear() out of fix-all: its type is out of sight', async () => {
    assert.strictEqual((await applyFix(method('        let batch = self.pending.clone();\n        self.pending.clear();\n        drop(batch);'), RULE)).fix.safe, false);
    assert.strictEqual((await applyFix(method('        let batch = self.pending.clone();\n        self.pending = Vec::new();\n        drop(batch);'), RULE)).fix.safe, true);
    assert.strictEqual((await applyFix('pub fn f(v: &mut Vec<u8>) -> Vec<u8> { let o = v.clone(); v.clear(); o }', RULE)).fix.safe, true);
  });

  it('leaves the near misses alone', async () => {
    // Not reset, or reset to something that is not empty.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); self.pending.push(String::new()); drop(v);
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); self.pending = Vec::with_capacity(8); drop(v);
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.current.clone(); self.current = Some(String::new()); drop(v);
          }
      }
    `);
    // Read in between: taking early would change what that read sees.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); println!("{}", self.pending.len()); self.pending.clear(); drop(v);
          }
      }
    `);
    // The reset is conditional, or in another block.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); if v.is_empty() { self.pending.clear(); }
          }
      }
    `);
    // Another place is reset.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); self.seen.clear(); drop(v);
          }
      }
    `);
    // A closure may clone later, or many times.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let f = || self.pending.clone(); self.pending.clear(); drop(f);
          }
      }
    `);
    // An early exit in between would leave the value in place in the original.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); check(&v)?; self.pending.clear();
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.pending.clone(); if v.len() > 3 { return; } self.pending.clear();
          }
      }
    `);
    // The statement reads the value again after cloning it.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = (self.pending.clone(), self.pending.len()); self.pending.clear(); drop(v);
          }
      }
    `);
    // Reset first, clone after.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      self.pending.clear(); let v = self.pending.clone(); drop(v);
          }
      }
    `);
    // clear() of a local that is not known to be a std collection: a custom clear() may keep state.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      for lit in lits.iter_mut() { let mut l = lit.clone(); l.cut(); old.push(l); lit.clear(); }
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let mut lit = Literal::new(); let copy = lit.clone(); lit.clear(); drop(copy);
          }
      }
    `);
    // A clone of a call result is not a place that gets reset.
    await checkRule(RULE, `
      pub struct Batcher { pub pending: Vec<String>, pub current: Option<String>, pub seen: std::collections::HashMap<u32, u32> }
      impl Batcher {
          pub fn flush(&mut self) {
      let v = self.items().clone(); self.pending.clear(); drop(v);
          }
      }
    `);
  });
});
