import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding } from '../analysis/finding';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisState } from '../documents/rustDocument';
import { catalogRule } from '../rules';
import { docsUrl } from '../rules/docs';
import { type Severity, findingLevel } from '../analysis/rule';

export const SOURCE = 'rust-patterns';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What diagnostics need of an open document: a Rust one, or a Cargo.toml or Dockerfile. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly textDocument: TextDocument;
}

/** The document's findings as LSP diagnostics; a skipped document gets one explanation instead. */
export function toDiagnostics(doc: OpenDocument, state: Pick<AnalysisState, 'findings' | 'skipped'>, severityOf: (ruleId: string) => Severity | undefined, docsBase?: string): Diagnostic[] {
  if (state.skipped) {
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message: `Rust Patterns skipped this file: ${state.skipped}.` }];
  }
  const out: Diagnostic[] = [];
  for (const f of state.findings) {
    const severity = severityOf(f.ruleId);
    if (severity) out.push(toDiagnostic(doc, f, findingLevel(catalogRule(f.ruleId)!, severity, f), docsBase));
  }
  return out;
}

function toDiagnostic(doc: OpenDocument, f: Finding, severity: Severity, docsBase: string | undefined): Diagnostic {
  const text = doc.textDocument;
  const rule = catalogRule(f.ruleId);
  const d: Diagnostic = {
    range: { start: text.positionAt(f.start), end: text.positionAt(f.end) },
    severity: LSP_SEVERITY[severity],
    code: f.ruleId,
    source: SOURCE,
    message: f.message,
    data: { ruleId: f.ruleId, start: f.start, end: f.end, version: doc.version },
  };
  const href = rule && docsUrl(rule, docsBase);
  if (href) d.codeDescription = { href };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: doc.uri, range: { start: text.positionAt(r.start), end: text.positionAt(r.end) } },
      message: r.message,
    }));
  }
  return d;
}
