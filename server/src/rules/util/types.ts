import type { Node } from 'web-tree-sitter';

/** The written path of a type without its generic arguments: `std::rc::Rc` for `std::rc::Rc<T>`. */
export function typePath(type: Node): string {
  const base = type.type === 'generic_type' ? type.childForFieldName('type') : type;
  return (base?.text ?? '').replace(/\s+/g, '');
}

/** The last segment of a type's path: `Result` for `io::Result<()>`. */
export function typeName(type: Node): string {
  return typePath(type).split('::').pop() ?? '';
}

/** The type arguments of `Foo<A, B>` (lifetimes and associated-type bindings left out). */
export function typeArguments(type: Node): Node[] {
  if (type.type !== 'generic_type') return [];
  const args = type.childForFieldName('type_arguments');
  return (args?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'lifetime' && n.type !== 'type_binding' && !n.type.endsWith('comment'));
}

/** Every generic type inside `type` (itself included) whose last path segment is `name`, outermost first. */
export function genericTypesNamed(type: Node, name: string): Node[] {
  const all = type.type === 'generic_type' ? [type] : [];
  for (const n of type.descendantsOfType('generic_type')) if (n && n.id !== type.id) all.push(n);
  return all.filter((n) => typeName(n) === name);
}

/** `Result<T, E>` written with both arguments: its error type. */
export function resultErrorType(type: Node): Node | undefined {
  if (typeName(type) !== 'Result') return undefined;
  const args = typeArguments(type);
  return args.length === 2 ? args[1] : undefined;
}

/** True for a fn directly in `impl Trait for X`: its signature and docs belong to the trait. */
export function isTraitImplMember(fn: Node): boolean {
  const impl = fn.parent?.type === 'declaration_list' ? fn.parent.parent : null;
  return impl?.type === 'impl_item' && !!impl.childForFieldName('trait');
}

/** Plain `pub` (not `pub(crate)`, `pub(super)`…): part of the crate's API. */
export function isPub(item: Node): boolean {
  return item.namedChildren.some((c) => c?.type === 'visibility_modifier' && c.text === 'pub');
}
