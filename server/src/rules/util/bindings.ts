import type { Node } from 'web-tree-sitter';
import { ancestorsOf } from './ancestors';
import { memoized } from '../../analysis/memo';

/**
 * Where a local name used at some point was declared, found by walking outwards through the
 * enclosing blocks (nearest declaration first, so shadowing is respected) up to the enclosing fn.
 * `let` and fn parameters with a plain identifier pattern are resolved; any other binder (match arm,
 * `if let`, `for`, closure parameter, tuple pattern) gives `pattern`: its type is unknown.
 */
export type Binding =
  | { kind: 'let'; decl: Node; type?: Node; value?: Node; mutable: boolean; scope: Node; fn: Node | undefined }
  | { kind: 'param'; decl: Node; type?: Node; mutable: boolean; scope: Node; fn: Node }
  | { kind: 'pattern'; decl: Node };

const LOOPS = new Set(['loop_expression', 'while_expression', 'for_expression']);
/** Code that may run later or more than once: moving a value in there is not moving it once, now. */
const DEFERRED = new Set(['closure_expression', 'async_block']);

export const resolveBinding = memoized((use: Node): Binding | undefined => bindingOf(use.text, use));

/** What `name` means where `at` stands: `resolveBinding` for a name that is no node (one a format string captures). */
export function bindingOf(name: string, at: Node): Binding | undefined {
  let child: Node = at;
  for (const a of ancestorsOf(at) ?? []) {
    switch (a.type) {
      case 'block': {
        for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) {
          if (s.type !== 'let_declaration') continue;
          const pattern = s.childForFieldName('pattern');
          if (!pattern || !bindsName(pattern, name)) continue;
          if (pattern.type !== 'identifier' || s.childForFieldName('alternative')) return { kind: 'pattern', decl: s };
          return {
            kind: 'let',
            decl: s,
            type: s.childForFieldName('type') ?? undefined,
            value: s.childForFieldName('value') ?? undefined,
            mutable: s.children.some((c) => c?.type === 'mutable_specifier'),
            scope: a,
            fn: enclosingFn(a),
          };
        }
        break;
      }
      case 'function_item': {
        const params = a.childForFieldName('parameters');
        for (const p of params?.namedChildren ?? []) {
          const pattern = p?.type === 'parameter' ? p.childForFieldName('pattern') : null;
          if (!p || !pattern || !bindsName(pattern, name)) continue;
          if (pattern.type !== 'identifier') return { kind: 'pattern', decl: p };
          const body = a.childForFieldName('body');
          if (!body) return undefined;
          return { kind: 'param', decl: p, type: p.childForFieldName('type') ?? undefined, mutable: p.children.some((c) => c?.type === 'mutable_specifier'), scope: body, fn: a };
        }
        // Items do not capture locals: the name is not a local of an outer fn.
        return undefined;
      }
      case 'closure_expression': {
        const params = a.childForFieldName('parameters');
        if (params && child.id !== params.id && bindsName(params, name)) return { kind: 'pattern', decl: a };
        break;
      }
      case 'match_arm':
      case 'for_expression':
      case 'if_expression':
      case 'while_expression':
      case 'let_chain': {
        const binder = binderPattern(a, child);
        if (binder && bindsName(binder, name)) return { kind: 'pattern', decl: a };
        break;
      }
    }
    child = a;
  }
  return undefined;
}

/** The pattern a node binds for `child` (the arm's value, the loop body, an `if let` consequence). */
function binderPattern(a: Node, child: Node): Node | undefined {
  if (a.type === 'match_arm' || a.type === 'for_expression') {
    // An arm's pattern binds in its guard and value; a loop's, in its body only (not what it iterates).
    const p = a.childForFieldName('pattern');
    const outside = a.type === 'for_expression' ? a.childForFieldName('value') : null;
    return p && p.id !== child.id && outside?.id !== child.id ? p : undefined;
  }
  const cond = a.type === 'let_chain' ? a : a.childForFieldName('condition');
  if (!cond || cond.id === child.id) return undefined;
  return cond.type === 'let_condition' || cond.type === 'let_chain' ? cond : undefined;
}

function bindsName(pattern: Node, name: string): boolean {
  if (pattern.type === 'identifier') return pattern.text === name;
  return pattern.descendantsOfType('identifier').some((n) => n?.text === name);
}

function enclosingFn(node: Node): Node | undefined {
  return ancestorsOf(node)?.find((n) => n.type === 'function_item');
}

/**
 * True when `node` runs once per run of `scope`: no loop body, closure or async block lies between
 * them (the value a `for` iterates is computed once, so it does not count).
 */
export function runsOncePer(node: Node, scope: Node): boolean {
  let child = node;
  for (const a of ancestorsOf(node) ?? []) {
    if (a.id === scope.id) return true;
    if (DEFERRED.has(a.type)) return false;
    if (LOOPS.has(a.type) && !(a.type === 'for_expression' && a.childForFieldName('value')?.id === child.id)) return false;
    child = a;
  }
  return false;
}

/** True when `name` occurs as a word in `text` (conservative: strings, comments and macros count). */
export function mentions(text: string, name: string): boolean {
  return wordPattern(name).test(text);
}

export function wordPattern(name: string, flags = ''): RegExp {
  return new RegExp(`(?<![\\w$])${name.replace(/[^\w]/g, '\\$&')}(?![\\w$])`, flags);
}

/** The statement directly inside a block that contains `node` (or `node` itself). */
export function enclosingStatement(node: Node): Node | undefined {
  let child = node;
  for (const a of ancestorsOf(node) ?? []) {
    if (a.type === 'block') return child;
    child = a;
  }
  return undefined;
}

/**
 * An initializer that certainly yields an owned value (not a reference): constructors, literals of
 * owned types, `collect()`, `to_string()`… What the binding of a `let` without a type holds.
 */
export function isOwnedInitializer(value: Node): boolean {
  switch (value.type) {
    case 'struct_expression':
    case 'array_expression':
      return true;
    case 'macro_invocation':
      return /^(?:(?:std|alloc)::)?(?:vec|format)$/.test(value.childForFieldName('macro')?.text.replace(/\s+/g, '') ?? '');
    case 'call_expression': {
      let fn = value.childForFieldName('function');
      if (fn?.type === 'generic_function') fn = fn.childForFieldName('function');
      if (fn?.type === 'scoped_identifier') {
        // `Type::new(..)`, `String::from(..)`, `Vec::with_capacity(..)`: constructors of a named type.
        const owner = fn.childForFieldName('path');
        const name = fn.childForFieldName('name')?.text ?? '';
        const ownerName = (owner?.type === 'generic_type' ? owner.childForFieldName('type') : owner)?.text.split('::').pop() ?? '';
        // `ManuallyDrop::new(..)` is excluded: its clone is how code bumps a count it will never drop.
        return /^[A-Z]/.test(ownerName) && ownerName !== 'ManuallyDrop' && /^(?:new|from|with_capacity|default)$/.test(name);
      }
      if (fn?.type === 'field_expression') {
        const method = fn.childForFieldName('field')?.text ?? '';
        return /^(?:to_string|to_owned|to_vec|collect|clone|into_owned)$/.test(method);
      }
      return false;
    }
  }
  return false;
}

/** True when a `let`/parameter type or initializer says the binding is a `&mut` reference. */
export function isMutRefType(type: Node | undefined): boolean {
  return type?.type === 'reference_type' && type.children.some((c) => c?.type === 'mutable_specifier');
}
