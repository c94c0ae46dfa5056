import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Rule } from './rule';
import { macroName } from './util/macros';
import { asMethodCall, closest, isComment } from './util/syntax';

/** Iterator adaptors that yield exactly one item per item of their input. */
const SAME_LENGTH = new Set(['enumerate', 'rev', 'map', 'cloned', 'copied', 'inspect']);
/** Methods whose item count is the receiver's `len()`. */
const LEN_ITERATORS = new Set(['iter', 'iter_mut', 'into_iter', 'drain', 'keys', 'values', 'values_mut', 'bytes']);
/** Parameter types whose `len()` surely exists (so the fix is safe to apply unattended). */
const SIZED_TYPE = /^&?\s*(?:mut\s+)?(?:\[[\s\S]*\]|(?:(?:std|alloc)::(?:vec|collections)::)?(?:Vec|VecDeque|HashMap|HashSet|BTreeMap|BTreeSet|BinaryHeap|String)\s*<[\s\S]*>|&?str|String)$/;

interface Capacity {
  /** Rust expression for the number of iterations, valid where the vector is declared. */
  expr: string;
  /** Certain to compile there (a typed parameter or a literal), so fix-all may apply it. */
  certain: boolean;
  /** What the loop iterates over, for the message. */
  source: string;
}

export const vecNoCapacity: Rule = {
  id: 'vec_no_capacity',
  severity: 'info',
  section: 'Performance optimization requires measurement before changes',
  summary: 'A `Vec` filled by one `push` per iteration of a loop of known length should be created `with_capacity`',
  allowedInTests: true,
  docs: {
    what:
      'Flags `let mut v = Vec::new()` (or `vec![]`) followed by a `for` loop over something whose length is known up front ' +
      '(`&items`, `items.iter()`, `0..n`, …) that pushes into `v` exactly once per iteration.',
    why:
      'A `Vec` that starts empty doubles its buffer whenever it runs out of room: filling it with 1,000 pushes reallocates and ' +
      'copies about 10 times, where reserving the final size up front allocates once. In allocation-heavy code the difference ' +
      'is 3–5x. When the loop tells you how many elements are coming, `Vec::with_capacity(n)` costs nothing and removes every ' +
      'intermediate allocation.',
    example: [
      '# struct User {',
      '#     name: String,',
      '# }',
      '# fn names(users: &[User]) -> Vec<String> {',
      'let mut names = Vec::new();',
      'for user in users {',
      '    names.push(user.name.clone());',
      '}',
      '#     names',
      '# }',
    ].join('\n'),
    instead: [
      '# struct User {',
      '#     name: String,',
      '# }',
      '# fn names(users: &[User]) -> Vec<String> {',
      'let mut names = Vec::with_capacity(users.len());',
      'for user in users {',
      '    names.push(user.name.clone());',
      '}',
      '// or: let names: Vec<_> = users.iter().map(|u| u.name.clone()).collect();',
      '#     names',
      '# }',
    ].join('\n'),
  },
  mentions: ['push'],
  visit: {
    let_declaration(node, ctx) {
      // The loop must `push` into it: most units never push.
      if (!ctx.unitMentions('push')) return;
      const name = node.childForFieldName('pattern');
      const value = node.childForFieldName('value');
      if (name?.type !== 'identifier' || !value || !isEmptyVec(value, ctx)) return;
      if (!node.children.some((c) => c?.type === 'mutable_specifier') || node.parent?.type !== 'block') return;
      const loop = fillingLoop(node, name.text);
      if (!loop) return;
      const capacity = loopLength(loop.for, node);
      if (!capacity) return;
      ctx.report(
        value,
        `\`${name.text}\` gets one \`push\` per item of \`${capacity.source}\` but starts as \`${value.text}\`: it will reallocate as it grows; reserve \`${capacity.expr}\` up front.`,
        { data: { capacity: capacity.expr, certain: capacity.certain } },
      );
    },
  },
  fixes(finding, { node }) {
    const capacity = finding.data?.capacity;
    if (typeof capacity !== 'string') return [];
    const value = node.type === 'call_expression' || node.type === 'macro_invocation' ? node : closest(node, 'call_expression');
    if (!value) return [];
    const fn = value.childForFieldName('function');
    // `Vec::new()` → `Vec::with_capacity(n)`, keeping any path or turbofish written before `new`.
    const edit =
      value.type === 'call_expression' && fn?.type === 'scoped_identifier'
        ? { start: fn.childForFieldName('name')!.startIndex, end: value.endIndex, newText: `with_capacity(${capacity})` }
        : { start: value.startIndex, end: value.endIndex, newText: `Vec::with_capacity(${capacity})` };
    return [{ title: `Create it with \`Vec::with_capacity(${capacity})\``, edits: [edit], safe: finding.data?.certain === true, preferred: true }];
  },
};

