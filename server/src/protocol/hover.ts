import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis/finding';
import type { RustDocument } from '../documents/rustDocument';
import { catalogRule } from '../rules';
import { hoverMarkdown } from '../rules/docs';

/**
 * Explains the rules of the findings under the cursor, each once. With findings of several rules
 * there, each explanation is headed by its rule's id so the user can tell which is which.
 */
export function hoverAt(doc: RustDocument, position: Position, docsBase: string | undefined): Hover | null {
  return hoverOver(doc.analyze().findings, doc.textDocument, position, docsBase);
}

/** The hover for any document's findings (Rust, Cargo.toml, Dockerfile). */
export function hoverOver(findings: readonly Finding[], text: TextDocument, position: Position, docsBase: string | undefined): Hover | null {
  const offset = text.offsetAt(position);
  const hits = findings.filter((f) => f.start <= offset && offset <= f.end);
  const rules = [...new Set(hits.map((f) => f.ruleId))].flatMap((id) => catalogRule(id) ?? []);
  if (!rules.length) return null;
  const parts = rules.map((rule) => (rules.length > 1 ? `**${rule.id}**\n\n` : '') + hoverMarkdown(rule, docsBase));
  const first = hits[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: { start: text.positionAt(first.start), end: text.positionAt(first.end) },
  };
}
