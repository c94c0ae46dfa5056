import type { Node } from 'web-tree-sitter';
import { asMethodCall, methodTail } from './syntax';

/** The node of a finding's exact span, from the smallest node around it (what a fix is handed). */
export function nodeOfSpan(node: Node, span: { start: number; end: number }, type?: string): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.startIndex === span.start && n.endIndex === span.end && (!type || n.type === type)) return n;
    if (n.startIndex < span.start || n.endIndex > span.end) return undefined;
  }
  return undefined;
}

/** The method call whose `.name(args)` tail is the finding's span (rules that report on the tail). */
export function callOfTail(node: Node, span: { start: number; end: number }): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) {
    const m = n.type === 'call_expression' ? asMethodCall(n) : undefined;
    if (m) {
      const tail = methodTail(m);
      if (tail.start === span.start && tail.end === span.end) return n;
    }
    if (n.endIndex > span.end) return undefined;
  }
  return undefined;
}
