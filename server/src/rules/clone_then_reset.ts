import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from '../analysis/rule';
import { enclosingStatement, isMutRefType, isOwnedInitializer, resolveBinding, runsOncePer, wordPattern } from './util/bindings';
import { type EmptyKind, emptyValueKind, memTakeCall } from './util/emptyValues';
import { removeStatement } from './util/removeStatement';
import { nodeOfSpan } from './util/spans';
import { asMethodCall, isComment, snippet } from './util/syntax';
import { typeName } from './util/types';

interface CloneThenReset {
  place: Node;
  /** The statement that resets the place after the clone. */
  reset: Node;
  kind: EmptyKind;
  /** A `.clear()` whose type is not known to be std's: take may not compile (no `Default`) or may reset more. */
  uncertain: boolean;
}

/** Std types whose `clear()` leaves exactly their `Default`. */
const CLEARABLE = new Set(['Vec', 'String', 'HashMap', 'HashSet', 'BTreeMap', 'BTreeSet', 'VecDeque', 'BinaryHeap', 'OsString']);

/** Statements that may leave the block early, or suspend: on that path the place must keep its value. */
const EXITS = ['try_expression', '?', 'return_expression', 'break_expression', 'continue_expression', 'await_expression', 'yield_expression'];

/**
 * `P.clone()` in a statement whose only use of `P` is that clone, followed in the same block by
 * `P = <empty>` or `P.clear()`, with nothing in between that reads `P` or may exit early.
 */
function findCloneThenReset(call: Node): CloneThenReset | undefined {
  const m = asMethodCall(call);
  if (!m || m.name !== 'clone' || m.args.length || !isPlace(m.receiver)) return undefined;
  const stmt = enclosingStatement(call);
  if (!stmt || (stmt.type !== 'let_declaration' && stmt.type !== 'expression_statement') || !runsOncePer(call, stmt)) return undefined;
  const place = normalize(m.receiver.text);
  if (readsOf(stmt.text, place) !== 1 || hasExit(stmt)) return undefined;
  for (let s = stmt.nextNamedSibling; s; s = s.nextNamedSibling) {
    if (isComment(s)) continue;
    const kind = resetKind(s, place);
    if (kind === 'clear') {
      // A local's `clear()` counts only when it is a std collection: a custom type may keep state
      // `clear()` leaves alone. A field's type is out of sight: reported, but not fixed blindly.
      if (m.receiver.type === 'identifier') return isStdClearable(m.receiver) ? { place: m.receiver, reset: s, kind: 'default', uncertain: false } : undefined;
      return { place: m.receiver, reset: s, kind: 'default', uncertain: true };
    }
    if (kind) return { place: m.receiver, reset: s, kind, uncertain: false };
    if (readsOf(s.text, place) || hasExit(s)) return undefined;
  }
  return undefined;
}

/** `x`, `self.items`, `state.buf.0`: a place one can take from. */
function isPlace(n: Node): boolean {
  for (let p: Node | null = n; p; p = p.childForFieldName('value')) {
    if (p.type === 'identifier') return p.text !== 'None';
    if (p.type === 'self') return p.id !== n.id;
    if (p.type !== 'field_expression' || !['field_identifier', 'integer_literal'].includes(p.childForFieldName('field')?.type ?? '')) return false;
  }
  return false;
}

/**
 * How many times `code` may read the place `root.field…`: every mention of `root`, except a plain
 * access to another field (`self.sink` beside `self.pending`), which cannot see it. Method calls on
 * `root` and whole-`root` uses count, conservatively.
 */
function readsOf(code: string, place: string): number {
  const [root, field] = place.split('.');
  let reads = 0;
  for (const m of code.matchAll(wordPattern(root, 'g'))) {
    const next = field === undefined ? null : /^\s*\.\s*(\w+)(\s*\()?/.exec(code.slice(m.index! + root.length));
    if (!next || next[1] === field || next[2]) reads++;
  }
  return reads;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, '');
}

function hasExit(stmt: Node): boolean {
  return stmt.descendantsOfType(EXITS).length > 0;
}

function resetKind(stmt: Node, place: string): EmptyKind | 'clear' | undefined {
  const e = stmt.type === 'expression_statement' ? stmt.namedChild(0) : stmt;
  if (e?.type === 'assignment_expression') {
    const right = e.childForFieldName('right');
    return normalize(e.childForFieldName('left')?.text ?? '') === place && right ? emptyValueKind(right) : undefined;
  }
  const m = e && asMethodCall(e);
  return m && m.name === 'clear' && !m.args.length && normalize(m.receiver.text) === place ? 'clear' : undefined;
}

