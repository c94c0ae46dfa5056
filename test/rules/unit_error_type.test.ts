import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'unit_error_type';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags Result<_, ()> in return types, on the Result, naming the fn', async () => {
    const src = [
      'pub fn parse_port(s: &str) -> Result<u16, ()> { s.parse().map_err(|_| ()) }',
      'fn private() -> Option<Result<(), ()>> { None }',
      'trait Store { fn get(&self) -> std::result::Result<Vec<u8>, ()>; }',
      'impl S { pub async fn load(&self) -> Result<u8, ( )> { Ok(1) } }',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['Result<u16, ()>', 'Result<(), ()>', 'std::result::Result<Vec<u8>, ()>', 'Result<u8, ( )>']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`parse_port` returns `Result<u16, \(\)>`: the `\(\)` error tells callers nothing/);
  });

  it('leaves the near misses alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    // () as the Ok type is fine; so are real errors.
    await none('pub fn save() -> Result<(), std::io::Error> { Ok(()) }\npub fn f() -> io::Result<()> { Ok(()) }\npub fn g() -> fmt::Result { Ok(()) }');
    // A trait implementation cannot choose its signature.
    await none('impl FromStr for Port { type Err = (); fn from_str(s: &str) -> Result<Self, ()> { Err(()) } }');
    // Parameters and bodies are not the fn's contract.
    await none('pub fn f(r: Result<u8, ()>) -> u8 { let x: Result<u8, ()> = r; 0 }');
    await none('#[cfg(test)]\nmod tests { fn helper() -> Result<(), ()> { Ok(()) } }');
  });
});
