import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'trait_i_prefix';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags C#-style interface names, on the name, suggesting the unprefixed one', async () => {
    assert.deepStrictEqual(await flagged('pub trait IRepository {}\ntrait IDrawable: Send { fn draw(&self); }\nmod m { pub(crate) trait ISerializer<T> {} }'), ['IRepository', 'IDrawable', 'ISerializer']);
    const [f] = await lint('pub trait IRepository {}', RULE);
    assert.match(f.message, /Trait `IRepository` carries a C#-style `I` prefix.*`Repository`/);
  });

  it('leaves the near misses alone', async () => {
    assert.deepStrictEqual(await flagged('trait Iterator {}\ntrait IOError {}\ntrait IPv4Ext {}\ntrait Into {}\ntrait IntoIter {}\ntrait I {}\ntrait IEEE754 {}\ntrait Idempotent {}'), []);
    // Only trait declarations: structs and impls of foreign traits are not ours to rename.
    assert.deepStrictEqual(await flagged('struct IFoo;\nimpl IUnknown for IFoo {}\nfn f<T: IBar>() {}'), []);
  });
});
