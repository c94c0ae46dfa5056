import type { Node, Tree } from 'web-tree-sitter';
import { attributesUpTo, isTestAttribute } from '../analysis/attributes';

/** A first look at the text, so that most files are decided without walking their tree. */
const MENTIONS = /catch_unwind|resume_unwind|CatchPanic|is_panic|into_panic|spawn|JoinSet|JoinHandle/;
/** Names that by themselves mean a panic is caught, read from a task, or kept inside one. */
const UNWINDING_NAMES = new Set(['catch_unwind', 'resume_unwind', 'CatchPanic', 'CatchPanicLayer', 'is_panic', 'into_panic', 'spawn_blocking', 'JoinSet', 'JoinHandle']);
const SPAWN = new Set(['spawn', 'spawn_local', 'spawn_blocking']);
/** The paths whose `spawn` starts a task a runtime keeps a panic inside (`tokio::spawn`, `task::spawn_local`). */
const RUNTIMES = new Set(['tokio', 'task', 'async_std', 'actix_rt']);

/**
 * Whether the file's code, outside tests, only works because panics unwind: it catches them
 * (`catch_unwind`, tower-http's `CatchPanic`), reads a task's panic (`JoinError::is_panic`), or
 * spawns tasks, which the runtime keeps a panic inside: the process serves on, where with
 * `panic = "abort"` it would die. Names in comments and strings do not count; in macros they do.
 */
export function reliesOnUnwinding(tree: Tree): boolean {
  const root = tree.rootNode;
  if (!MENTIONS.test(root.text)) return false;
  for (const node of root.descendantsOfType(['identifier', 'type_identifier', 'field_identifier'])) {
    if (!node || !(UNWINDING_NAMES.has(node.text) || (SPAWN.has(node.text) && spawnsOnRuntime(node)))) continue;
    if (!attributesUpTo(node, root).some((a) => isTestAttribute(a.text))) return true;
  }
  return false;
}

/** `tokio::spawn`, `task::spawn_local(..)`: in a path, or as tokens inside a macro (`select!`, `join!`). */
function spawnsOnRuntime(name: Node): boolean {
  const parent = name.parent;
  const qualifier = parent?.type === 'scoped_identifier' && parent.childForFieldName('name')?.id === name.id ? parent.childForFieldName('path') : name.previousSibling?.type === '::' ? name.previousSibling.previousSibling : undefined;
  const last = qualifier?.type === 'scoped_identifier' ? qualifier.childForFieldName('name') : qualifier;
  return !!last && RUNTIMES.has(last.text);
}
