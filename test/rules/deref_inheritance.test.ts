import { checkRule } from '../support/checkRule';

const RULE = 'deref_inheritance';

describe(RULE, () => {
  it('flags Deref whose Target is another struct of the file, on `type Target`', async () => {
    await checkRule(RULE, `
      use std::ops::Deref;
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      impl Deref for Manager {
          type Target = Employee;
        //^^^^^^^^^^^^^^^^^^^^^^^ \`impl Deref for Manager\` with \`Target = Employee\` makes \`Manager\` borrow \`Employee\`'s methods
          fn deref(&self) -> &Employee { &self.base }
      }
    `);
    await checkRule(RULE, `
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      impl std::ops::Deref for Manager { type Target = Employee; fn deref(&self) -> &Employee { &self.base } }
                                       //^^^^^^^^^^^^^^^^^^^^^^^ \`impl Deref for Manager\` with \`Target = Employee\` makes \`Manager\`
    `);
  });

  it('sees the embedding in tuple structs and generic fields', async () => {
    await checkRule(RULE, `
      pub struct Base<T>(T);
      pub struct Derived(pub Base<u8>, u32);
      impl std::ops::Deref for Derived { type Target = Base<u8>; fn deref(&self) -> &Base<u8> { &self.0 } }
                                       //^^^^^^^^^^^^^^^^^^^^^^^ \`impl Deref for Derived\` with \`Target = Base<u8>\` makes \`Derived\`
    `);
  });

  it('follows edits of the impl header and of the struct list', async () => {
    await checkRule(RULE, `
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      impl Manager { type Target = Employee; }
    `);
    await checkRule(RULE, `
      pub struct Manager;
      impl std::ops::Deref for Manager { type Target = Employee; fn deref(&self) -> &Employee { todo!() } }
    `);
  });

  it('leaves smart pointers, str, slices and foreign types alone', async () => {
    await checkRule(RULE, `
      use std::ops::Deref;
      pub struct MyBox<T>(T);
      impl<T> Deref for MyBox<T> { type Target = T; fn deref(&self) -> &T { &self.0 } }
    `);
    await checkRule(RULE, `
      use std::ops::Deref;
      pub struct Name(String);
      impl Deref for Name { type Target = str; fn deref(&self) -> &str { &self.0 } }
    `);
    await checkRule(RULE, `
      use std::ops::Deref;
      pub struct Bytes(Vec<u8>);
      impl Deref for Bytes { type Target = [u8]; fn deref(&self) -> &[u8] { &self.0 } }
    `);
    await checkRule(RULE, `
      use std::ops::Deref;
      pub struct Conn(Inner);
      impl Deref for Conn { type Target = Inner; fn deref(&self) -> &Inner { &self.0 } }
    `);
    // Wrappers around a reference, a Box or a raw pointer are smart pointers, not inheritance.
    await checkRule(RULE, `
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      pub struct View<'a>(&'a Employee);
      impl<'a> std::ops::Deref for View<'a> { type Target = Employee; fn deref(&self) -> &Employee { self.0 } }
    `);
    await checkRule(RULE, `
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      pub struct Boxed { inner: Box<Employee> }
      impl std::ops::Deref for Boxed { type Target = Employee; fn deref(&self) -> &Employee { &self.inner } }
    `);
    await checkRule(RULE, `
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      pub struct Raw(*mut Employee);
      impl std::ops::Deref for Raw { type Target = Employee; fn deref(&self) -> &Employee { unsafe { &*self.0 } } }
    `);
    // Another trait with a \`Target\`, or someone else's Deref.
    await checkRule(RULE, `
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      impl Convert for Manager { type Target = Employee; }
    `);
    await checkRule(RULE, `
      use mylib::Deref;
      pub struct Employee { pub name: String }
      pub struct Manager { base: Employee }
      impl Deref for Manager { type Target = Employee; }
    `);
  });
});
