import type { Node, Parser, Tree } from 'web-tree-sitter';
import { parseWithin } from './parsing';

/**
 * tree-sitter leaves the inside of a macro call or a `macro_rules!` body as a flat list of tokens.
 * Much of it is Rust all the same (`cfg_if!` branches, `lazy_static!`, `println!` arguments, the
 * bodies of a crate's own macros), and its `unsafe` blocks or `unwrap`s are as real as any. The text
 * of such a body is parsed on its own, as the Rust it can be, and what is found there is mapped back
 * by offset: the body's text is the document's, character for character, so the mapping is exact.
 */

export const MACRO_TYPES = ['macro_invocation', 'macro_definition'];

/** How a body is wrapped to parse: items as they stand, statements in a fn body, expressions as call arguments. */
const ITEMS = { before: '', after: '' };
const STATEMENTS = { before: 'fn __m() {\n', after: '\n}' };
const ARGUMENTS = { before: 'fn __m() { __m(\n', after: '\n); }' };
/** The wrapper of statements or arguments written in async code (a `tokio::select!` branch in an async fn) is an async fn: rules see the code as async, as it is. */
const ASYNC = 'async ';

/** What the rules' word gates read for a body: its text, with the `async` its wrapper will add. */
export function asWrapped(body: string, inAsync: boolean): string {
  return inAsync ? ASYNC + body : body;
}
/** Most braced bodies hold items or statements, most parenthesized ones arguments: tried first, a parse that fails is mostly wasted. */
const BRACED = [ITEMS, STATEMENTS, ARGUMENTS];
const PARENTHESIZED = [ARGUMENTS, STATEMENTS, ITEMS];
/** In async code statements go first: tree-sitter takes `sleep(d);` for an item too, and outside the async wrapper it would not be async. */
const BRACED_IN_ASYNC = [STATEMENTS, ITEMS, ARGUMENTS];

const CFG_IF = /^\s*if\s*#\s*\[/;
/** Bodies larger than this are left alone (generated tables, not code anyone reviews line by line). */
const MAX_BODY = 64 * 1024;
/** Token trees tried per macro when the whole does not parse (each brace group of a DSL such as `cfg_if!`). */
const MAX_TRIES = 24;

/** A macro body parsed as Rust. Offsets in `tree` are those of the body's text plus `offset`. */
export interface ParsedBody {
  tree: Tree;
  /** The text parsed: the body in its wrapper. */
  text: string;
  /** Where the body's text starts in the parsed text (the length of the wrapper in front). */
  offset: number;
  /** Where the body's text starts in the text of the tree holding the macro. */
  start: number;
  length: number;
  /** The macro call or definition the body belongs to. */
  host: Node;
}

/** What a parsed body's nodes belong to, while its tree lives (see `macroHostOf`). */
const HOSTS = new WeakMap<Tree, ParsedBody>();

/** When `tree` is a macro body being analysed: the body, and its host macro in the enclosing tree. */
export function macroHostOf(tree: Tree): ParsedBody | undefined {
  return HOSTS.get(tree);
}

/** Whether `node` is a token of a macro's body, or holds some (a node of the document's tree). */
export function inMacroTokens(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parent) if (n.type === 'token_tree' || n.type === 'macro_rule') return true;
  return false;
}

/** Lists whose children are statements or items: the statement holding a node starts the line a comment above documents. */
const STATEMENT_PARENTS = new Set(['block', 'declaration_list', 'source_file']);

/** The statement or item holding `node` (the node itself when it is one). */
export function statementOf(node: Node): Node {
  let n = node;
  while (n.parent && !STATEMENT_PARENTS.has(n.parent.type)) n = n.parent;
  return n;
}

/** The token trees whose contents are a macro's Rust: a call's arguments, each `macro_rules!` arm's expansion. */
export function bodyTokenTrees(mac: Node): Node[] {
  if (mac.type === 'macro_invocation') return mac.namedChildren.filter((c): c is Node => c?.type === 'token_tree');
  const out: Node[] = [];
  for (const rule of mac.namedChildren) {
    const right = rule?.type === 'macro_rule' ? rule.childForFieldName('right') : null;
    if (right?.type === 'token_tree') out.push(right);
  }
  return out;
}

/**
 * Parses the bodies of `mac` (a node of a tree whose text is `text`): each token tree whole when it
 * parses without error in one of the shapes, else each of its brace groups in turn (`cfg_if! { if
 * #[cfg(unix)] { .. } else { .. } }`). Only token trees whose text is `worth` parsing are. `inAsync`:
 * the macro stands in async code. `use` gets each parsed body and must not keep its tree.
 */
export function withParsedBodies(parser: Parser, mac: Node, text: string, inAsync: boolean, worth: (body: string) => boolean, use: (body: ParsedBody) => void): void {
  let tries = 0;
  const visit = (tt: Node) => {
    if (tries++ >= MAX_TRIES) return;
    const start = tt.startIndex + 1;
    const end = tt.endIndex - 1;
    if (end - start > MAX_BODY || !worth(asWrapped(text.slice(start, end), inAsync))) return;
    const body = bodyText(tt, text, start, end);
    // `cfg_if!`'s `if #[cfg(..)] { .. } else { .. }` never parses whole: straight to its branches.
    const shapes = CFG_IF.test(body) ? [] : tt.firstChild?.type !== '{' ? PARENTHESIZED : inAsync ? BRACED_IN_ASYNC : BRACED;
    for (const shape of shapes) {
      const before = inAsync && shape !== ITEMS ? ASYNC + shape.before : shape.before;
      const wrapped = before + body + shape.after;
      const tree = parseWithin(parser, wrapped, null);
      if (!tree) return;
      if (!tree.rootNode.hasError) {
        const parsed: ParsedBody = { tree, text: wrapped, offset: before.length, start, length: end - start, host: mac };
        HOSTS.set(tree, parsed);
        try {
          use(parsed);
        } finally {
          HOSTS.delete(tree);
          tree.delete();
        }
        return;
      }
      tree.delete();
    }
    for (const child of tt.namedChildren) if (child?.type === 'token_tree' && child.firstChild?.type === '{') visit(child);
  };
  for (const tt of bodyTokenTrees(mac)) visit(tt);
}

/**
 * The body's text, with the markers of each repetition `$( .. ),*` of a `macro_rules!` expansion
 * blanked out (replaced by spaces of the same length): what is left reads as one instance of the
 * repeated code, at the same offsets.
 */
function bodyText(tt: Node, text: string, start: number, end: number): string {
  const reps = tt.descendantsOfType('token_repetition');
  if (!reps.length) return text.slice(start, end);
  const chars = text.slice(start, end).split('');
  const blank = (from: number, to: number) => {
    for (let i = from - start; i < to - start; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  for (const rep of reps) {
    if (!rep) continue;
    const open = rep.children.find((c) => c?.type === '(');
    let close: Node | null = null;
    for (const c of rep.children) if (c?.type === ')') close = c;
    if (!open || !close) continue;
    blank(rep.startIndex, open.endIndex);
    blank(close.startIndex, rep.endIndex);
  }
  return chars.join('');
}
