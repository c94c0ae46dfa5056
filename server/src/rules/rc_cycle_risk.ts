import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { isStdGeneric } from './util/smartPointers';
import { snippet } from './util/syntax';
import { typeArguments } from './util/types';

/** Words of a field name that say it points back up or back along a structure. */
const BACK_WORDS = new Set(['parent', 'prev', 'previous', 'owner', 'back', 'backref', 'backlink', 'predecessor', 'pred']);

/** The first strong pointer (`Rc<…>`/`Arc<…>`) in a field type, if no `Weak` wraps it. */
function strongPointer(type: Node, ctx: RuleContext): Node | undefined {
  const stack = [type];
  while (stack.length) {
    const t = stack.shift()!;
    if (t.type === 'generic_type') {
      if (isStdGeneric(t, 'Rc', ctx) || isStdGeneric(t, 'Arc', ctx)) return t;
      if (/(?:^|::)Weak$/.test(t.childForFieldName('type')?.text ?? '')) continue;
      stack.push(...typeArguments(t));
    } else if (t.type === 'array_type' || t.type === 'tuple_type') {
      stack.push(...t.namedChildren.filter((c): c is Node => !!c));
    }
  }
  return undefined;
}

/** A type the pointer could close a cycle through: the struct itself, `Self`, or another struct of this file. */
function pointsIntoFile(pointer: Node, self: string, ctx: RuleContext): boolean {
  const names = pointer.descendantsOfType('type_identifier').map((n) => n?.text ?? '');
  return names.some((n) => n === self || n === 'Self' || ctx.facts.structs.has(n));
}

export const rcCycleRisk: Rule = {
  id: 'rc_cycle_risk',
  severity: 'hint',
  section: 'Smart pointer selection determines memory architecture and threading capabilities',
  summary: 'A back-reference field (`parent`, `prev`, `owner`…) held through `Rc`/`Arc` instead of `Weak`',
  docs: {
    what: 'Flags a struct field named like a back-reference (`parent`, `prev`, `previous`, `owner`, `back`…) whose type holds an `Rc<…>` or `Arc<…>` (not inside a `Weak`) to this struct or another struct of the same file.',
    why:
      'Reference counting frees a value when its last strong pointer goes away. A child that owns its parent through `Rc`/`Arc`, ' +
      'while the parent owns the child, forms a cycle whose counts never reach zero: both leak, with everything they hold, for the ' +
      'life of the process. In a long-running service that is a slow, silent memory leak. `Weak` is the non-owning pointer made for ' +
      'back-references: it does not keep the target alive, and `upgrade()` returns `None` once the target is gone.',
    example: [
      '# use std::{cell::RefCell, rc::Rc};',
      'struct Node {',
      '    parent: RefCell<Option<Rc<Node>>>,',
      '    children: RefCell<Vec<Rc<Node>>>,',
      '}',
    ].join('\n'),
    instead: [
      '# use std::{cell::RefCell, rc::{Rc, Weak}};',
      'struct Node {',
      '    parent: RefCell<Weak<Node>>, // does not keep the parent alive',
      '    children: RefCell<Vec<Rc<Node>>>,',
      '}',
    ].join('\n'),
  },
  // The field's name is read in words, lowercased.
  mentions: [new RegExp([...BACK_WORDS].join('|'), 'i')],
  visit: {
    field_declaration(node, ctx) {
      // The name first: going up to the struct is the costly part (the first `parent` in a tree reads the root's children).
      const name = node.childForFieldName('name');
      if (!name || !name.text.toLowerCase().split('_').some((w) => BACK_WORDS.has(w))) return;
      const type = node.childForFieldName('type');
      const struct = node.parent?.parent;
      if (!type || struct?.type !== 'struct_item') return;
      const pointer = strongPointer(type, ctx);
      const self = struct.childForFieldName('name')?.text ?? '';
      if (!pointer || !pointsIntoFile(pointer, self, ctx)) return;
      const kind = pointer.childForFieldName('type')!.text.split('::').pop();
      ctx.report(
        pointer,
        `\`${name.text}\` points back through \`${snippet(pointer)}\`, a strong reference: if the target also owns this \`${self}\`, neither is ever freed. Use \`Weak\` for the back-reference (\`${kind}::downgrade\`).`,
      );
    },
  },
};
