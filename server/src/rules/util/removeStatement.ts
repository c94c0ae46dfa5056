import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../rule';

/** Deletes a statement: its whole line when it stands alone there, else just it and the blanks before it. */
export function removeStatement(text: string, stmt: Node): TextEdit {
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const nl = text.indexOf('\n', stmt.endIndex);
  const lineEnd = nl < 0 ? text.length : nl;
  if (/^[ \t]*$/.test(text.slice(lineStart, stmt.startIndex)) && /^[ \t]*\r?$/.test(text.slice(stmt.endIndex, lineEnd))) {
    return { start: lineStart, end: nl < 0 ? text.length : nl + 1, newText: '' };
  }
  let start = stmt.startIndex;
  while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: stmt.endIndex, newText: '' };
}

/** The node of a finding's exact span, from the smallest node around it (what a fix is handed). */
export function nodeOfSpan(node: Node, span: { start: number; end: number }, type?: string): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.startIndex === span.start && n.endIndex === span.end && (!type || n.type === type)) return n;
    if (n.startIndex < span.start || n.endIndex > span.end) return undefined;
  }
  return undefined;
}
