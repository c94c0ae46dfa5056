import { type Hover, MarkupKind, type Position } from 'vscode-languageserver/node';
import type { RustDocument } from '../documents/rustDocument';
import { ruleById } from '../rules';
import { hoverMarkdown } from '../rules/docs';

/** Explains every finding under the cursor. */
export function hoverAt(doc: RustDocument, position: Position): Hover | null {
  const offset = doc.textDocument.offsetAt(position);
  const hits = doc.analyze().findings.filter((f) => f.start <= offset && offset <= f.end);
  const parts = hits.flatMap((f) => {
    const rule = ruleById(f.ruleId);
    return rule ? [hoverMarkdown(rule, f.message)] : [];
  });
  if (!parts.length) return null;
  const first = hits[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: { start: doc.textDocument.positionAt(first.start), end: doc.textDocument.positionAt(first.end) },
  };
}
