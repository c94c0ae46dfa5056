import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import type { RustDocument } from '../documents/rustDocument';
import { ruleById } from '../rules';
import { hoverMarkdown } from '../rules/docs';

/**
 * Explains the rules of the findings under the cursor, each once. With findings of several rules
 * there, each explanation is headed by its rule's id so the user can tell which is which.
 */
export function hoverAt(doc: RustDocument, position: Position, docsBase: string | undefined): Hover | null {
  const offset = doc.textDocument.offsetAt(position);
  const hits = doc.analyze().findings.filter((f) => f.start <= offset && offset <= f.end);
  const rules = [...new Set(hits.map((f) => f.ruleId))].flatMap((id) => ruleById(id) ?? []);
  if (!rules.length) return null;
  const parts = rules.map((rule) => (rules.length > 1 ? `**${rule.id}**\n\n` : '') + hoverMarkdown(rule, docsBase));
  const first = hits[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: { start: doc.textDocument.positionAt(first.start), end: doc.textDocument.positionAt(first.end) },
  };
}
