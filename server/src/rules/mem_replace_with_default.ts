import type { Node } from 'web-tree-sitter';
import type { Rule } from '../analysis/rule';
import { MEM_TAKE_SINCE, emptyValueKind, memTakePath } from './util/emptyValues';
import { nodeOfSpan } from './util/spans';
import { argumentsOf, calleeOf, snippet } from './util/syntax';

const REPLACE = new Set(['std::mem::replace', 'core::mem::replace']);

/** `&mut self.state` → `self.state`, when what is borrowed is a plain place (so `.take()` can follow it). */
function borrowedPlace(arg: Node): Node | undefined {
  if (arg.type !== 'reference_expression' || !arg.children.some((c) => c?.type === 'mutable_specifier')) return undefined;
  const inner = arg.childForFieldName('value');
  return inner && ['identifier', 'field_expression', 'self'].includes(inner.type) ? inner : undefined;
}

/** `u8::default()`, `bool::default()`: the default of a primitive type. */
function isPrimitiveDefault(expr: Node): boolean {
  const fn = expr.type === 'call_expression' ? calleeOf(expr) : undefined;
  return fn?.type === 'scoped_identifier' && /^(?:[iu](?:8|16|32|64|128|size)|f32|f64|bool|char)$/.test(fn.childForFieldName('path')?.text ?? '');
}

type MemReplaceWithDefaultData = { replacement: string };

export const memReplaceWithDefault: Rule<MemReplaceWithDefaultData> = {
  id: 'mem_replace_with_default',
  // A hint: the docs' last sentences say what the corpora measured.
  severity: 'hint',
  section: 'Smart pointer selection determines memory architecture and threading capabilities',
  summary: '`mem::replace(&mut x, <empty>)` is `mem::take(&mut x)` (or `x.take()` for an Option)',
  clippy: ['mem_replace_with_default', 'mem_replace_option_with_none'],
  docs: {
    what: 'Flags `std::mem::replace(&mut x, v)` where `v` is an empty value: `Vec::new()`, `String::new()`, `HashMap::new()`, `vec![]`, `Default::default()`, `T::default()`, `\"\"`, `&[]` or `None`. Like clippy, it leaves a `replace` whose result is discarded (a plain reset: `x = T::default()` says it) and the defaults of primitives (`0u8`, `false`), where `take` reads no better. ' +
      'A hint: `mem::take` needs Rust 1.40, and crates that support older compilers without a `rust-version` saying so (brotli-decompressor) cannot use it; judged strictly it was right on 14 of 20 findings in Debian\'s crates. A declared `rust-version` below 1.40 silences it.',
    why:
      'Swapping a value out is the right move when you need ownership of something behind a `&mut` (it costs no allocation, unlike a clone, ' +
      'which copies every byte: 1–5 ms per megabyte). When the value left behind is simply the empty default, `mem::take(&mut x)` says so ' +
      'in one call, cannot get the placeholder wrong, and reads as intent; for an `Option`, `x.take()` is the idiom. The spelled-out ' +
      '`replace` makes readers check the second argument to see that nothing special happens.',
    setup: [
      'struct Event;',
      'struct Journal {',
      '    events: Vec<Event>,',
      '}',
      'impl Journal {',
    ].join('\n'),
    example: [
      'fn drain(&mut self) -> Vec<Event> {',
      '    std::mem::replace(&mut self.events, Vec::new())',
      '}',
      '# }',
    ].join('\n'),
    instead: [
      'fn drain(&mut self) -> Vec<Event> {',
      '    std::mem::take(&mut self.events)',
      '}',
      '# }',
    ].join('\n'),
  },
  mentions: ['replace'],
  visit: {
    call_expression(node, ctx) {
      const fn = calleeOf(node);
      if (fn?.type !== 'scoped_identifier' && fn?.type !== 'identifier') return;
      if (!REPLACE.has(ctx.resolve(fn.text))) return;
      const args = argumentsOf(node);
      if (args.length !== 2) return;
      const kind = emptyValueKind(args[1]);
      if (!kind) return;
      // Left alone as clippy leaves them: a discarded result is a plain reset (`x = T::default()` says it),
      // and for a primitive (`u8::default()`) `take` reads no better than `replace`.
      if (kind === 'default' && (node.parent?.type === 'expression_statement' || isPrimitiveDefault(args[1]))) return;
      const place = kind === 'none' ? borrowedPlace(args[0]) : undefined;
      // Before Rust 1.40 there is no `mem::take`: spelling the replacement out is the way to write it.
      if (!place && ctx.msrvBelow(node, MEM_TAKE_SINCE)) return;
      // `mem::replace` written with a path: its `take` sibling is reachable the same way; a bare
      // `replace` imported from `core` (no_std code) gets `core::mem::take`.
      const take = fn.type === 'scoped_identifier' ? `${fn.childForFieldName('path')!.text}::take` : memTakePath(ctx, ctx.resolve(fn.text).startsWith('core::') ? 'core' : 'std');
      const replacement = place ? `${place.text}.take()` : `${take}(${args[0].text})`;
      ctx.report(fn, `\`${snippet(node, 60)}\` leaves an empty value behind: write \`${replacement}\`.`, { data: { replacement } });
    },
  },
  fix: {
    availability: 'always',
    safety: 'safe',
  },
  fixes(finding, ctx) {
    const replacement = finding.data?.replacement;
    const call = nodeOfSpan(ctx.node, finding)?.parent;
    if (typeof replacement !== 'string' || call?.type !== 'call_expression') return [];
    return [{ title: `Replace with \`${replacement}\``, edits: [{ start: call.startIndex, end: call.endIndex, newText: replacement }], safe: true, preferred: true }];
  },
};
