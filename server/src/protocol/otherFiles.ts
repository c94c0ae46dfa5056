import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type Hover, type Position } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis/finding';
import { allowInFileFix, allowOnLineFix } from '../analysis/fixes';
import { type OtherFileFacts, fileKindOf, lintOtherFile, otherFileFixes } from '../analysis/otherFiles';
import { fsPath } from '../documents/documentStore';
import { fileRuleById } from '../rules';
import type { FileKind, FileRule } from '../analysis/fileRule';
import type { Severity } from '../analysis/rule';
import { toAction } from './codeActions';
import { SOURCE, toDiagnostics } from './diagnostics';
import { hoverOver } from './hover';

/** How long what was read beside a file is trusted: sources and .dockerignore are not watched. */
const FACTS_TTL_MS = 5000;

export interface OtherFilesDeps {
  rules: (uri: string) => readonly FileRule[];
  severityOf: (rule: FileRule, uri: string) => Severity | undefined;
  /** What the host reads beside a file on disk, and learns from the crate models; none in a browser. */
  facts?: (kind: FileKind, file: string) => OtherFileFacts;
  onRuleError: (rule: FileRule, error: unknown) => void;
}

interface OpenFile {
  kind: FileKind;
  textDocument: TextDocument;
  /** The findings of the current version, computed on first use. */
  findings?: Finding[];
}

/**
 * The open Cargo.toml files and Dockerfiles: kept as text, linted by the file rules on facts read
 * beside them (never on anything run), with the diagnostics, hovers and fixes of the Rust files.
 */
export class OtherFiles {
  private readonly open = new Map<string, OpenFile>();
  private readonly facts = new Map<string, { at: number; facts: OtherFileFacts }>();

  constructor(private readonly deps: OtherFilesDeps) {}

  /** False when the file is not one the file rules read. */
  didOpen(uri: string, languageId: string, version: number, text: string): boolean {
    const kind = fileKindOf(uri) ?? (languageId === 'dockerfile' ? 'docker' : undefined);
    if (!kind) return false;
    this.open.set(uri, { kind, textDocument: TextDocument.create(uri, languageId, version, text) });
    return true;
  }

  didChange(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number | null): boolean {
    const file = this.open.get(uri);
    if (!file) return false;
    this.open.set(uri, { kind: file.kind, textDocument: TextDocument.update(file.textDocument, [...changes], version ?? file.textDocument.version + 1) });
    return true;
  }

  didClose(uri: string): boolean {
    return this.open.delete(uri);
  }

  uris(): string[] {
    return [...this.open.keys()];
  }

  has(uri: string): boolean {
    return this.open.has(uri);
  }

  /** An open Cargo.toml (whose rules read crate-model facts), not a Dockerfile. */
  isManifest(uri: string): boolean {
    return this.open.get(uri)?.kind === 'cargo';
  }

  version(uri: string): number | undefined {
    return this.open.get(uri)?.textDocument.version;
  }

  /** Settings or files on disk changed: everything is read and linted again. */
  reconfigure(): void {
    this.facts.clear();
    for (const file of this.open.values()) file.findings = undefined;
  }

  /** Crate models were built: the Cargo.toml files, whose facts come partly from them, are read again. Returns those. */
  crateModelsChanged(): string[] {
    const manifests = [...this.open].filter(([, f]) => f.kind === 'cargo');
    for (const [uri, file] of manifests) {
      this.facts.delete(uri);
      file.findings = undefined;
    }
    return manifests.map(([uri]) => uri);
  }

  diagnostics(uri: string, docsBase: string | undefined): Diagnostic[] {
    const file = this.open.get(uri);
    if (!file) return [];
    const doc = { uri, version: file.textDocument.version, textDocument: file.textDocument };
    return toDiagnostics(doc, { findings: this.findings(uri, file) }, (id) => {
      const rule = fileRuleById(id);
      return rule && this.deps.severityOf(rule, uri);
    }, docsBase);
  }

  hover(uri: string, position: Position, docsBase: string | undefined): Hover | null {
    const file = this.open.get(uri);
    return file ? hoverOver(this.findings(uri, file), file.textDocument, position, docsBase) : null;
  }

  /** The rule's fixes and the allow comments, for the diagnostics in the request. */
  codeActions(uri: string, params: CodeActionParams): CodeAction[] {
    const file = this.open.get(uri);
    const only = params.context.only;
    if (!file || (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(`${o}.`)))) return [];
    const text = file.textDocument.getText();
    const doc = { uri, version: file.textDocument.version, textDocument: file.textDocument };
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
      const start = file.textDocument.offsetAt(diagnostic.range.start);
      const end = file.textDocument.offsetAt(diagnostic.range.end);
      const finding = this.findings(uri, file).find((f) => f.ruleId === diagnostic.code && f.start === start && f.end === end);
      const rule = finding && fileRuleById(finding.ruleId);
      if (!finding || !rule) continue;
      for (const fix of otherFileFixes(file.kind, rule, finding, text, this.factsFor(uri, file.kind), this.deps.rules(uri))) actions.push(toAction(doc, fix, CodeActionKind.QuickFix, [diagnostic]));
      actions.push(toAction(doc, allowOnLineFix(finding, text, '#'), CodeActionKind.QuickFix, [diagnostic]));
      actions.push(toAction(doc, allowInFileFix(finding, text, '#'), CodeActionKind.QuickFix, [diagnostic]));
    }
    return actions;
  }

  private findings(uri: string, file: OpenFile): Finding[] {
    file.findings ??= lintOtherFile(file.kind, file.textDocument.getText(), this.factsFor(uri, file.kind), this.deps.rules(uri), this.deps.onRuleError);
    return file.findings;
  }

  /** What is beside the file on disk; nothing for an unsaved or remote one (rules needing it stay silent). */
  private factsFor(uri: string, kind: FileKind): OtherFileFacts {
    const file = fsPath(uri);
    if (!file || !this.deps.facts) return {};
    const cached = this.facts.get(uri);
    if (cached && Date.now() - cached.at < FACTS_TTL_MS) return cached.facts;
    const facts = this.deps.facts(kind, file);
    this.facts.set(uri, { at: Date.now(), facts });
    return facts;
  }
}
