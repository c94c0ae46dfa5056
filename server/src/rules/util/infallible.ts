import type { Node } from 'web-tree-sitter';
import { ancestorsOf } from './ancestors';
import { resolveBinding } from './bindings';
import { asMethodCall, calleeOf } from './syntax';

/** Items evaluated by the compiler: a panic there fails the build, it never reaches production. */
const CONST_CONTEXTS = new Set(['const_item', 'static_item', 'const_block']);
/** Iterators whose first `next()` always yields (an empty string still splits into one piece). */
const NEVER_EMPTY_SPLITS = new Set(['split', 'rsplit', 'splitn', 'rsplitn']);
/** `parse::<T>()` into types whose `FromStr` error is `Infallible`. */
const INFALLIBLE_PARSE = /^(?:String|PathBuf|OsString)$/;
/** `Result<T, Infallible>` or `Result<T, !>`: no `Err` can be built, so nothing can fail. */
const NEVER_ERR = /^(?:(?:std|core)::result::)?Result\s*<[\s\S]*,\s*(?:(?:(?:std|core)::convert::)?Infallible|!)\s*>$/;
/** Awaiting a task handle: `.unwrap()` re-raises the task's panic, the documented way to propagate it. */
const SPAWNS = /(?:^|::)spawn(?:_blocking|_local)?$/;

/**
 * A lock taken by `lock()`, `read()` or `write()` with no arguments (std's `Mutex`/`RwLock`): its `Err`
 * is poison, another thread's panic passed on. `try_lock()` is not one: it also fails when the lock is busy.
 */
const LOCKS = new Set(['lock', 'read', 'write']);

/**
 * Why `receiver.unwrap()` (or `.expect(..)`) is no production crash risk, or undefined when it may be:
 * it runs at compile time, the value cannot be the failing variant, or the failure re-raises a panic
 * that happened already, in a task or in a thread that held a lock (the guide's own examples unwrap
 * locks, and strict review of real code judged every such unwrap fine).
 */
export function cannotFailHere(call: Node, receiver: Node): string | undefined {
  if (ancestorsOf(call)?.some((a) => CONST_CONTEXTS.has(a.type))) return 'const';
  const m = asMethodCall(receiver);
  if (m) {
    if (m.name === 'next' && !m.args.length) {
      const source = asMethodCall(m.receiver);
      if (source && NEVER_EMPTY_SPLITS.has(source.name)) return 'split';
    }
    if (m.name === 'try_into' && !m.args.length && fixedLengthSlice(m.receiver)) return 'fixed slice';
    if (LOCKS.has(m.name) && !m.args.length) return 'poisoned lock';
  }
  if (infallibleParse(receiver)) return 'infallible parse';
  if (receiver.type === 'identifier') {
    const b = resolveBinding(receiver);
    if (b && b.kind !== 'pattern' && b.type && NEVER_ERR.test(b.type.text)) return 'never Err';
  }
  if (receiver.type === 'await_expression') {
    const awaited = receiver.namedChild(0);
    const fn = awaited?.type === 'call_expression' ? calleeOf(awaited) : undefined;
    if (fn && SPAWNS.test(fn.text)) return 'task panic';
  }
  return undefined;
}

/** `x.parse::<String>()`. */
function infallibleParse(call: Node): boolean {
  const generic = call.type === 'call_expression' ? calleeOf(call) : undefined;
  if (generic?.type !== 'generic_function') return false;
  const method = generic.childForFieldName('function');
  const type = generic.childForFieldName('type_arguments')?.namedChild(0)?.text ?? '';
  return method?.type === 'field_expression' && method.childForFieldName('field')?.text === 'parse' && INFALLIBLE_PARSE.test(type);
}

/**
 * A slice whose length the code fixes: `buf[..4]`, `buf[2..6]`, `buf[i..i + 8]`, or a chunk of
 * `chunks_exact(N)` / `array_chunks` taken by the closure it is handed to.
 */
function fixedLengthSlice(expr: Node): boolean {
  let e = expr;
  while (e.type === 'reference_expression' || e.type === 'parenthesized_expression') e = e.namedChild(e.namedChildCount - 1)!;
  if (e.type === 'index_expression') {
    const range = e.namedChild(1);
    if (range?.type !== 'range_expression') return false;
    const [from, to] = [range.namedChild(0), range.namedChild(1)];
    if (range.namedChildCount === 1 && range.firstChild?.type === '..') return /^\d+$/.test(from?.text ?? '');
    if (!from || !to) return false;
    if (/^\d+$/.test(from.text) && /^\d+$/.test(to.text)) return true;
    const sum = to.type === 'binary_expression' && to.childForFieldName('operator')?.type === '+';
    return sum && to.childForFieldName('left')?.text === from.text && /^\d+$/.test(to.childForFieldName('right')?.text ?? '');
  }
  if (e.type !== 'identifier') return false;
  const closure = ancestorsOf(expr)?.find((a) => a.type === 'closure_expression');
  const params = closure?.childForFieldName('parameters')?.text ?? '';
  if (!new RegExp(`\\b${e.text}\\b`).test(params)) return false;
  // The closure is an argument of a method of the chunks iterator: `.chunks_exact(4).map(|c| ..)`.
  const args = closure!.parent;
  const call = args?.type === 'arguments' ? args.parent : undefined;
  const chained = call ? asMethodCall(call)?.receiver : undefined;
  return !!chained && /\.(?:chunks_exact|array_chunks|array_windows)(?:::<[^>]*>)?\s*\(/.test(chained.text);
}
