import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../analysis/ruleContext';
import { ancestorsOf } from './ancestors';
import { resolveBinding } from './bindings';
import { asMethodCall } from './syntax';
import { resultErrorType, typeArguments, typeName, typePath } from './types';

/** What a receiver of `.unwrap()` is, as far as its producer tells: `io` is a `Result<_, io::Error>`. */
export type FallibleKind = 'option' | 'result' | 'io';

const OPTION_METHODS = new Set([
  'get', 'get_mut', 'first', 'last', 'first_mut', 'last_mut', 'next', 'next_back', 'pop', 'pop_front', 'pop_back', 'find', 'find_map',
  'position', 'rposition', 'max', 'min', 'max_by', 'min_by', 'max_by_key', 'min_by_key', 'nth', 'peek', 'checked_add', 'checked_sub',
  'checked_mul', 'checked_div', 'checked_rem', 'checked_pow', 'strip_prefix', 'strip_suffix', 'split_once', 'rsplit_once', 'parent',
  'file_name', 'file_stem', 'extension', 'to_str', 'get_key_value', 'ok', 'upgrade',
]);
const RESULT_METHODS = new Set(['parse', 'try_into']);
const IO_METHODS = new Set(['read_to_string', 'read_to_end', 'read_line', 'read_exact', 'write_all', 'flush', 'sync_all', 'sync_data', 'set_len', 'accept', 'local_addr', 'peer_addr']);
const RESULT_PATHS = /^(?:std::env::var|std::str::from_utf8|std::string::String::from_utf8|String::from_utf8|str::from_utf8|[A-Za-z0-9_]+::(?:try_from|from_str_radix|from_str))$/;
const IO_PATHS = /^std::(?:fs|net|io)::/;

/** The kind of value a call produces, judged by the std method or function it calls. */
function fallibleKind(expr: Node, ctx: RuleContext): FallibleKind | undefined {
  const m = asMethodCall(expr);
  if (m) return OPTION_METHODS.has(m.name) ? 'option' : IO_METHODS.has(m.name) ? 'io' : RESULT_METHODS.has(m.name) ? 'result' : undefined;
  const fn = expr.type === 'call_expression' ? expr.childForFieldName('function') : undefined;
  const path = fn?.type === 'generic_function' ? fn.childForFieldName('function') : fn;
  if (path?.type !== 'identifier' && path?.type !== 'scoped_identifier') return undefined;
  const full = ctx.resolve(path.text);
  return IO_PATHS.test(full) ? 'io' : RESULT_PATHS.test(full) ? 'result' : undefined;
}

/**
 * Whether `receiver` holds an `Option` or a `Result`, where its producer (a std call of known kind)
 * or its binding's declared type says; undefined where nothing does.
 */
export function optionOrResult(receiver: Node, ctx: RuleContext): 'option' | 'result' | undefined {
  const kind = fallibleKind(receiver, ctx);
  if (kind) return kind === 'option' ? 'option' : 'result';
  const binding = receiver.type === 'identifier' ? resolveBinding(receiver) : undefined;
  const declared = binding && binding.kind !== 'pattern' ? binding.type : undefined;
  const value = binding?.kind === 'let' ? binding.value : undefined;
  if (declared) {
    const full = ctx.resolve(typePath(declared));
    if (/^(?:(?:std|core)::option::)?Option$/.test(full)) return 'option';
    if (/^(?:(?:std|core)::result::|std::io::|anyhow::|eyre::)?Result$/.test(full)) return 'result';
    return undefined;
  }
  const produced = value && fallibleKind(value, ctx);
  return produced ? (produced === 'option' ? 'option' : 'result') : undefined;
}

/** The fn whose body `node` is directly in: not across a closure or async block (where `?` means something else). */
function enclosingFnBody(node: Node): Node | undefined {
  for (const n of ancestorsOf(node) ?? []) {
    if (n.type === 'closure_expression' || n.type === 'async_block' || n.type === 'const_item' || n.type === 'static_item') return undefined;
    if (n.type === 'function_item') return n;
  }
  return undefined;
}

/** What a fn's declared return type accepts from `?`: std errors of any kind, io errors, or `None`. */
function accepts(ret: Node, ctx: RuleContext): FallibleKind[] {
  const name = typeName(ret);
  if (name === 'Option' && ctx.resolve(typePath(ret)).match(/^(?:(?:std|core)::option::)?Option$/)) return ['option'];
  if (name !== 'Result') return [];
  const full = ctx.resolve(typePath(ret));
  if (/^(?:anyhow|eyre|color_eyre)::Result$/.test(full)) return ['result', 'io'];
  if (full === 'std::io::Result') return ['io'];
  const err = resultErrorType(ret);
  if (!err || !/^(?:(?:std|core)::result::)?Result$/.test(full)) return [];
  const errText = err.text.replace(/\s+/g, ' ');
  if (/^Box<dyn (?:(?:std|core)::error::)?Error\b/.test(errText) || /^(?:anyhow::Error|eyre::Report|color_eyre::Report)$/.test(ctx.resolve(typePath(err)))) return ['result', 'io'];
  if (ctx.resolve(typePath(err)) === 'std::io::Error' && !typeArguments(err).length) return ['io'];
  return [];
}

/**
 * True when `receiver.unwrap()` can become `receiver?`: the call sits directly in a fn body whose
 * declared return type takes what the receiver produces (`None` into `Option`, an io error into
 * `io::Result`, any std error into `Box<dyn Error>`/anyhow).
 */
export function questionMarkFits(call: Node, receiver: Node, ctx: RuleContext): boolean {
  // The receiver first: most are not a std call of known kind, and then the fn need not be found.
  const kind = fallibleKind(receiver, ctx);
  const ret = kind && enclosingFnBody(call)?.childForFieldName('return_type');
  return !!ret && !!kind && accepts(ret, ctx).includes(kind);
}
