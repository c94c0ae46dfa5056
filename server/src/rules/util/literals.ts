import type { Node } from 'web-tree-sitter';
import { argumentsOf } from './syntax';

const STRING_TYPES = new Set(['string_literal', 'raw_string_literal']);

export function isStringLiteral(n: Node | null | undefined): boolean {
  return !!n && STRING_TYPES.has(n.type);
}

/**
 * The text between the quotes of `"…"`, `r#"…"#` or `b"…"` (escapes left as written: rules only
 * pattern-match on it).
 */
export function stringContent(lit: Node): string {
  const m = /^[bc]?r?(#*)"([\s\S]*)"\1$/.exec(lit.text);
  return m ? m[2] : '';
}

/** `"…"`, `"…".to_string()`, `"…".to_owned()`, `"…".into()`, `String::from("…")`: the literal inside, if that is all it is. */
export function literalOf(n: Node): Node | undefined {
  if (isStringLiteral(n)) return n;
  if (n.type !== 'call_expression') return undefined;
  const fn = n.childForFieldName('function');
  const args = argumentsOf(n);
  if (fn?.type === 'field_expression') {
    const receiver = fn.childForFieldName('value');
    return args.length === 0 && /^(?:to_string|to_owned|into)$/.test(fn.childForFieldName('field')?.text ?? '') && isStringLiteral(receiver) ? receiver! : undefined;
  }
  return /^(?:String::from|String::from_str)$/.test(fn?.text ?? '') && args.length === 1 && isStringLiteral(args[0]) ? args[0]! : undefined;
}