function isEmptyVec(value: Node, ctx: RuleContext): boolean {
  if (value.type === 'macro_invocation') {
    return macroName(value) === 'vec' && value.namedChildren.every((c) => c?.type !== 'token_tree' || c.namedChildCount === 0);
  }
  if (value.type !== 'call_expression' || value.childForFieldName('arguments')?.namedChildCount !== 0) return false;
  let fn = value.childForFieldName('function');
  if (fn?.type !== 'scoped_identifier' || fn.childForFieldName('name')?.text !== 'new') return false;
  fn = fn.childForFieldName('path');
  if (fn?.type === 'generic_type') fn = fn.childForFieldName('type');
  return !!fn && /^(?:(?:std|alloc)::vec::)?Vec$/.test(ctx.resolve(fn.text));
}

/**
 * The `for` loop right after the declaration (statements in between must not touch the vector)
 * whose body pushes into it exactly once, unconditionally, and does nothing else with it.
 */
function fillingLoop(decl: Node, name: string): { for: Node } | undefined {
  for (let s = decl.nextNamedSibling; s; s = s.nextNamedSibling) {
    if (isComment(s)) continue;
    const loop = s.type === 'expression_statement' ? s.firstNamedChild : s;
    if (loop?.type === 'for_expression') {
      if (!mentions(loop, name)) continue;
      const body = loop.childForFieldName('body');
      const value = loop.childForFieldName('value');
      if (!body || !value || mentions(value, name)) return undefined;
      if (body.descendantsOfType(['break_expression', 'continue_expression']).length) return undefined;
      if (countMentions(body, name) !== 1) return undefined;
      const pushes = body.namedChildren.filter((c): c is Node => !!c && isPushInto(c.type === 'expression_statement' ? c.firstNamedChild : c, name));
      return pushes.length === 1 ? { for: loop } : undefined;
    }
    if (mentions(s, name)) return undefined;
  }
  return undefined;
}

function isPushInto(n: Node | null, name: string): boolean {
  const m = n ? asMethodCall(n) : undefined;
  return !!m && m.name === 'push' && m.args.length === 1 && m.receiver.type === 'identifier' && m.receiver.text === name;
}

function mentions(n: Node, name: string): boolean {
  return countMentions(n, name) > 0;
}

function countMentions(n: Node, name: string): number {
  return n.descendantsOfType('identifier').filter((i) => i?.text === name).length;
}

