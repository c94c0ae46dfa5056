import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'unwrap_in_production';
const flagged = async (src: string, path?: string) => (await lint(src, RULE, path)).map((f) => f.text);

describe(RULE, () => {
  it('flags unwrap and expect in ordinary code, on the method tail', async () => {
    assert.deepStrictEqual(await flagged('fn f(x: Option<u8>) -> u8 { x.unwrap() }'), ['.unwrap()']);
    assert.deepStrictEqual(await flagged('fn f(x: Result<u8, E>) -> u8 { x.expect("config is valid") }'), ['.expect("config is valid")']);
  });

  it('starts the range on the line of the dot in a multi-line chain', async () => {
    const src = 'fn f() -> u16 {\n    std::env::var("PORT")\n        .unwrap()\n        .parse()\n        .unwrap()\n}\n';
    const findings = await lint(src, RULE);
    assert.deepStrictEqual(findings.map((f) => src.slice(0, f.start).split('\n').length), [3, 5]);
  });

  it('names the receiver in the message', async () => {
    const [f] = await lint('fn f() { config.get("port").unwrap(); }', RULE);
    assert.match(f.message, /`config\.get\("port"\)\.unwrap\(\)` panics/);
  });

  it('leaves the safe relatives alone', async () => {
    assert.deepStrictEqual(await flagged('fn f(x: Option<u8>) -> u8 { x.unwrap_or(0) + x.unwrap_or_default() + x.unwrap_or_else(|| 1) }'), []);
    assert.deepStrictEqual(await flagged('fn f(x: Option<u8>) -> u8 { unwrap(x) }'), []);
    // `expect` with no argument or two is not Option/Result::expect.
    assert.deepStrictEqual(await flagged('fn f(p: Parser) { p.expect(); p.expect(Token::A, "x"); }'), []);
  });

  it('exempts test code', async () => {
    assert.deepStrictEqual(await flagged('#[test]\nfn t() { Some(1).unwrap(); }'), []);
    assert.deepStrictEqual(await flagged('#[tokio::test(flavor = "multi_thread")]\nasync fn t() { Some(1).unwrap(); }'), []);
    assert.deepStrictEqual(await flagged('#[cfg(test)]\nmod tests {\n  fn helper() { Some(1).unwrap(); }\n  mod deeper { fn h() { Some(1).unwrap(); } }\n}'), []);
    for (const path of ['tests/api.rs', 'benches/b.rs', 'examples/demo.rs', 'build.rs', 'crates/core/tests/it.rs']) {
      assert.deepStrictEqual(await flagged('fn f() { Some(1).unwrap(); }', path), [], path);
    }
  });

  it('does not exempt near misses of test code', async () => {
    assert.deepStrictEqual(await flagged('#[cfg(not(test))]\nmod real { fn f() { Some(1).unwrap(); } }'), ['.unwrap()']);
    assert.deepStrictEqual(await flagged('fn test_like() { Some(1).unwrap(); }'), ['.unwrap()']);
    assert.deepStrictEqual(await flagged('fn f() { Some(1).unwrap(); }', 'src/testing.rs'), ['.unwrap()']);
  });

  it('honours clippy allows and rust-patterns directives', async () => {
    assert.deepStrictEqual(await flagged('#[allow(clippy::unwrap_used)]\nfn f() { Some(1).unwrap(); }'), []);
    assert.deepStrictEqual(await flagged('#[expect(clippy::expect_used, reason = "checked above")]\nfn f() { Some(1).expect("x"); }'), []);
    assert.deepStrictEqual(await flagged('#![allow(clippy::unwrap_used)]\nfn f() { Some(1).unwrap(); }'), []);
    assert.deepStrictEqual(await flagged('#[allow(clippy::unwrap_used)]\nimpl S { fn f() { Some(1).unwrap(); } }'), []);
    assert.deepStrictEqual(await flagged('fn f() {\n    // rust-patterns: allow(unwrap_in_production)\n    Some(1).unwrap();\n    Some(2).unwrap();\n}'), ['.unwrap()']);
    assert.deepStrictEqual(await flagged('fn f() {\n    Some(1).unwrap(); // rust-patterns: allow(unwrap_in_production)\n}'), []);
    assert.deepStrictEqual(await flagged('// rust-patterns: allow-file(unwrap_in_production)\nfn f() { Some(1).unwrap(); }'), []);
    // Another rule's allow does not silence this one.
    assert.deepStrictEqual(await flagged('#[allow(clippy::clone_on_copy)]\nfn f() { Some(1).unwrap(); }'), ['.unwrap()']);
  });
});
