import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'static_mut';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags `static mut` items, at module level and inside fns, from `static` to the name', async () => {
    const src = 'pub static mut COUNTER: u64 = 0;\nfn f() { static mut SEEN: bool = false; }';
    assert.deepStrictEqual(await flagged(src), ['static mut COUNTER', 'static mut SEEN']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`static mut COUNTER` is global mutable state: every access is `unsafe`/);
  });

  it('leaves immutable statics, consts, `mut` bindings and FFI declarations alone', async () => {
    const src = [
      'static COUNTER: AtomicU64 = AtomicU64::new(0);',
      'const MAX: u8 = 1;',
      'fn f() { let mut x = 0; x += 1; }',
      'extern "C" { static mut errno: i32; }',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), []);
  });
});
