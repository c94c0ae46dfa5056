import type { Node } from 'web-tree-sitter';
import { ancestorsOf } from './ancestors';
import { bindingOf } from './bindings';
import { typeArguments, typeName } from './types';

/** Primitive numbers: their `Display` is digits, a sign, a point or `NaN`/`inf`, never SQL or markup. */
const NUMBER = /^(?:[iu](?:8|16|32|64|128|size)|f32|f64)$/;

/** True when the type written for `name` where `at` stands is a primitive number. */
export function isNumberTyped(name: string, at: Node): boolean {
  const type = writtenTypeOf(name, at);
  return !!type && NUMBER.test(withoutReference(type).text);
}

/**
 * The type the code writes for the local `name` seen from `at`: a parameter's or a `let`'s annotation,
 * or, for a name a match arm binds, the part of the scrutinee's type its pattern picks out, when the
 * scrutinee is built from locals and fields of structs declared in the file
 * (`match (opts.limit, opts.offset) { (Some(limit), _) => … }` with `limit: Option<i64>`).
 * Undefined where nothing is written: no inference.
 */
export function writtenTypeOf(name: string, at: Node): Node | undefined {
  const b = bindingOf(name, at);
  if (!b) return undefined;
  if (b.kind !== 'pattern') return b.type;
  if (b.decl.type !== 'match_arm') return undefined;
  const scrutinee = b.decl.parent?.parent?.childForFieldName('value');
  const pattern = b.decl.childForFieldName('pattern')?.namedChildren[0];
  return scrutinee && pattern ? typeInPattern(pattern, name, scrutinee) : undefined;
}

/** Where `pattern` binds `name`, the type of that part of `value`. */
function typeInPattern(pattern: Node, name: string, value: Node | undefined, type = value && typeOfExpression(value)): Node | undefined {
  switch (pattern.type) {
    case 'identifier':
      return pattern.text === name ? type : undefined;
    case 'tuple_pattern': {
      const parts = pattern.namedChildren.filter((c): c is Node => !!c);
      const values = value?.type === 'tuple_expression' ? value.namedChildren.filter((c): c is Node => !!c) : [];
      const types = type?.type === 'tuple_type' ? type.namedChildren.filter((c): c is Node => !!c) : [];
      for (let i = 0; i < parts.length; i++) {
        const found = typeInPattern(parts[i], name, values[i], values[i] ? typeOfExpression(values[i]) : types[i]);
        if (found) return found;
      }
      return undefined;
    }
    case 'tuple_struct_pattern': {
      // `Some(x)` / `Ok(x)` of an `Option<T>` / `Result<T, _>`: x is a T.
      const ctorNode = pattern.childForFieldName('type');
      const ctor = ctorNode?.text;
      const inner = pattern.namedChildren.filter((c): c is Node => !!c && c.id !== ctorNode?.id);
      const wrapped = type && ((ctor === 'Some' && typeName(type) === 'Option') || (ctor === 'Ok' && typeName(type) === 'Result')) ? typeArguments(type)[0] : undefined;
      return inner.length === 1 ? typeInPattern(inner[0], name, undefined, wrapped) : undefined;
    }
    default:
      return undefined;
  }
}

/** The written type of a local or of a field of a local whose struct the file declares. */
function typeOfExpression(expr: Node): Node | undefined {
  if (expr.type === 'identifier') return writtenTypeOf(expr.text, expr);
  if (expr.type !== 'field_expression') return undefined;
  const owner = expr.childForFieldName('value');
  const field = expr.childForFieldName('field')?.text;
  const ownerType = owner && typeOfExpression(owner);
  return ownerType && field ? fieldType(withoutReference(ownerType), field, expr) : undefined;
}

function fieldType(struct: Node, field: string, from: Node): Node | undefined {
  const name = typeName(struct);
  const root = ancestorsOf(from)?.at(-1);
  for (const item of root?.descendantsOfType('struct_item') ?? []) {
    if (item?.childForFieldName('name')?.text !== name) continue;
    for (const f of item.childForFieldName('body')?.namedChildren ?? []) {
      if (f?.type === 'field_declaration' && f.childForFieldName('name')?.text === field) return f.childForFieldName('type') ?? undefined;
    }
  }
  return undefined;
}

function withoutReference(type: Node): Node {
  return type.type === 'reference_type' ? (type.childForFieldName('type') ?? type) : type;
}
