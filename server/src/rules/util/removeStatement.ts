import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../analysis/rule';
import { lineStartAt } from '../../analysis/edits';

/** Deletes a statement: its whole line when it stands alone there, else just it and the blanks before it. */
export function removeStatement(text: string, stmt: Node): TextEdit {
  const lineStart = lineStartAt(text, stmt.startIndex);
  const nl = text.indexOf('\n', stmt.endIndex);
  const lineEnd = nl < 0 ? text.length : nl;
  if (/^[ \t]*$/.test(text.slice(lineStart, stmt.startIndex)) && /^[ \t]*\r?$/.test(text.slice(stmt.endIndex, lineEnd))) {
    return { start: lineStart, end: nl < 0 ? text.length : nl + 1, newText: '' };
  }
  let start = stmt.startIndex;
  while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: stmt.endIndex, newText: '' };
}
