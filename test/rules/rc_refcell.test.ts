import { checkRule } from '../support/checkRule';

const RULE = 'rc_refcell';

describe(RULE, () => {
  it('points at Rc<RefCell<…>> wherever a type is written, naming it', async () => {
    await checkRule(RULE, `
      use std::cell::RefCell;
      use std::rc::Rc;
      struct Graph { root: Rc<RefCell<Node>>, all: Vec<Rc<RefCell<Node>>> }
                         //^^^^^^^^^^^^^^^^^ \`Rc<RefCell<Node>>\` is shared mutable ownership
                                                     //^^^^^^^^^^^^^^^^^ \`Rc<RefCell<Node>>\` is shared mutable ownership
      type Shared = std::rc::Rc<std::cell::RefCell<Vec<u8>>>;
                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`std::rc::Rc<std::cell::RefCell<Vec<u8>>>\` is shared mutable ownership
      fn visit(n: &Rc<RefCell<Node>>) { let c: Rc<RefCell<u8>> = make(); }
                 //^^^^^^^^^^^^^^^^^ \`Rc<RefCell<Node>>\` is shared mutable ownership
                                             //^^^^^^^^^^^^^^^ \`Rc<RefCell<u8>>\` is shared mutable ownership
    `);
  });

  it('leaves the near misses alone', async () => {
    await checkRule(RULE, `
      struct S { a: Rc<Node>, b: RefCell<Vec<u8>>, c: Arc<Mutex<u8>>, d: Box<RefCell<u8>>, e: Rc<Cell<u8>> }
    `);
    await checkRule(RULE, `
      use std::sync::Arc;
      struct S { a: Arc<RefCell<u8>> }
    `);
    // The constructor expression is not a type: the field's type already says it.
    await checkRule(RULE, `
      fn f() { let a = Rc::new(RefCell::new(1)); }
    `);
    // Some other crate's Rc.
    await checkRule(RULE, `
      use gc::Rc;
      struct S { a: Rc<RefCell<u8>> }
    `);
    // Allowed in tests.
    await checkRule(RULE, `
      #[cfg(test)]
      mod tests { struct S { a: Rc<RefCell<u8>> } }
    `);
  });
});
