import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import type { Version } from '../analysis/crateFacts';
import { type MethodCall, asMethodCall, closest, snippet } from './util/syntax';

/** Stable sort → its unstable twin, with the argument count each takes. */
const UNSTABLE: Record<string, { twin: string; args: number }> = {
  sort: { twin: 'sort_unstable', args: 0 },
  sort_by: { twin: 'sort_unstable_by', args: 1 },
  sort_by_key: { twin: 'sort_unstable_by_key', args: 1 },
};
/** `sort_unstable*` are stable since Rust 1.20: a package promising an older Rust keeps the stable sorts. */
const UNSTABLE_SINCE: Version = [1, 20, 0];
/** A comment saying the order of equal elements matters. */
const STABILITY_NOTE = /\bstab(?:le|ility)\b|\bpreserv|\bkeep[s]?\b.*\border\b|\btie/i;

export const stableSort: Rule = {
  id: 'stable_sort',
  // A hint: whether ties keep a meaningful order is the reader's call (see docs.what).
  severity: 'hint',
  section: 'Algorithm implementation requires careful consideration of Rust\'s ownership costs',
  summary: '`sort`, `sort_by` and `sort_by_key` are stable; the `_unstable` variants are 30–45% faster',
  allowedInTests: true,
  clippy: ['stable_sort_primitive'],
  docs: {
    what:
      'Flags calls to the stable sorts `.sort()`, `.sort_by(..)` and `.sort_by_key(..)` where nothing says stability is needed. ' +
      'A package whose `rust-version` is older than 1.20, which has no unstable sorts, is left alone. ' +
      'A hint by default: on real code about a third of them sort on a coarse key whose ties keep a visible order ' +
      '(priorities, counts, timestamps before a truncate), which only the reader can rule out.',
    why:
      'The stable sorts are a TimSort-style merge sort: they keep equal elements in their original order, and pay for it with ' +
      'a scratch buffer of half the slice (an allocation on every call) and extra moves. `sort_unstable*` use pattern-defeating ' +
      'quicksort, which sorts in place with O(log n) stack space and typically runs 30–45% faster. When equal elements are ' +
      'indistinguishable (numbers, strings, whole keys) or their relative order does not matter, the unstable sort gives the ' +
      'same result for less. Keep the stable sort, with a comment, when the order of ties carries meaning: sorting by one key ' +
      'after another, or keeping insertion order among equals.',
    setup: [
      'struct User {',
      '    id: u64,',
      '}',
      'fn load_ids() -> Vec<u64> {',
      '    Vec::new()',
      '}',
      'fn order(users: &mut [User]) -> Vec<u64> {',
    ].join('\n'),
    example: [
      'let mut ids: Vec<u64> = load_ids();',
      'ids.sort();',
      'users.sort_by_key(|u| u.id);',
      '#     ids',
      '# }',
    ].join('\n'),
    instead: [
      'let mut ids: Vec<u64> = load_ids();',
      'ids.sort_unstable();',
      'users.sort_unstable_by_key(|u| u.id);',
      '#     ids',
      '# }',
    ].join('\n'),
  },
  mentions: ['sort'],
  visit: {
    call_expression(node, ctx) {
      const m = asMethodCall(node);
      const variant = m && UNSTABLE[m.name];
      if (!m || !variant || m.args.length !== variant.args || ctx.msrvBelow(node, UNSTABLE_SINCE)) return;
      if (isMultiKeyPass(m) || saysStabilityMatters(m) || isSortWrapper(node)) return;
      // The method's name: what the fix rewrites, and one line however long the comparator closure.
      ctx.report(m.nameNode, `\`${snippet(m.receiver)}.${m.name}(${m.args.length ? '…' : ''})\` is a stable sort; \`${variant.twin}\` is faster and allocates nothing.`);
    },
  },
  fix: {
    availability: 'always',
    safety: 'unsafe',
    note: 'Unstable sorts may reorder equal elements.',
  },
  fixes(_finding, { node }) {
    const call = node.type === 'call_expression' ? node : closest(node, 'call_expression');
    const m = call && asMethodCall(call);
    const twin = m && UNSTABLE[m.name]?.twin;
    if (!m || !twin) return [];
    return [{ title: `Use \`${twin}\` (equal elements may change order)`, edits: [{ start: m.nameNode.startIndex, end: m.nameNode.endIndex, newText: twin }], safe: false, preferred: true }];
  },
};

/**
 * `v.sort_by_key(|x| x.b); v.sort_by_key(|x| x.a);` sorts by `a`, then `b`: the second pass relies
 * on stability, and the first one's order is what it preserves. Neither is a finding.
 */
function isMultiKeyPass(m: MethodCall): boolean {
  const stmt = m.call.parent?.type === 'expression_statement' ? m.call.parent : undefined;
  if (!stmt) return false;
  const receiver = m.receiver.text;
  const sortOfSame = (s: Node | null) => {
    const call = s?.type === 'expression_statement' ? s.firstNamedChild : undefined;
    const other = call ? asMethodCall(call) : undefined;
    return !!other && other.name in UNSTABLE && other.receiver.text === receiver;
  };
  return sortOfSame(stmt.previousNamedSibling) || sortOfSame(stmt.nextNamedSibling);
}

/** A comment on the line of the call or just above it that talks about stability or ties. */
function saysStabilityMatters(m: MethodCall): boolean {
  const stmt = m.call.parent?.type === 'expression_statement' || m.call.parent?.type === 'let_declaration' ? m.call.parent : m.call;
  const line = stmt.startPosition.row;
  for (let c = stmt.previousSibling; c && (c.type === 'line_comment' || c.type === 'block_comment'); c = c.previousSibling) {
    if (c.endPosition.row < line - 3) break;
    if (STABILITY_NOTE.test(c.text)) return true;
  }
  const after = stmt.nextSibling;
  return !!after && (after.type === 'line_comment' || after.type === 'block_comment') && after.startPosition.row === stmt.endPosition.row && STABILITY_NOTE.test(after.text);
}

/**
 * `fn sort_keys(&mut self) { self.entries.sort_by(..) }`: a method whose name promises a sort (and
 * whose unstable twin would be called `*_unstable*`) must stay stable.
 */
function isSortWrapper(call: Node): boolean {
  const fn = closest(call, 'function_item');
  const name = fn?.childForFieldName('name')?.text ?? '';
  const isMethod = !!fn?.childForFieldName('parameters')?.namedChildren.some((p) => p?.type === 'self_parameter');
  return isMethod && /^(?:\w+_)?sort(?:ed)?(?:_\w+)?$/.test(name) && !name.includes('unstable');
}
