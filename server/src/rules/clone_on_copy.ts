import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { resolveBinding } from './util/bindings';
import { callOfTail } from './util/spans';
import { asMethodCall, methodTail } from './util/syntax';

const LITERALS = new Set(['integer_literal', 'float_literal', 'boolean_literal', 'char_literal']);

/** A literal of a Copy type, possibly negated: `3`, `-1.5`, `true`, `'x'`. */
function isCopyLiteral(n: Node): boolean {
  let e: Node | null = n;
  while (e?.type === 'unary_expression' && e.text.startsWith('-')) e = e.namedChildCount === 1 ? e.namedChild(0) : null;
  return !!e && LITERALS.has(e.type);
}

/** What makes the receiver Copy: its declared primitive type, or the literal it is or was bound to. */
function copyType(receiver: Node): string | undefined {
  if (isCopyLiteral(receiver)) return 'a literal';
  if (receiver.type !== 'identifier') return undefined;
  const b = resolveBinding(receiver);
  if (!b || b.kind === 'pattern') return undefined;
  if (b.type) return b.type.type === 'primitive_type' && b.type.text !== 'str' ? `a \`${b.type.text}\`` : undefined;
  return b.kind === 'let' && b.value && isCopyLiteral(b.value) ? 'bound to a literal' : undefined;
}

/**
 * Where the copy itself is what the code uses, so dropping `.clone()` would change what it does:
 * borrowed (`&x.clone()` would borrow `x`, and may stop later writes to it compiling), bound by
 * reference (`let ref mut y = x.clone()` would write to `x`), or changed in place
 * (`c.clone().make_ascii_uppercase()`, the only `&mut self` methods of the primitives). Clippy leaves these too.
 */
function copyIsUsed(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'reference_expression') return true;
  if (parent?.type === 'let_declaration' && parent.childForFieldName('pattern')?.type === 'ref_pattern') return true;
  const outer = parent?.type === 'field_expression' ? parent.parent : null;
  const method = outer && asMethodCall(outer);
  return !!method && method.receiver.id === call.id && /^make_ascii_/.test(method.name);
}

function copyClone(call: Node): { receiver: Node; why: string } | undefined {
  const m = asMethodCall(call);
  if (!m || m.name !== 'clone' || m.args.length || copyIsUsed(call)) return undefined;
  const why = copyType(m.receiver);
  return why ? { receiver: m.receiver, why } : undefined;
}

export const cloneOnCopy: Rule = {
  id: 'clone_on_copy',
  severity: 'info',
  section: "Algorithm implementation requires careful consideration of Rust's ownership costs",
  summary: '`.clone()` on an integer, float, bool or char: the value is `Copy`, just use it',
  allowedInTests: true,
  clippy: ['clone_on_copy'],
  docs: {
    what: 'Flags `.clone()` on a numeric, `bool` or `char` literal, or on a local or parameter declared with a primitive `Copy` type (`u8`…`u128`, `i8`…`i128`, `usize`, `isize`, `f32`, `f64`, `bool`, `char`) or bound to such a literal. Like clippy, it leaves a copy the code uses as one: borrowed (`&x.clone()`), bound by reference (`let ref mut y = x.clone()`) or changed in place (`c.clone().make_ascii_uppercase()`), where dropping the clone would borrow or change the original.',
    why:
      'Integers, floats, `bool` and `char` are `Copy`: using the value copies its few bytes implicitly. An explicit `.clone()` ' +
      'adds nothing but noise, and usually signals a fight with the borrow checker that was won by reflex rather than by ' +
      'understanding; it trains readers to skim past clones, including the ones that do allocate.',
    example: ['fn scale(factor: f64, xs: &mut [f64]) {', '    for x in xs {', '        *x *= factor.clone();', '    }', '}'].join('\n'),
    instead: ['fn scale(factor: f64, xs: &mut [f64]) {', '    for x in xs {', '        *x *= factor;', '    }', '}'].join('\n'),
  },
  mentions: ['clone'],
  visit: {
    call_expression(node, ctx) {
      const found = copyClone(node);
      if (!found) return;
      const m = asMethodCall(node)!;
      const x = found.receiver.text;
      ctx.report(methodTail(m), `\`${x}\` is ${found.why}, which is \`Copy\`: \`${x}.clone()\` is just \`${x}\`.`);
    },
  },
  fix: {
    availability: 'always',
    safety: 'safe',
  },
  fixes(finding, ctx) {
    const call = callOfTail(ctx.node, finding);
    const found = call && copyClone(call);
    if (!call || !found) return [];
    return [{ title: `Use \`${found.receiver.text}\` itself`, edits: [{ start: found.receiver.endIndex, end: call.endIndex, newText: '' }], safe: true, preferred: true }];
  },
};