/** A local or parameter declared as, or initialised with, a std collection or string. */
function isStdClearable(id: Node): boolean {
  const b = resolveBinding(id);
  if (!b || b.kind === 'pattern') return false;
  const type = b.type?.type === 'reference_type' ? b.type.childForFieldName('type') : b.type;
  if (type) return CLEARABLE.has(typeName(type));
  const value = b.kind === 'let' ? b.value : undefined;
  if (!value) return false;
  if (value.type === 'macro_invocation') return /^(?:vec|format)$/.test(value.childForFieldName('macro')?.text ?? '');
  const fn = value.type === 'call_expression' ? value.childForFieldName('function') : null;
  const owner = fn?.type === 'scoped_identifier' ? fn.childForFieldName('path') : null;
  return !!owner && CLEARABLE.has(typeName(owner));
}

/** What replaces the clone: `P.take()` for an Option, else `mem::take(..)` when the borrow to pass is known. */
function replacement(found: CloneThenReset, ctx: RuleContext): string | undefined {
  const place = found.place.text;
  if (found.kind === 'none') return `${place}.take()`;
  if (found.place.type !== 'identifier') return memTakeCall(ctx, found.place, `&mut ${place}`);
  const b = resolveBinding(found.place);
  if (!b || b.kind === 'pattern') return undefined;
  if (isMutRefType(b.type)) return memTakeCall(ctx, found.place, place);
  if (b.type) return memTakeCall(ctx, found.place, `&mut ${place}`);
  if (b.kind === 'let' && b.value && isOwnedInitializer(b.value)) return memTakeCall(ctx, found.place, `&mut ${place}`);
  return undefined;
}

type CloneThenResetData = { replacement: string };

export const cloneThenReset: Rule<CloneThenResetData> = {
  id: 'clone_then_reset',
  severity: 'info',
  section: 'Core ownership patterns prevent 70% of memory bugs but introduce borrow checker battles',
  summary: 'A value cloned and then reset to empty: `mem::take` moves it out without copying',
  docs: {
    what: 'Flags `let v = P.clone();` (or any statement cloning `P`) followed in the same block by a reset of `P` to an empty value (`Vec::new()`, `String::new()`, `None`, `Default::default()`, `vec![]`…) or by `P.clear()`.',
    why:
      'The clone allocates a second buffer and copies every element, only for the original to be thrown away a moment later. ' +
      'For a `String` or `Vec` that is a fresh heap allocation plus a memcpy: about 1–5 ms per megabyte, depending on the allocator, ' +
      'and in a loop that flushes a buffer it is paid on every flush. `std::mem::take` hands over the existing buffer and leaves an ' +
      'empty value (the type\'s `Default`) in its place, with no allocation at all; `Option::take` does the same for an `Option` ' +
      'reset to `None`.',
    setup: [
      'struct Sink;',
      'impl Sink {',
      '    fn send(&self, _batch: Vec<String>) {}',
      '}',
      'struct Batcher {',
      '    pending: Vec<String>,',
      '    sink: Sink,',
      '}',
      'impl Batcher {',
    ].join('\n'),
    example: [
      'fn flush(&mut self) {',
      '    let batch = self.pending.clone();',
      '    self.pending.clear();',
      '    self.sink.send(batch);',
      '}',
      '# }',
    ].join('\n'),
    instead: [
      'fn flush(&mut self) {',
      '    let batch = std::mem::take(&mut self.pending);',
      '    self.sink.send(batch);',
      '}',
      '# }',
    ].join('\n'),
  },
  mentions: ['clone'],
  visit: {
    call_expression(node, ctx) {
      const found = findCloneThenReset(node);
      if (!found) return;
      const fix = replacement(found, ctx);
      const place = snippet(found.place);
      ctx.report(
        node,
        `\`${place}\` is cloned, then reset by \`${snippet(found.reset)}\`: ${fix ? `\`${fix}\`` : `\`${memTakeCall(ctx, found.place, '..')}\``} moves the value out without copying it.`,
        { related: [{ start: found.reset.startIndex, end: found.reset.endIndex, message: `\`${place}\` is reset here` }], data: fix ? { replacement: fix } : undefined },
      );
    },
  },
  fix: {
    availability: 'sometimes',
    safety: 'mixed',
    note: 'Offered where the value has a known empty form to move out with; applied by fix-all only when the reset value is certainly that empty form.',
  },
  fixes(finding, ctx) {
    const replacementText = finding.data?.replacement;
    const call = nodeOfSpan(ctx.node, finding, 'call_expression');
    const found = call && findCloneThenReset(call);
    if (typeof replacementText !== 'string' || !call || !found) return [];
    return [
      {
        title: `Move the value out with \`${replacementText}\` and drop the reset`,
        edits: [{ start: call.startIndex, end: call.endIndex, newText: replacementText }, removeStatement(ctx.text, found.reset)],
        safe: !found.uncertain,
        preferred: true,
      },
    ];
  },
};
