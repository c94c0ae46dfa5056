import { checkRule } from '../support/checkRule';

const RULE = 'trait_i_prefix';

describe(RULE, () => {
  it('flags C#-style interface names, on the name, suggesting the unprefixed one', async () => {
    await checkRule(RULE, `
      pub trait IRepository {}
              //^^^^^^^^^^^ Trait \`IRepository\` carries a C#-style \`I\` prefix: Rust traits are named for what they do (\`Repository\`)
      trait IDrawable: Send { fn draw(&self); }
          //^^^^^^^^^ Trait \`IDrawable\` carries a C#-style \`I\` prefix
      mod m { pub(crate) trait ISerializer<T> {} }
                             //^^^^^^^^^^^ Trait \`ISerializer\` carries a C#-style \`I\` prefix
    `);
  });

  it('leaves the near misses alone', async () => {
    await checkRule(RULE, `
      trait Iterator {}
      trait IOError {}
      trait IPv4Ext {}
      trait Into {}
      trait IntoIter {}
      trait I {}
      trait IEEE754 {}
      trait Idempotent {}
    `);
    // Only trait declarations: structs and impls of foreign traits are not ours to rename.
    await checkRule(RULE, `
      struct IFoo;
      impl IUnknown for IFoo {}
      fn f<T: IBar>() {}
    `);
  });
});
