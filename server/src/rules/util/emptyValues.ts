import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../analysis/ruleContext';
import type { Version } from '../../analysis/crateFacts';

/** `std::mem::take` is stable since Rust 1.40: a package promising an older Rust cannot call it. */
export const MEM_TAKE_SINCE: Version = [1, 40, 0];

/** What a value is reset to: `None` (then `Option::take` fits) or a type's default (then `mem::take`). */
export type EmptyKind = 'none' | 'default';

/** Std types whose `new()` equals their `Default`: resetting to it is what `mem::take` does. */
const EMPTY_NEW = new Set(['Vec', 'String', 'HashMap', 'HashSet', 'BTreeMap', 'BTreeSet', 'VecDeque', 'BinaryHeap', 'LinkedList', 'OsString', 'PathBuf']);

/**
 * `None`, `Vec::new()`, `String::new()`, `HashMap::new()`…, `Default::default()`, `T::default()`,
 * `vec![]`, `""`, `&[]`: a value `mem::take` would leave behind. Anything else (`Vec::with_capacity(n)`,
 * `String::from("x")`) is not.
 */
export function emptyValueKind(expr: Node): EmptyKind | undefined {
  switch (expr.type) {
    case 'identifier':
      return expr.text === 'None' ? 'none' : undefined;
    // `""` and `&[]`: the defaults of `&str` and `&[T]`.
    case 'string_literal':
      return expr.text === '""' ? 'default' : undefined;
    case 'reference_expression': {
      const value = expr.childForFieldName('value');
      return value?.type === 'array_expression' && !value.namedChildCount && !expr.children.some((c) => c?.type === 'mutable_specifier') ? 'default' : undefined;
    }
    case 'scoped_identifier':
      return /^(?:(?:::)?(?:std|core)::option::)?Option::None$/.test(expr.text.replace(/\s+/g, '')) ? 'none' : undefined;
    case 'macro_invocation': {
      const name = expr.childForFieldName('macro')?.text.replace(/\s+/g, '');
      const args = expr.namedChildren.find((c) => c?.type === 'token_tree');
      return (name === 'vec' || name === 'std::vec' || name === 'alloc::vec') && args?.namedChildCount === 0 ? 'default' : undefined;
    }
    case 'call_expression': {
      const fn = expr.childForFieldName('function');
      if (fn?.type !== 'scoped_identifier' || expr.childForFieldName('arguments')?.namedChildCount !== 0) return undefined;
      const name = fn.childForFieldName('name')?.text;
      const owner = fn.childForFieldName('path');
      if (name === 'default') return 'default';
      if (name !== 'new' || !owner) return undefined;
      const base = owner.type === 'generic_type' ? owner.childForFieldName('type') : owner;
      const last = base?.text.replace(/\s+/g, '').split('::').pop();
      return last && EMPTY_NEW.has(last) ? 'default' : undefined;
    }
  }
  return undefined;
}

/**
 * How to write `mem::take` in this file: `mem::take` under `use std::mem;`, `take` under
 * `use std::mem::take;`, `std::mem::take` (or `core::mem::take` in code that uses core's) otherwise.
 */
export function memTakePath(ctx: RuleContext, crate: 'std' | 'core' = 'std'): string {
  for (const [local, path] of ctx.facts.uses) {
    if (path === 'std::mem::take' || path === 'core::mem::take') return local;
  }
  for (const [local, path] of ctx.facts.uses) {
    if (path === 'std::mem' || path === 'core::mem') return `${local}::take`;
  }
  return `${crate}::mem::take`;
}

/**
 * `mem::take(arg)` as this file writes it, or, in a package whose MSRV predates `mem::take`, the
 * `mem::replace(arg, Default::default())` it stands for.
 */
export function memTakeCall(ctx: RuleContext, at: Node, arg: string): string {
  const take = memTakePath(ctx);
  if (!ctx.msrvBelow(at, MEM_TAKE_SINCE)) return `${take}(${arg})`;
  const replace = take.endsWith('::take') ? `${take.slice(0, -'take'.length)}replace` : 'std::mem::replace';
  return `${replace}(${arg}, Default::default())`;
}
