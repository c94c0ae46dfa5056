import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { rustcCheck } from '../support/rustc';

const RULE = 'redundant_clone';

describe(RULE, () => {
  it('flags the clone of a by-value parameter used nowhere after, on `.clone()`, naming it', async () => {
    await checkRule(RULE, `
      use std::collections::HashMap;
      pub fn register(users: &mut HashMap<String, u32>, name: String, id: u32) {
          users.insert(name.clone(), id);
                         //^^^^^^^^ \`name\` is not used after \`name.clone()\`: move \`name\`
      }
    `);
    await checkFix(RULE, `
      use std::collections::HashMap;
      pub fn register(users: &mut HashMap<String, u32>, name: String, id: u32) {
          users.insert(name.clone(), id);
      }
    `, `
      use std::collections::HashMap;
      pub fn register(users: &mut HashMap<String, u32>, name: String, id: u32) {
          users.insert(name, id);
      }
    `, { compile: rustcCheck });
  });

  it('sees through a later let that shadows the name: the clone is still the last use of the first value', () =>
    checkRule(RULE, `
      pub fn label(users: &mut Vec<String>, name: String) -> usize {
          users.push(name.clone());
                       //^^^^^^^^ \`name\` is not used after \`name.clone()\`
          let name = users.len().to_string();
          name.len()
      }
      pub fn trimmed(users: &mut Vec<String>, name: String) -> usize {
          users.push(name.clone());
          let name = name.trim();
          name.len()
      }
      pub fn nested(users: &mut Vec<String>, name: String) -> usize {
          {
              users.push(name.clone());
              let name = 1;
          }
          name.len()
      }
    `));

  it('reads a local only within its block, and past the borrows an earlier block ended and the comments', () =>
    checkRule(RULE, `
      pub fn f(out: &mut Vec<String>) {
          {
              let key = String::from("a");
              out.push(key.clone());
                        //^^^^^^^^ \`key\` is not used after \`key.clone()\`
          }
          let key = String::from("b");
          out.push(key);
      }
      pub fn g(out: &mut Vec<String>, s: String) {
          {
              let first = &s;
              let _copy = first.len();
          }
          // s is done with here
          out.push(s.clone());
                  //^^^^^^^^ \`s\` is not used after \`s.clone()\`
          // first and s are no more
      }
    `));

  it('reads to_string() and to_owned() of a String as the copies they are, and no other conversion', async () => {
    await checkRule(RULE, `
      pub struct User { pub display: String, pub label: String }
      pub fn rename(user: &mut User, name: String, n: u32, words: Vec<String>) -> (String, Vec<String>) {
          user.display = name.to_string();
                           //^^^^^^^^^^^^ \`name\` is not used after \`name.to_string()\`
          let tag = format!("#{}", n);
          user.label = tag.to_owned();
                        //^^^^^^^^^^^ \`tag\` is not used after \`tag.to_owned()\`
          (n.to_string(), words.to_owned())
      }
    `);
    await checkFix(RULE, `
      pub fn greet(name: String, out: &mut Vec<String>) {
          out.push(name.to_string());
      }
    `, `
      pub fn greet(name: String, out: &mut Vec<String>) {
          out.push(name);
      }
    `, { compile: rustcCheck });
  });

  it('fixes owned locals from constructors, macros and conversions; rustc accepts before and after', async () => {
    await checkFix(RULE, `
      use std::collections::HashMap;
      pub fn f(map: &mut HashMap<String, u32>) {
          let key = String::from("a");
          map.insert(key.clone(), 1);
      }
    `, `
      use std::collections::HashMap;
      pub fn f(map: &mut HashMap<String, u32>) {
          let key = String::from("a");
          map.insert(key, 1);
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f(n: u32, out: &mut Vec<String>) {
          let msg = format!("n = {}", n);
          out.push(msg.clone());
      }
    `, `
      pub fn f(n: u32, out: &mut Vec<String>) {
          let msg = format!("n = {}", n);
          out.push(msg);
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f(out: &mut Vec<String>) {
          for i in 0..3 {
              let s = i.to_string();
              out.push(s.clone());
          }
      }
    `, `
      pub fn f(out: &mut Vec<String>) {
          for i in 0..3 {
              let s = i.to_string();
              out.push(s);
          }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f(c: bool) -> Vec<u8> {
          let v: Vec<u8> = vec![1, 2];
          if c { v.clone() } else { Vec::new() }
      }
    `, `
      pub fn f(c: bool) -> Vec<u8> {
          let v: Vec<u8> = vec![1, 2];
          if c { v } else { Vec::new() }
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub struct U { pub n: String, pub e: String }
      pub fn f(users: &mut Vec<(String, U)>, name: String, e: String) {
          let user = U { n: name.clone(), e };
          users.push((name.clone(), user));
      }
    `, `
      pub struct U { pub n: String, pub e: String }
      pub fn f(users: &mut Vec<(String, U)>, name: String, e: String) {
          let user = U { n: name.clone(), e };
          users.push((name, user));
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub struct U { pub name: String }
      pub fn f(users: &mut Vec<(String, U)>, name: String) {
          let user = U { name: name.clone() };
          users.push((name.clone(), user));
      }
    `, `
      pub struct U { pub name: String }
      pub fn f(users: &mut Vec<(String, U)>, name: String) {
          let user = U { name: name.clone() };
          users.push((name, user));
      }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f(words: &[&str]) -> usize {
          let all: Vec<String> = words.iter().map(|w| w.to_string()).collect();
          let n = all.len();
          consume(all.clone());
          n
      }
      fn consume(_: Vec<String>) {}
    `, `
      pub fn f(words: &[&str]) -> usize {
          let all: Vec<String> = words.iter().map(|w| w.to_string()).collect();
          let n = all.len();
          consume(all);
          n
      }
      fn consume(_: Vec<String>) {}
    `, { compile: rustcCheck });
  });

  it('copes with 100,000 nested parentheses (no stack overflow, no quadratic walk)', async () => {
    const deep = `pub fn f(a: String) -> String { g(${'('.repeat(100_000)}a.clone()${')'.repeat(100_000)}) }`;
    assert.deepStrictEqual(await lint(deep, RULE), []);
    assert.deepStrictEqual((await lint(deep)).filter((f) => f.ruleId === 'clone_then_reset' || f.ruleId === 'clone_on_copy'), []);
  });

  it('leaves the near misses alone', async () => {
    // Used afterwards, also through a format string capture or later in the same call.
    await checkRule(RULE, `
      pub fn f(name: String, out: &mut Vec<String>) { out.push(name.clone()); println!("{}", name); }
    `);
    await checkRule(RULE, `
      pub fn f(name: String, out: &mut Vec<String>) { out.push(name.clone()); println!("{name}"); }
    `);
    await checkRule(RULE, `
      pub fn f(name: String) -> (String, usize) { (name.clone(), name.len()) }
    `);
    await checkRule(RULE, `
      pub fn f(name: String) { g(&name, name.clone()); }
    `);
    // A parameter typed by an alias named for a borrow holds a reference: the clone is the owned copy.
    await checkRule(RULE, `
      pub type KeyRef<'a> = &'a JsonPath;
      pub fn f(key: KeyRef, out: &mut Vec<JsonPath>) { out.push(key.clone()); }
      pub fn g(key: PayloadKeyTypeRef, out: &mut Vec<JsonPath>) { out.push(key.clone()); }
    `);
    // In a loop or closure the clone runs again: the value is still needed.
    await checkRule(RULE, `
      pub fn f(name: String, out: &mut Vec<String>) { for _ in 0..3 { out.push(name.clone()); } }
    `);
    await checkRule(RULE, `
      pub fn f(name: String) -> impl Fn() -> String { move || name.clone() }
    `);
    await checkRule(RULE, `
      pub fn f(name: String, out: &mut Vec<String>) { let mut i = 0; while i < 3 { out.push(name.clone()); i += 1; } }
    `);
    // A reference, or a value whose type is unknown: removing the clone would change the type.
    await checkRule(RULE, `
      pub fn f(name: &String) -> String { name.clone() }
    `);
    await checkRule(RULE, `
      pub fn f(m: &std::collections::HashMap<u8, String>) -> String { let v = m.get(&1).unwrap(); v.clone() }
    `);
    await checkRule(RULE, `
      pub fn f() -> String { let v = make(); v.clone() }
    `);
    // Pattern bindings and fields.
    await checkRule(RULE, `
      pub fn f(o: Option<String>) -> String { if let Some(s) = o { s.clone() } else { String::new() } }
    `);
    await checkRule(RULE, `
      impl S { pub fn f(&self) -> String { self.name.clone() } }
    `);
    // A borrow taken earlier is still used after: moving would not compile.
    await checkRule(RULE, `
      pub fn f() -> usize { let v = vec![1]; let first = &v[0]; let w = v.clone(); *first + w.len() }
    `);
    await checkRule(RULE, `
      pub fn f(s: String, refs: &mut Vec<&str>) -> Vec<String> { let mut keep = Vec::new(); keep.push(s.as_str()); let w = vec![s.clone()]; drop(keep); w }
    `);
    // A typed `let` whose value keeps a borrow, used after the clone.
    await checkRule(RULE, `
      pub fn f(name: String, out: &mut Vec<String>) -> usize { let parts: Vec<&str> = name.split(' ').collect(); out.push(name.clone()); parts.len() }
    `);
    // A struct literal that keeps a borrow, used after the clone.
    await checkRule(RULE, `
      pub struct V<'a> { name: &'a str }
      pub fn f(name: String, out: &mut Vec<String>) -> usize { let v = V { name: &name }; out.push(name.clone()); v.name.len() }
    `);
    // Shadowed by a reference.
    await checkRule(RULE, `
      pub fn f(other: &String) -> String { let name = String::new(); { let name = other; name.clone() } }
    `);
    // A clone of a ManuallyDrop is how code bumps a reference count it will never drop (tokio's waker).
    await checkRule(RULE, `
      pub unsafe fn inc(p: *const u8) { let arc = std::mem::ManuallyDrop::new(std::sync::Arc::from_raw(p)); let _c: std::mem::ManuallyDrop<_> = arc.clone(); }
    `);
    // Tests clone on purpose, to exercise Clone.
    await checkRule(RULE, `
      #[test]
      fn clones() { let v = vec![1]; assert_eq!(v.clone(), vec![1]); }
    `);
    // Copy types are clone_on_copy's.
    await checkRule(RULE, `
      pub fn f(n: u32) -> u32 { n.clone() }
    `);
  });
});
