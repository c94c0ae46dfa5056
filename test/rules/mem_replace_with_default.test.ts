import { checkFix, checkRule } from '../support/checkRule';
import { rustcCheck } from '../support/rustc';

const RULE = 'mem_replace_with_default';

describe(RULE, () => {
  it('flags the replace path and names the whole call and its replacement', () =>
    checkRule(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = std::mem::replace(&mut self.events, Vec::new()); drop(e);
                    //^^^^^^^^^^^^^^^^^ \`std::mem::replace(&mut self.events, Vec::new())\` leaves an empty value behind: write \`std::mem::take(&mut self.events)\`
          }
      }
    `));

  it('fixes each empty value, keeping the path style of the file; rustc accepts before and after', async () => {
    await checkFix(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = std::mem::replace(&mut self.events, Vec::new()); drop(e);
          }
      }
    `, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = std::mem::take(&mut self.events); drop(e);
          }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      use std::mem;
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = mem::replace(&mut self.events, vec![]); drop(e);
          }
      }
    `, `
      use std::mem;
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = mem::take(&mut self.events); drop(e);
          }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      use std::mem::replace;
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = replace(&mut self.name, String::new()); drop(n);
          }
      }
    `, `
      use std::mem::replace;
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = std::mem::take(&mut self.name); drop(n);
          }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      use std::mem::{self, replace};
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = replace(&mut self.name, Default::default()); drop(n);
          }
      }
    `, `
      use std::mem::{self, replace};
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = mem::take(&mut self.name); drop(n);
          }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let s = std::mem::replace(&mut self.state, None); drop(s);
          }
      }
    `, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let s = self.state.take(); drop(s);
          }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = core::mem::replace(&mut self.name, String::default()); drop(n);
          }
      }
    `, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = core::mem::take(&mut self.name); drop(n);
          }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      use core::mem::replace;
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = replace(&mut self.events, Vec::new()); drop(e);
          }
      }
    `, `
      use core::mem::replace;
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = core::mem::take(&mut self.events); drop(e);
          }
      }
    `, { compile: rustcCheck });
  });

  it('passes a `&mut` binding through unchanged', async () => {
    await checkFix(RULE, `
      pub fn reset(slot: &mut Option<u8>, v: &mut Vec<u8>) -> (Option<u8>, Vec<u8>) {
          (std::mem::replace(slot, None), std::mem::replace(v, Vec::new()))
      }
    `, `
      pub fn reset(slot: &mut Option<u8>, v: &mut Vec<u8>) -> (Option<u8>, Vec<u8>) {
          (std::mem::take(slot), std::mem::replace(v, Vec::new()))
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn reset(slot: &mut Option<u8>, v: &mut Vec<u8>) -> (Option<u8>, Vec<u8>) {
          (std::mem::replace(slot, None), std::mem::replace(v, Vec::new()))
      }
    `, `
      pub fn reset(slot: &mut Option<u8>, v: &mut Vec<u8>) -> (Option<u8>, Vec<u8>) {
          (std::mem::replace(slot, None), std::mem::take(v))
      }
    `, { compile: rustcCheck, finding: 1 });
  });

  it('leaves the near misses alone', async () => {
    // A real replacement value is what replace is for.
    await checkRule(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = std::mem::replace(&mut self.events, vec![String::new()]); drop(e);
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = std::mem::replace(&mut self.events, Vec::with_capacity(16)); drop(e);
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let s = std::mem::replace(&mut self.state, Some(0)); drop(s);
          }
      }
    `);
    await checkRule(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = std::mem::replace(&mut self.name, String::from("x")); drop(n);
          }
      }
    `);
    // Not std's replace.
    await checkRule(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let n = self.name.replace("a", ""); drop(n);
          }
      }
    `);
    await checkRule(RULE, `
      fn replace<T>(a: &mut T, b: T) -> T { b }
      fn f(v: &mut Vec<u8>) { replace(v, Vec::new()); }
    `);
    await checkRule(RULE, `
      use regex::Regex;
      fn f(r: Regex) { r.replace("x", ""); }
    `);
    // Already take.
    await checkRule(RULE, `
      pub struct Log { pub events: Vec<String>, pub state: Option<u32>, pub name: String }
      impl Log {
          pub fn drain(&mut self) {
              let e = std::mem::take(&mut self.events); drop(e);
          }
      }
    `);
  });

  it('reads `""` and `&[]` as the defaults of `&str` and `&[T]`; rustc accepts before and after', async () => {
    await checkRule(RULE, `
      pub fn next<'a>(rest: &mut &'a str, parts: &mut &'a [u8]) -> (&'a str, &'a [u8]) {
          (std::mem::replace(rest, ""), std::mem::replace(parts, &[]))
         //^^^^^^^^^^^^^^^^^ \`std::mem::replace(rest, "")\` leaves an empty value behind: write \`std::mem::take(rest)\`.
                                      //^^^^^^^^^^^^^^^^^ \`std::mem::replace(parts, &[])\` leaves an empty value behind: write \`std::mem::take(parts)\`.
      }
    `);
    await checkFix(RULE, `
      pub fn next<'a>(rest: &mut &'a str) -> &'a str {
          std::mem::replace(rest, "")
      }
    `, `
      pub fn next<'a>(rest: &mut &'a str) -> &'a str {
          std::mem::take(rest)
      }
    `, { compile: rustcCheck });
  });

  it('leaves a discarded result (a plain reset) and the default of a primitive, as clippy does', () =>
    checkRule(RULE, `
      pub struct Counter { pub name: String, pub hits: u8 }
      pub fn reset(c: &mut Counter) -> u8 {
          std::mem::replace(&mut c.name, String::new());
          std::mem::replace(&mut c.hits, u8::default())
      }
    `));
});
