import type { Rule } from '../analysis/rule';
import { isStdGeneric } from './util/smartPointers';
import { snippet } from './util/syntax';
import { typeArguments } from './util/types';

export const rcRefcell: Rule = {
  id: 'rc_refcell',
  severity: 'hint',
  section: 'Smart pointer selection determines memory architecture and threading capabilities',
  summary: '`Rc<RefCell<…>>`: shared mutable ownership, a design smell until proven necessary',
  allowedInTests: true,
  docs: {
    what: 'Points at every `Rc<RefCell<T>>` written in a type: struct fields, aliases, signatures, `let` annotations.',
    why:
      'The combination turns up everywhere in code ported from garbage-collected languages, and usually means the ownership was never ' +
      'designed: every part of the program may hold and mutate the value, borrow rules move from compile time to run time (a second ' +
      '`borrow_mut()` panics), and two `Rc`s pointing at each other leak, because reference counting never frees a cycle. ' +
      'Start with one owner (a plain field, or `Box<T>` for recursive or large data) and pass `&`/`&mut` borrows down; keep nodes in a ' +
      '`Vec` and refer to them by index; introduce `Rc` only when several owners are genuinely needed, and `Weak` for back-references.',
    example: [
      '# use std::{cell::RefCell, rc::Rc};',
      'struct Tree {',
      '    root: Rc<RefCell<Node>>,',
      '}',
      'struct Node {',
      '    children: Vec<Rc<RefCell<Node>>>,',
      '}',
    ].join('\n'),
    instead: ['struct Tree {', '    nodes: Vec<Node>, // the tree owns every node', '}', 'struct Node {', '    children: Vec<usize>, // indexes into `nodes`', '}'].join('\n'),
  },
  mentions: ['RefCell'],
  visit: {
    generic_type(node, ctx) {
      if (!isStdGeneric(node, 'Rc', ctx)) return;
      const [inner] = typeArguments(node);
      if (!isStdGeneric(inner, 'RefCell', ctx)) return;
      ctx.report(node, `\`${snippet(node)}\` is shared mutable ownership: check whether one owner (a plain field or \`Box\`) with borrows would do.`);
    },
  },
};
