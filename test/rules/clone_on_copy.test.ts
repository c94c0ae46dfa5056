import * as assert from 'assert';
import { lint } from '../support/engine';
import { verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'clone_on_copy';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags clone on primitive-typed bindings and literals, on `.clone()`, naming the value and its type', async () => {
    const src = 'pub fn scale(factor: f64, xs: &mut [f64]) {\n    for x in xs.iter_mut() {\n        *x *= factor.clone();\n    }\n}\n';
    const [f] = await lint(src, RULE);
    assert.strictEqual(f.text, '.clone()');
    assert.match(f.message, /`factor` is a `f64`, which is `Copy`: `factor\.clone\(\)` is just `factor`/);
    assert.ok((await verifyFix(src, RULE, { compile: rustcCheck })).includes('*x *= factor;'));
  });

  it('fixes every shape; rustc accepts before and after', async () => {
    const cases: [string, string][] = [
      ['pub fn f() -> u8 { 5u8.clone() }', '{ 5u8 }'],
      ['pub fn f() -> i64 { let n: i64 = 3; -n.clone() }', '-n }'],
      ['pub fn f() -> char { let c = \'x\'; c.clone() }', 'c }'],
      ['pub fn f(flag: bool) -> bool { !flag.clone() }', '!flag }'],
      ['pub fn f() -> f64 { let r: f64 = -1.5; r.clone().abs() }', 'r.abs() }'],
      ['pub fn f(n: usize) -> Vec<usize> { vec![n.clone(); 3] }', '[n.clone(); 3]'],
    ];
    for (const [src, expected] of cases) {
      if (src.includes('vec![')) {
        // Inside a macro the call is not parsed: nothing is flagged there.
        assert.deepStrictEqual(await flagged(src), []);
        continue;
      }
      const after = await verifyFix(src, RULE, { compile: rustcCheck });
      assert.ok(after.includes(expected), after);
    }
  });

  it('leaves the near misses alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    // References: dropping the clone would change the type from u32 to &u32.
    await none('pub fn f(x: &u32) -> u32 { x.clone() }');
    await none('pub fn f(s: &str) -> &str { s.clone() }');
    // Not a primitive, or not known.
    await none('pub fn f(v: Vec<u8>) -> Vec<u8> { v.clone() }');
    await none('pub fn f(x: Meters) -> Meters { x.clone() }');
    await none('pub fn f() -> u32 { let n = compute(); n.clone() }');
    await none('pub fn f() -> String { let s = "abc".to_string(); s.clone() }');
    // A string literal is a reference, not a primitive number.
    await none('pub fn f() -> &\'static str { "abc".clone() }');
    // Bound by a pattern: its type is not declared here.
    await none('pub fn f(v: &[u32]) -> u32 { let mut t = 0; for x in v { t += x.clone(); } t }');
  });
});
