import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'rc_cycle_risk';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags strong back-references to the struct itself or another struct of the file, on the pointer', async () => {
    const src = [
      'use std::rc::Rc;',
      'use std::cell::RefCell;',
      'struct Node { parent: Option<Rc<RefCell<Node>>>, children: Vec<Rc<RefCell<Node>>> }',
      'struct Item { owner: std::sync::Arc<Inventory>, prev_item: Option<Rc<Self>> }',
      'struct Inventory { items: Vec<Item> }',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['Rc<RefCell<Node>>', 'std::sync::Arc<Inventory>', 'Rc<Self>']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`parent` points back through `Rc<RefCell<Node>>`, a strong reference: .*`Node`.*`Weak`.*`Rc::downgrade`/);
  });

  it('leaves the near misses alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    // Weak is the fix.
    await none('use std::rc::{Rc, Weak};\nstruct Node { parent: Option<Weak<RefCell<Node>>>, children: Vec<Rc<RefCell<Node>>> }');
    await none('struct Node { parent: RefCell<std::rc::Weak<Node>> }');
    // Not a back-reference name (children are owned on purpose; `parents` of a DAG vertex, `uptime`, `background`).
    await none('struct Node { children: Vec<Rc<Node>>, next: Option<Rc<Node>>, background: Rc<Node>, parent_count: usize }');
    // A back-reference to something that cannot point back: a std or foreign type.
    await none('struct Span { parent: Option<Arc<str>>, owner: Arc<Runtime> }');
    // Plain references and indexes.
    await none("struct Node<'a> { parent: Option<&'a Node<'a>>, prev: Option<usize> }");
  });
});
