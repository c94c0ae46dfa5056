import * as assert from 'assert';
import { lint, sharedEngine } from '../support/engine';
import { applyFix, verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'stable_sort';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags the three stable sorts on the method name, naming the receiver', async () => {
    const src = 'fn f(mut ids: Vec<u64>, users: &mut [User]) {\n    ids.sort();\n    users.sort_by(|a, b| a.age.cmp(&b.age));\n    let n = 1;\n    ids.sort_by_key(|x| *x);\n}';
    assert.deepStrictEqual(await flagged(src), ['sort', 'sort_by', 'sort_by_key']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`ids\.sort\(\)` is a stable sort; `sort_unstable`/);
  });

  it('leaves unstable sorts and look-alikes alone', async () => {
    assert.deepStrictEqual(await flagged('fn f(v: &mut [u8]) { v.sort_unstable(); v.sort_unstable_by_key(|x| *x); v.sort_by_cached_key(|x| x.to_string()); }'), []);
    // Different arity: not slice::sort.
    assert.deepStrictEqual(await flagged('fn f(q: Query) { q.sort("name"); q.sort_by(); }'), []);
  });

  it('trusts code that relies on stability', async () => {
    // Sorting by a secondary key, then a primary one: the second pass keeps the first pass's order among ties.
    assert.deepStrictEqual(await flagged('fn f(v: &mut Vec<P>) {\n    v.sort_by_key(|p| p.name.clone());\n    v.sort_by_key(|p| p.age);\n}'), []);
    // A comment saying why.
    assert.deepStrictEqual(await flagged('fn f(v: &mut Vec<P>) {\n    // stable: equal priorities keep arrival order\n    v.sort_by_key(|p| p.priority);\n}'), []);
    assert.deepStrictEqual(await flagged('fn f(v: &mut Vec<P>) {\n    v.sort_by_key(|p| p.priority); // must preserve insertion order\n}'), []);
    // A wrapper whose own contract is a stable sort.
    assert.deepStrictEqual(await flagged('impl Entries {\n    pub fn sort_by_key<K: Ord>(&mut self, f: impl FnMut(&E) -> K) { self.0.sort_by_key(f) }\n}'), []);
    // An unrelated comment does not.
    assert.deepStrictEqual(await flagged('fn f(v: &mut Vec<u8>) {\n    // dedupe after this\n    v.sort();\n}'), ['sort']);
  });

  it('swaps each sort for its unstable twin, and the result compiles', async () => {
    const src = [
      'pub struct User { pub age: u32, pub name: String }',
      'pub fn order(ids: &mut Vec<u64>, users: &mut [User]) {',
      '    ids.sort();',
      '    users.sort_by(|a, b| a.age.cmp(&b.age));',
      '    ids.dedup();',
      '    users.iter_mut().for_each(|u| u.age += 1);',
      '    ids.sort_by_key(|x| std::cmp::Reverse(*x));',
      '}',
      '',
    ].join('\n');
    let after = await verifyFix(src, RULE, { finding: 'sort', compile: rustcCheck });
    assert.match(after, /ids\.sort_unstable\(\);/);
    after = await verifyFix(after, RULE, { finding: 'sort_by', compile: rustcCheck });
    assert.match(after, /users\.sort_unstable_by\(\|a, b\| a\.age\.cmp\(&b\.age\)\);/);
    after = await verifyFix(after, RULE, { compile: rustcCheck });
    assert.match(after, /ids\.sort_unstable_by_key\(\|x\| std::cmp::Reverse\(\*x\)\);/);
    assert.deepStrictEqual(await flagged(after), []);
  });

  it('flags the method name only, however long the comparator', async () => {
    const src = 'fn f(v: &mut Vec<P>) {\n    v.sort_by(|a, b| {\n        a.priority\n            .cmp(&b.priority)\n            .then_with(|| a.name.cmp(&b.name))\n    });\n}';
    const [f] = await lint(src, RULE);
    assert.strictEqual(f.text, 'sort_by');
    assert.match(f.message, /^`v\.sort_by\(…\)` is a stable sort/);
  });

  it('is never applied by fix-all: the order of equal elements may change', async () => {
    const src = 'pub fn f(v: &mut Vec<(u8, u8)>) { v.sort_by_key(|p| p.0); }\n';
    assert.strictEqual((await applyFix(src, RULE)).fix.safe, false);
    const engine = await sharedEngine();
    assert.strictEqual(engine.fixAll(src, { relativePath: 'src/lib.rs', timeoutSeconds: 10 }).text, src);
  });
});
