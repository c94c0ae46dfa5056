import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'rc_refcell';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('points at Rc<RefCell<…>> wherever a type is written, naming it', async () => {
    const src = [
      'use std::cell::RefCell;',
      'use std::rc::Rc;',
      'struct Graph { root: Rc<RefCell<Node>>, all: Vec<Rc<RefCell<Node>>> }',
      'type Shared = std::rc::Rc<std::cell::RefCell<Vec<u8>>>;',
      'fn visit(n: &Rc<RefCell<Node>>) { let c: Rc<RefCell<u8>> = make(); }',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['Rc<RefCell<Node>>', 'Rc<RefCell<Node>>', 'std::rc::Rc<std::cell::RefCell<Vec<u8>>>', 'Rc<RefCell<Node>>', 'Rc<RefCell<u8>>']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`Rc<RefCell<Node>>` is shared mutable ownership/);
  });

  it('leaves the near misses alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    await none('struct S { a: Rc<Node>, b: RefCell<Vec<u8>>, c: Arc<Mutex<u8>>, d: Box<RefCell<u8>>, e: Rc<Cell<u8>> }');
    await none('use std::sync::Arc;\nstruct S { a: Arc<RefCell<u8>> }');
    // The constructor expression is not a type: the field's type already says it.
    await none('fn f() { let a = Rc::new(RefCell::new(1)); }');
    // Some other crate's Rc.
    await none('use gc::Rc;\nstruct S { a: Rc<RefCell<u8>> }');
    // Allowed in tests.
    await none('#[cfg(test)]\nmod tests { struct S { a: Rc<RefCell<u8>> } }');
  });
});
