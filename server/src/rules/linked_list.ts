import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../analysis/ruleContext';
import type { Fix, Rule, TextEdit } from '../analysis/rule';
import { treeText } from '../analysis/edits';
import { closest } from './util/syntax';
import { fileUsePaths, usePathOf } from './util/useTree';

/** Where std puts it (the `linked_list` module re-exports the same type). */
const STD_LINKED_LIST = /^(?:std|alloc)::collections::(?:linked_list::)?LinkedList$/;
/** Calls that exist on `LinkedList` but not on `VecDeque` (the rest of the API is shared). */
const LIST_ONLY_METHODS = /\.\s*(?:cursor_front|cursor_back|cursor_front_mut|cursor_back_mut|drain_filter)\b/;

export const linkedList: Rule = {
  id: 'linked_list',
  // A hint: the docs' last sentences say what the corpora measured.
  severity: 'hint',
  section: 'Collection selection determines algorithm performance through cache behavior and complexity',
  summary: '`LinkedList` is slower than `Vec` or `VecDeque` for nearly every workload',
  allowedInTests: true,
  clippy: ['linkedlist'],
  docs: {
    what:
      'Flags every use of `std::collections::LinkedList` as a type or through its constructor, except inside an impl for it ' +
      '(`impl Serialize for LinkedList<T>`: the rest of the file still counts) or where code uses what lists do best (`append`, `split_off`). ' +
      'A hint: the lists real code keeps are mostly there on purpose (rayon joins per-thread lists with O(1) `append` in a helper, liblzma keeps pointers into list elements, which must not move); judged strictly it was right on 3 of 11 findings in Debian\'s crates.',
    why:
      'Each node of a linked list is a separate heap allocation, so walking it jumps around memory and misses the cache at ' +
      'every step, while a `Vec` or a `VecDeque` keeps elements side by side. The theoretical wins (O(1) insertion in the ' +
      'middle, O(1) `append`) rarely survive contact with real hardware: for queues, stacks and sequences the contiguous ' +
      'collections are faster at almost everything; `Vec` and `HashMap` are the right default for some 99% of code. `VecDeque` is a ring buffer with O(1) push and pop at both ends and the ' +
      'same method names, so it is the drop-in choice. Keep a `LinkedList` only when profiling shows that splitting and ' +
      'appending large lists dominates.',
    setup: [
      'struct Job;',
      'fn schedule(job: Job) -> Option<Job> {',
    ].join('\n'),
    example: [
      'use std::collections::LinkedList;',
      '',
      'let mut jobs: LinkedList<Job> = LinkedList::new();',
      'jobs.push_back(job);',
      'let next = jobs.pop_front();',
      '#     next',
      '# }',
    ].join('\n'),
    instead: [
      'use std::collections::VecDeque;',
      '',
      'let mut jobs: VecDeque<Job> = VecDeque::new();',
      'jobs.push_back(job);',
      'let next = jobs.pop_front();',
      '#     next',
      '# }',
    ].join('\n'),
  },
  mentions: ['LinkedList'],
  visit: {
    type_identifier(node, ctx) {
      if (node.text !== 'LinkedList' && !ctx.facts.uses.has(node.text)) return;
      const parent = node.parent;
      const written = parent?.type === 'scoped_type_identifier' && parent.childForFieldName('name')?.id === node.id ? parent.text : node.text;
      if (!isStdLinkedList(written, ctx) || isSupportCode(node)) return;
      const generic = parent?.type === 'generic_type' ? parent : parent?.parent?.type === 'generic_type' ? parent.parent : parent;
      const shown = generic?.type === 'generic_type' ? generic.text.replace(/\s+/g, ' ') : node.text;
      ctx.report(node, `\`${shown}\` is a linked list: each element is its own allocation, so iterating it misses the cache at every step.`);
    },
    scoped_identifier(node, ctx) {
      // `LinkedList::new()`, `std::collections::LinkedList::from(..)`: the path names the type.
      const path = node.childForFieldName('path');
      if (!path || (path.type !== 'identifier' && path.type !== 'scoped_identifier')) return;
      if (!isStdLinkedList(path.text, ctx) || closest(node, 'use_declaration') || isSupportCode(node)) return;
      const segment = path.type === 'scoped_identifier' ? path.childForFieldName('name') ?? path : path;
      ctx.report(segment, `\`${node.text.replace(/\s+/g, '')}(…)\` builds a linked list; a \`VecDeque\` does the same job with contiguous memory.`);
    },
  },
  fix: {
    availability: 'sometimes',
    safety: 'unsafe',
    note: 'Renames every `LinkedList` of the file to `VecDeque`; declined where the file uses something `VecDeque` lacks (list-only methods, other `linked_list::` items, a `const` constructor). Changes types callers may see.',
  },
  fixes(_finding, { tree }) {
    const fix = replaceWithVecDeque(tree.rootNode);
    return fix ? [fix] : [];
  },
};

/**
 * Code that supports lists rather than choosing one: an impl for `LinkedList<T>` itself (serde,
 * quickcheck, rayon's reductions, the one use the guide allows), generic code over `LinkedList<T>`
 * for any `T`, and functions using what lists do best, O(1) `append` and `split_off`. Only the impl
 * is exempt, not the rest of its file.
 */