/** How many times the loop runs, as an expression valid at the vector's declaration. */
function loopLength(loop: Node, decl: Node): Capacity | undefined {
  let iter = loop.childForFieldName('value');
  if (!iter) return undefined;
  const source = iter.text.replace(/\s+/g, ' ');
  if (iter.type === 'range_expression') return rangeLength(iter, decl, source);
  // `&items`, `items.iter()`, `map.keys()`… only exist on collections; a bare `items` or `items.into_iter()`
  // may be any iterator (a `TokenStream`, a `Lines`), which has no `len()`.
  let collectionOnly = true;
  if (iter.type === 'reference_expression') iter = iter.childForFieldName('value');
  else {
    for (let m = asMethodCall(iter); m && SAME_LENGTH.has(m.name); m = asMethodCall(iter)) iter = m.receiver;
    const base = asMethodCall(iter);
    if (base) {
      if (!LEN_ITERATORS.has(base.name) || (base.name === 'drain' ? base.args.length !== 1 || base.args[0].text !== '..' : base.args.length !== 0)) return undefined;
      iter = base.receiver;
      collectionOnly = base.name !== 'into_iter';
    } else collectionOnly = false;
  }
  if (!iter || !isPlace(iter)) return undefined;
  const root = placeRoot(iter);
  if (declaredBetween(decl, loop, root)) return undefined;
  const type = root === 'self' ? undefined : parameterType(decl, root);
  const certain = iter.type === 'identifier' && !!type && SIZED_TYPE.test(type.replace(/\s+/g, ' ').trim());
  if (!collectionOnly && !certain && !(iter.type === 'identifier' && isCollectionLet(decl, root))) return undefined;
  return { expr: `${iter.text}.len()`, certain, source };
}

/** `0..n` runs `n` times (only ranges from zero: `a..b` may be empty or underflow). */
function rangeLength(range: Node, decl: Node, source: string): Capacity | undefined {
  const [start, end] = [range.child(0), range.child(2)];
  if (start?.text !== '0' || range.child(1)?.type !== '..' || !end) return undefined;
  if (end.type === 'integer_literal') return { expr: end.text.replace(/_?(?:usize|u\d+|i\d+|isize)$/, ''), certain: true, source };
  const m = asMethodCall(end);
  if (m && m.name === 'len' && m.args.length === 0 && isPlace(m.receiver)) {
    return declaredBetween(decl, range, placeRoot(m.receiver)) ? undefined : { expr: end.text, certain: false, source };
  }
  if (end.type !== 'identifier' || declaredBetween(decl, range, end.text)) return undefined;
  const type = parameterType(decl, end.text)?.trim();
  if (type === 'usize') return { expr: end.text, certain: true, source };
  return type && /^[ui](?:8|16|32|64|128|size)$/.test(type) ? { expr: `${end.text} as usize`, certain: true, source } : undefined;
}

/** `items`, `self.items`, `cfg.users`: a place whose `len()` can be read before the loop. */
function isPlace(n: Node): boolean {
  let r: Node | null = n;
  while (r?.type === 'field_expression') r = r.childForFieldName('value');
  return r?.type === 'identifier' || r?.type === 'self';
}

function placeRoot(n: Node): string {
  let r = n;
  while (r.type === 'field_expression') r = r.childForFieldName('value')!;
  return r.text;
}

/** A `let` of `name` between the vector's declaration and the loop would not exist yet at the declaration. */
function declaredBetween(decl: Node, loop: Node, name: string): boolean {
  for (let s = decl.nextNamedSibling; s && s.startIndex < loop.startIndex; s = s.nextNamedSibling) {
    const pattern = s.type === 'let_declaration' ? s.childForFieldName('pattern') : null;
    if (pattern && (pattern.text === name || pattern.descendantsOfType('identifier').some((i) => i?.text === name))) return true;
  }
  return false;
}

/** The declared type of a parameter of the enclosing function. */
function parameterType(at: Node, name: string): string | undefined {
  const fn = closest(at, 'function_item');
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type === 'parameter' && p.childForFieldName('pattern')?.text === name) return p.childForFieldName('type')?.text;
  }
  return undefined;
}

/** An earlier `let name = vec![..]` / `let name: Vec<..> = ..` in the same block. */
function isCollectionLet(decl: Node, name: string): boolean {
  for (let s = decl.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== 'let_declaration' || s.childForFieldName('pattern')?.text !== name) continue;
    const type = s.childForFieldName('type')?.text;
    const value = s.childForFieldName('value');
    return (!!type && SIZED_TYPE.test(type)) || (value?.type === 'macro_invocation' && macroName(value) === 'vec');
  }
  return false;
}
