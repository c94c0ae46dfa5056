import { checkRule } from '../support/checkRule';

const RULE = 'rc_cycle_risk';

describe(RULE, () => {
  it('flags strong back-references to the struct itself or another struct of the file, on the pointer', async () => {
    await checkRule(RULE, `
      use std::rc::Rc;
      use std::cell::RefCell;
      struct Node { parent: Option<Rc<RefCell<Node>>>, children: Vec<Rc<RefCell<Node>>> }
                                 //^^^^^^^^^^^^^^^^^ \`parent\` points back through \`Rc<RefCell<Node>>\`, a strong reference: if the target also owns this \`Node\`, neither is ever freed. Use \`Weak\` for the back-reference (\`Rc::downgrade\`)
      struct Item { owner: std::sync::Arc<Inventory>, prev_item: Option<Rc<Self>> }
                         //^^^^^^^^^^^^^^^^^^^^^^^^^ \`owner\` points back through \`std::sync::Arc<Inventory>\`, a strong reference
                                                                      //^^^^^^^^ \`prev_item\` points back through \`Rc<Self>\`, a strong reference
      struct Inventory { items: Vec<Item> }
    `);
  });

  it('leaves the near misses alone', async () => {
    // Weak is the fix.
    await checkRule(RULE, `
      use std::rc::{Rc, Weak};
      struct Node { parent: Option<Weak<RefCell<Node>>>, children: Vec<Rc<RefCell<Node>>> }
    `);
    await checkRule(RULE, `
      struct Node { parent: RefCell<std::rc::Weak<Node>> }
    `);
    // Not a back-reference name (children are owned on purpose; `parents` of a DAG vertex, `uptime`, `background`).
    await checkRule(RULE, `
      struct Node { children: Vec<Rc<Node>>, next: Option<Rc<Node>>, background: Rc<Node>, parent_count: usize }
    `);
    // A back-reference to something that cannot point back: a std or foreign type.
    await checkRule(RULE, `
      struct Span { parent: Option<Arc<str>>, owner: Arc<Runtime> }
    `);
    // Plain references and indexes.
    await checkRule(RULE, `
      struct Node<'a> { parent: Option<&'a Node<'a>>, prev: Option<usize> }
    `);
  });
});