function isSupportCode(node: Node): boolean {
  const generics = new Set<string>();
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'impl_item' && implementsForLinkedList(n)) return true;
    if (n.type === 'function_item' && /\.\s*(?:append\s*\(\s*&mut|split_off\s*\()/.test(n.childForFieldName('body')?.text ?? '')) return true;
    for (const p of n.childForFieldName('type_parameters')?.namedChildren ?? []) {
      const name = p?.type === 'type_identifier' ? p : p?.childForFieldName('name') ?? p?.namedChild(0);
      if (name) generics.add(name.text);
    }
  }
  const generic = node.parent?.type === 'generic_type' ? node.parent : node.parent?.parent?.type === 'generic_type' ? node.parent.parent : undefined;
  const args = generic?.childForFieldName('type_arguments')?.descendantsOfType('type_identifier') ?? [];
  return args.some((a) => !!a && generics.has(a.text));
}

/** `impl<T> Serialize for LinkedList<T>`, `impl Extend<T> for std::collections::LinkedList<T>`. */
function implementsForLinkedList(impl: Node): boolean {
  const type = impl.childForFieldName('type');
  const base = type?.type === 'generic_type' ? type.childForFieldName('type') : type;
  return !!base && /(?:^|::)LinkedList$/.test(base.text.replace(/\s+/g, ''));
}

function isStdLinkedList(written: string, ctx: RuleContext): boolean {
  const bare = written.replace(/\s+/g, '');
  if (!bare.includes('::') && ctx.facts.structs.has(bare)) return false;
  return STD_LINKED_LIST.test(ctx.resolve(bare));
}

/**
 * Renames every mention of std's `LinkedList` in the file to `VecDeque` (import included), so the
 * result compiles whichever finding the user picked. Declines when the file relies on something
 * `VecDeque` lacks: list-only methods, `linked_list::` items other than the type, or a const
 * constructor (`VecDeque::new` became `const` only in Rust 1.68).
 */
function replaceWithVecDeque(root: Node): Fix | undefined {
  if (LIST_ONLY_METHODS.test(root.text)) return undefined;
  const uses = fileUsePaths(root);
  const resolve = (written: string) => uses.resolve(written.replace(/\s+/g, ''));
  const vecDequeImported = /^(?:std|alloc)::collections::(?:vec_deque::)?VecDeque$/.test(uses.resolve('VecDeque'));
  const edits: TextEdit[] = [];
  for (const node of root.descendantsOfType(['identifier', 'type_identifier'])) {
    if (!node || node.text !== 'LinkedList') continue;
    const use = closest(node, 'use_declaration');
    if (use) {
      if (!STD_LINKED_LIST.test(resolve(usePathOf(node)))) continue;
      const edit = importEdit(node, use, vecDequeImported);
      if (!edit) return undefined;
      edits.push(edit);
      continue;
    }
    const parent = node.parent;
    const qualified = parent && (parent.type === 'scoped_identifier' || parent.type === 'scoped_type_identifier') && parent.childForFieldName('name')?.id === node.id;
    if (qualified) {
      const prefix = parent.childForFieldName('path')!;
      if (!STD_LINKED_LIST.test(resolve(parent.text))) continue;
      // `std::collections::linked_list::LinkedList` → `std::collections::VecDeque`.
      const mod = prefix.type === 'scoped_identifier' && prefix.childForFieldName('name')?.text === 'linked_list' ? prefix.childForFieldName('name')! : undefined;
      edits.push(mod ? { start: mod.startIndex, end: node.endIndex, newText: 'VecDeque' } : { start: node.startIndex, end: node.endIndex, newText: 'VecDeque' });
    } else {
      if (node.previousSibling?.type === '::') return undefined; // a path inside a macro: not worth guessing
      if (!STD_LINKED_LIST.test(resolve(node.text))) continue;
      edits.push({ start: node.startIndex, end: node.endIndex, newText: 'VecDeque' });
    }
    if (closest(node, 'const_item') || closest(node, 'static_item')) return undefined;
  }
  if (root.descendantsOfType('identifier').some((n) => n?.text === 'linked_list' && n.nextSibling?.type === '::' && n.parent?.parent?.childForFieldName('name')?.text !== 'LinkedList')) {
    return undefined;
  }
  if (!edits.length) return undefined;
  return { title: 'Replace `LinkedList` with `VecDeque` in this file', edits, safe: false };
}

/** Renames the import, or drops it when `VecDeque` is imported already (a second import would clash). */
function importEdit(name: Node, use: Node, vecDequeImported: boolean): TextEdit | undefined {
  const alias = name.parent?.type === 'use_as_clause' ? name.parent : undefined;
  if (!vecDequeImported || alias) {
    const mod = name.previousSibling?.type === '::' ? name.parent?.childForFieldName('path') : undefined;
    if (mod?.type === 'scoped_identifier' && mod.childForFieldName('name')?.text === 'linked_list') {
      return { start: mod.childForFieldName('name')!.startIndex, end: name.endIndex, newText: 'VecDeque' };
    }
    return { start: name.startIndex, end: name.endIndex, newText: 'VecDeque' };
  }
  // The import to drop: the whole `use` line, or this entry of a `{…}` list.
  let entry: Node = name;
  while (entry.parent && entry.parent.type !== 'use_list' && entry.parent.id !== use.id) entry = entry.parent;
  const list = entry.parent?.type === 'use_list' ? entry.parent : undefined;
  const siblings = list ? list.namedChildren.filter((c): c is Node => !!c && c.type !== 'line_comment' && c.type !== 'block_comment') : [];
  if (!list || siblings.length < 2) {
    const text = treeText(use.tree);
    let end = use.endIndex;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { start: use.startIndex, end, newText: '' };
  }
  const i = siblings.findIndex((s) => s.id === entry.id);
  return i < siblings.length - 1
    ? { start: entry.startIndex, end: siblings[i + 1].startIndex, newText: '' }
    : { start: siblings[i - 1].endIndex, end: entry.endIndex, newText: '' };
}
