import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'deref_inheritance';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

const STRUCTS = 'pub struct Employee { pub name: String }\npub struct Manager { base: Employee }\n';

describe(RULE, () => {
  it('flags Deref whose Target is another struct of the file, on `type Target`', async () => {
    const src = `use std::ops::Deref;\n${STRUCTS}impl Deref for Manager {\n    type Target = Employee;\n    fn deref(&self) -> &Employee { &self.base }\n}\n`;
    assert.deepStrictEqual(await flagged(src), ['type Target = Employee;']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`impl Deref for Manager` with `Target = Employee` makes `Manager` borrow `Employee`'s methods/);
    assert.deepStrictEqual(await flagged(`${STRUCTS}impl std::ops::Deref for Manager { type Target = Employee; fn deref(&self) -> &Employee { &self.base } }`), ['type Target = Employee;']);
  });

  it('sees the embedding in tuple structs and generic fields', async () => {
    assert.deepStrictEqual(await flagged('pub struct Base<T>(T);\npub struct Derived(pub Base<u8>, u32);\nimpl std::ops::Deref for Derived { type Target = Base<u8>; fn deref(&self) -> &Base<u8> { &self.0 } }'), ['type Target = Base<u8>;']);
  });

  it('follows edits of the impl header and of the struct list', async () => {
    assert.deepStrictEqual(await flagged(`${STRUCTS}impl Manager { type Target = Employee; }`), []);
    assert.deepStrictEqual(await flagged('pub struct Manager;\nimpl std::ops::Deref for Manager { type Target = Employee; fn deref(&self) -> &Employee { todo!() } }'), []);
  });

  it('leaves smart pointers, str, slices and foreign types alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    await none('use std::ops::Deref;\npub struct MyBox<T>(T);\nimpl<T> Deref for MyBox<T> { type Target = T; fn deref(&self) -> &T { &self.0 } }');
    await none('use std::ops::Deref;\npub struct Name(String);\nimpl Deref for Name { type Target = str; fn deref(&self) -> &str { &self.0 } }');
    await none('use std::ops::Deref;\npub struct Bytes(Vec<u8>);\nimpl Deref for Bytes { type Target = [u8]; fn deref(&self) -> &[u8] { &self.0 } }');
    await none('use std::ops::Deref;\npub struct Conn(Inner);\nimpl Deref for Conn { type Target = Inner; fn deref(&self) -> &Inner { &self.0 } }');
    // Wrappers around a reference, a Box or a raw pointer are smart pointers, not inheritance.
    await none(`${STRUCTS}pub struct View<'a>(&'a Employee);\nimpl<'a> std::ops::Deref for View<'a> { type Target = Employee; fn deref(&self) -> &Employee { self.0 } }`);
    await none(`${STRUCTS}pub struct Boxed { inner: Box<Employee> }\nimpl std::ops::Deref for Boxed { type Target = Employee; fn deref(&self) -> &Employee { &self.inner } }`);
    await none(`${STRUCTS}pub struct Raw(*mut Employee);\nimpl std::ops::Deref for Raw { type Target = Employee; fn deref(&self) -> &Employee { unsafe { &*self.0 } } }`);
    // Another trait with a `Target`, or someone else's Deref.
    await none(`${STRUCTS}impl Convert for Manager { type Target = Employee; }`);
    await none(`use mylib::Deref;\n${STRUCTS}impl Deref for Manager { type Target = Employee; }`);
  });
});
