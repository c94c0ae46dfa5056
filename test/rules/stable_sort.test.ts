import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { packageDeclaring, sharedEngine } from '../support/engine';
import { applyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'stable_sort';

describe(RULE, () => {
  it('flags the three stable sorts on the method name, naming the receiver', async () => {
    await checkRule(RULE, `
      fn f(mut ids: Vec<u64>, users: &mut [User]) {
          ids.sort();
            //^^^^ \`ids.sort()\` is a stable sort; \`sort_unstable\` is faster and allocates nothing
          users.sort_by(|a, b| a.age.cmp(&b.age));
              //^^^^^^^ \`users.sort_by(…)\` is a stable sort
          let n = 1;
          ids.sort_by_key(|x| *x);
            //^^^^^^^^^^^ \`ids.sort_by_key(…)\` is a stable sort
      }
    `);
  });

  it('leaves unstable sorts and look-alikes alone', async () => {
    await checkRule(RULE, `
      fn f(v: &mut [u8]) { v.sort_unstable(); v.sort_unstable_by_key(|x| *x); v.sort_by_cached_key(|x| x.to_string()); }
    `);
    // Different arity: not slice::sort.
    await checkRule(RULE, `
      fn f(q: Query) { q.sort("name"); q.sort_by(); }
    `);
  });

  it('trusts code that relies on stability', async () => {
    // Sorting by a secondary key, then a primary one: the second pass keeps the first pass's order among ties.
    await checkRule(RULE, `
      fn f(v: &mut Vec<P>) {
          v.sort_by_key(|p| p.name.clone());
          v.sort_by_key(|p| p.age);
      }
    `);
    // A comment saying why.
    await checkRule(RULE, `
      fn f(v: &mut Vec<P>) {
          // stable: equal priorities keep arrival order
          v.sort_by_key(|p| p.priority);
      }
    `);
    await checkRule(RULE, `
      fn f(v: &mut Vec<P>) {
          v.sort_by_key(|p| p.priority); // must preserve insertion order
      }
    `);
    // A wrapper whose own contract is a stable sort.
    await checkRule(RULE, `
      impl Entries {
          pub fn sort_by_key<K: Ord>(&mut self, f: impl FnMut(&E) -> K) { self.0.sort_by_key(f) }
      }
    `);
    // An unrelated comment does not.
    await checkRule(RULE, `
      fn f(v: &mut Vec<u8>) {
          // dedupe after this
          v.sort();
          //^^^^ \`v.sort()\` is a stable sort
      }
    `);
  });

  it('swaps each sort for its unstable twin, and the result compiles', async () => {
    await checkFix(RULE, `
      pub struct User { pub age: u32, pub name: String }
      pub fn order(ids: &mut Vec<u64>, users: &mut [User]) {
          ids.sort();
          users.sort_by(|a, b| a.age.cmp(&b.age));
          ids.dedup();
          users.iter_mut().for_each(|u| u.age += 1);
          ids.sort_by_key(|x| std::cmp::Reverse(*x));
      }
    `, `
      pub struct User { pub age: u32, pub name: String }
      pub fn order(ids: &mut Vec<u64>, users: &mut [User]) {
          ids.sort_unstable();
          users.sort_by(|a, b| a.age.cmp(&b.age));
          ids.dedup();
          users.iter_mut().for_each(|u| u.age += 1);
          ids.sort_by_key(|x| std::cmp::Reverse(*x));
      }
    `, { finding: 'sort', compile: rustcCheck });
    await checkFix(RULE, `
      pub struct User { pub age: u32, pub name: String }
      pub fn order(ids: &mut Vec<u64>, users: &mut [User]) {
          ids.sort();
          users.sort_by(|a, b| a.age.cmp(&b.age));
          ids.dedup();
          users.iter_mut().for_each(|u| u.age += 1);
          ids.sort_by_key(|x| std::cmp::Reverse(*x));
      }
    `, `
      pub struct User { pub age: u32, pub name: String }
      pub fn order(ids: &mut Vec<u64>, users: &mut [User]) {
          ids.sort();
          users.sort_unstable_by(|a, b| a.age.cmp(&b.age));
          ids.dedup();
          users.iter_mut().for_each(|u| u.age += 1);
          ids.sort_by_key(|x| std::cmp::Reverse(*x));
      }
    `, { finding: 'sort_by', compile: rustcCheck });
    await checkFix(RULE, `
      pub struct User { pub age: u32, pub name: String }
      pub fn order(ids: &mut Vec<u64>, users: &mut [User]) {
          ids.sort();
          users.sort_by(|a, b| a.age.cmp(&b.age));
          ids.dedup();
          users.iter_mut().for_each(|u| u.age += 1);
          ids.sort_by_key(|x| std::cmp::Reverse(*x));
      }
    `, `
      pub struct User { pub age: u32, pub name: String }
      pub fn order(ids: &mut Vec<u64>, users: &mut [User]) {
          ids.sort();
          users.sort_by(|a, b| a.age.cmp(&b.age));
          ids.dedup();
          users.iter_mut().for_each(|u| u.age += 1);
          ids.sort_unstable_by_key(|x| std::cmp::Reverse(*x));
      }
    `, { finding: 'sort_by_key', compile: rustcCheck });
  });

  it('flags the method name only, however long the comparator', async () => {
    await checkRule(RULE, `
      fn f(v: &mut Vec<P>) {
          v.sort_by(|a, b| {
          //^^^^^^^ \`v.sort_by(…)\` is a stable sort
              a.priority
                  .cmp(&b.priority)
                  .then_with(|| a.name.cmp(&b.name))
          });
      }
    `);
  });

  it('leaves a package promising a Rust older than 1.20 alone: it has no unstable sorts', async () => {
    const code = `
      pub fn f(ids: &mut Vec<u64>) {
          ids.sort();
      }
    `;
    await checkRule(RULE, code, { crate: packageDeclaring([1, 13, 0]) });
    await checkRule(RULE, code.replace('ids.sort();', 'ids.sort();\n            //^^^^ is a stable sort'), { crate: packageDeclaring([1, 20, 0]) });
  });

  it('is never applied by fix-all: the order of equal elements may change', async () => {
    const src = 'pub fn f(v: &mut Vec<(u8, u8)>) { v.sort_by_key(|p| p.0); }\n';
    assert.strictEqual((await applyFix(src, RULE)).fix.safe, false);
    const engine = await sharedEngine();
    assert.strictEqual(engine.fixAll(src, { relativePath: 'src/lib.rs', timeoutSeconds: 10 }).text, src);
  });
});
