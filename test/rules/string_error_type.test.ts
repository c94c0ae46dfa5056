import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'string_error_type';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags Result<_, String> and Result<_, &str> returned by pub fns, naming the fn', async () => {
    const src = [
      'pub fn withdraw(amount: u64) -> Result<(), String> { Ok(()) }',
      "pub fn name(id: u8) -> Result<&'static str, &'static str> { Err(\"unknown\") }",
      'impl Account { pub async fn open(&self) -> Result<Self, std::string::String> { todo!() } }',
      'pub fn nested() -> Option<Result<u8, &str>> { None }',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['Result<(), String>', "Result<&'static str, &'static str>", 'Result<Self, std::string::String>', 'Result<u8, &str>']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`pub fn withdraw` returns `Result<\(\), String>`: callers can only tell its errors apart by reading the text/);
  });

  it('leaves the near misses alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    // Not public API.
    await none('fn f() -> Result<(), String> { Ok(()) }\npub(crate) fn g() -> Result<(), String> { Ok(()) }');
    // String as the Ok type, or a structured error.
    await none('pub fn f() -> Result<String, ParseError> { todo!() }\npub fn g() -> Result<String, Box<dyn std::error::Error>> { todo!() }');
    // Hidden from the docs: not API (test helpers, deprecated shims).
    await none('#[doc(hidden)]\npub fn check_invariants() -> Result<(), String> { Ok(()) }');
    // Trait implementations follow the trait.
    await none('impl TryFrom<u8> for Kind { type Error = String; pub fn try_from(v: u8) -> Result<Self, String> { todo!() } }');
    // Someone else's String.
    await none('use mylib::String;\npub fn f() -> Result<(), String> { Ok(()) }');
    await none('#[cfg(test)]\nmod tests { pub fn helper() -> Result<(), String> { Ok(()) } }');
  });
});
