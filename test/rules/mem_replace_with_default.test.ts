import * as assert from 'assert';
import { lint } from '../support/engine';
import { verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'mem_replace_with_default';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

const STRUCT = 'pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }\n';
const method = (body: string, uses = '') => `${uses}${STRUCT}impl Log {\n    pub fn drain(&mut self) {\n        ${body}\n    }\n}\n`;

describe(RULE, () => {
  it('flags the replace path and names the whole call and its replacement', async () => {
    const [f] = await lint(method('let e = std::mem::replace(&mut self.events, Vec::new()); drop(e);'), RULE);
    assert.strictEqual(f.text, 'std::mem::replace');
    assert.match(f.message, /`std::mem::replace\(&mut self\.events, Vec::new\(\)\)` leaves an empty value behind: write `std::mem::take\(&mut self\.events\)`/);
  });

  it('fixes each empty value, keeping the path style of the file; rustc accepts before and after', async () => {
    const cases: [string, string, string][] = [
      ['', 'let e = std::mem::replace(&mut self.events, Vec::new()); drop(e);', 'let e = std::mem::take(&mut self.events);'],
      ['use std::mem;\n', 'let e = mem::replace(&mut self.events, vec![]); drop(e);', 'let e = mem::take(&mut self.events);'],
      ['use std::mem::replace;\n', 'let n = replace(&mut self.name, String::new()); drop(n);', 'let n = std::mem::take(&mut self.name);'],
      ['use std::mem::{self, replace};\n', 'let n = replace(&mut self.name, Default::default()); drop(n);', 'let n = mem::take(&mut self.name);'],
      ['', 'let s = std::mem::replace(&mut self.state, None); drop(s);', 'let s = self.state.take();'],
      ['', 'let n = core::mem::replace(&mut self.name, String::default()); drop(n);', 'let n = core::mem::take(&mut self.name);'],
      ['use core::mem::replace;\n', 'let e = replace(&mut self.events, Vec::new()); drop(e);', 'let e = core::mem::take(&mut self.events);'],
    ];
    for (const [uses, body, expected] of cases) {
      const after = await verifyFix(method(body, uses), RULE, { compile: rustcCheck });
      assert.ok(after.includes(expected), `${body}\n→\n${after}`);
    }
  });

  it('passes a `&mut` binding through unchanged', async () => {
    const src = 'pub fn reset(slot: &mut Option<u8>, v: &mut Vec<u8>) -> (Option<u8>, Vec<u8>) {\n    (std::mem::replace(slot, None), std::mem::replace(v, Vec::new()))\n}\n';
    const after = await verifyFix(src, RULE, { compile: rustcCheck });
    assert.ok(after.includes('(std::mem::take(slot), std::mem::replace(v, Vec::new()))'), after);
    assert.ok((await verifyFix(src, RULE, { compile: rustcCheck, finding: 1 })).includes('(std::mem::replace(slot, None), std::mem::take(v))'));
  });

  it('leaves the near misses alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    // A real replacement value is what replace is for.
    await none(method('let e = std::mem::replace(&mut self.events, vec![String::new()]); drop(e);'));
    await none(method('let e = std::mem::replace(&mut self.events, Vec::with_capacity(16)); drop(e);'));
    await none(method('let s = std::mem::replace(&mut self.state, Some(0)); drop(s);'));
    await none(method('let n = std::mem::replace(&mut self.name, String::from("x")); drop(n);'));
    // Not std's replace.
    await none(method('let n = self.name.replace("a", ""); drop(n);'));
    await none('fn replace<T>(a: &mut T, b: T) -> T { b }\nfn f(v: &mut Vec<u8>) { replace(v, Vec::new()); }');
    await none('use regex::Regex;\nfn f(r: Regex) { r.replace("x", ""); }');
    // Already take.
    await none(method('let e = std::mem::take(&mut self.events); drop(e);'));
  });
});
