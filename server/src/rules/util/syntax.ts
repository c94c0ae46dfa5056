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

/** Source text cut to one line and a readable length, for messages. */
export function snippet(node: Node, max = 40): string {
  const text = node.text.replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The nearest ancestor of `node` of the given type. */
export function closest(node: Node, type: string): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === type) return n;
  return undefined;
}
