import type { Node } from 'web-tree-sitter';
import { memoized } from '../../analysis/memo';

/** `receiver.name(args)`, the shape most rules look for. */
export interface MethodCall {
  readonly call: Node;
  readonly receiver: Node;
  readonly name: string;
  readonly nameNode: Node;
  readonly args: readonly Node[];
}

/** The arguments are read when first asked for: most rules drop a call on its name alone. */
class ReadMethodCall implements MethodCall {
  private argNodes: Node[] | undefined;

  constructor(
    readonly call: Node,
    readonly receiver: Node,
    readonly name: string,
    readonly nameNode: Node,
    private readonly argList: Node,
  ) {}

  get args(): readonly Node[] {
    this.argNodes ??= withoutComments(this.argList);
    return this.argNodes;
  }
}

/** The named children of an argument list, the comments between them left out. */
function withoutComments(list: Node): Node[] {
  return list.namedChildren.filter((n): n is Node => !!n && !isComment(n));
}

/** The arguments of a call, without the comments among them; none when it has no argument list. */
export function argumentsOf(call: Node): readonly Node[] {
  const list = call.childForFieldName('arguments');
  return list ? withoutComments(list) : [];
}

/** What a call_expression calls (its `function` field). */
export const calleeOf = memoized((call: Node): Node | null => call.childForFieldName('function'));

export const asMethodCall = memoized((call: Node): MethodCall | undefined => {
  if (call.type !== 'call_expression') return undefined;
  const fn = calleeOf(call);
  if (fn?.type !== 'field_expression') return undefined;
  const receiver = fn.childForFieldName('value');
  const nameNode = fn.childForFieldName('field');
  const argList = call.childForFieldName('arguments');
  if (!receiver || !nameNode || !argList) return undefined;
  return new ReadMethodCall(call, receiver, nameNode.text, nameNode, argList);
});

export function isComment(n: Node): boolean {
  return n.type === 'line_comment' || n.type === 'block_comment';
}

/** The `.name(args)` tail of a method call: from the dot (on its own line in a chain) to the `)`. */
export function methodTail(m: MethodCall): { start: number; end: number } {
  // The name's siblings are the field expression's children: asking the name would go up the tree first.
  const siblings = calleeOf(m.call)?.children ?? [];
  const at = siblings.findIndex((c) => c?.id === m.nameNode.id);
  const dot = at < 0 ? m.nameNode.previousSibling : siblings[at - 1];
  return { start: dot?.type === '.' ? dot.startIndex : m.nameNode.startIndex, end: m.call.endIndex };
}

/** Tokens a snippet never cuts, though tree-sitter gives them children (a string's quotes and content). */
const ATOMS = new Set(['string_literal', 'raw_string_literal', 'char_literal', 'line_comment', 'block_comment']);
/** A token so long (a data blob in a string) that a message shows only its start. */
const HUGE = 200;

/**
 * Source text on one line and at a readable length, for messages: whole tokens only (`…` after the
 * last that fits), blanks between tokens one space, and a chain broken over lines joined as written
 * on one (`client.get(url).send()`, not `client .get(url) .send()`).
 */
export function snippet(node: Node, max = 40): string {
  const base = node.startIndex;
  const text = node.text;
  let out = '';
  let prev = '';
  let prevEnd = base;
  for (const token of tokensOf(node, base + 4 * max + HUGE)) {
    const gap = text.slice(prevEnd - base, token.startIndex - base);
    const joined = !gap || (gap.includes('\n') && (/^[.?)\],;]/.test(token.text) || /[([]$/.test(prev)));
    // A list written one item a line ends in a comma: on one line, `f(a, b)`, not `f(a, b,)`.
    const kept = joined && gap && prev === ',' && /^[)\]]/.test(token.text) ? out.slice(0, -1) : out;
    const next = kept + (kept && !joined ? ' ' : '') + token.text;
    if (next.length > max) {
      if (out) return `${out}…`;
      return token.text.length <= HUGE ? token.text : `${token.text.slice(0, max - 1)}…`;
    }
    out = next;
    prev = token.text;
    prevEnd = token.endIndex;
  }
  return out;
}

/** The leaf tokens of `node` in order (strings and comments whole), up to the one starting at `limit`. */
function tokensOf(node: Node, limit: number): Node[] {
  const tokens: Node[] = [];
  const cursor = node.walk();
  try {
    for (;;) {
      const at = cursor.currentNode;
      if (at.startIndex > limit) break;
      if (ATOMS.has(at.type) || !cursor.gotoFirstChild()) {
        if (at.endIndex > at.startIndex) tokens.push(at);
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent() || cursor.nodeId === node.id) return tokens;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  return tokens;
}

/** The nearest ancestor of `node` of the given type. */
export function closest(node: Node, type: string): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === type) return n;
  return undefined;
}
