import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Engine } from '../analysis/engine';
import { ruleById } from '../rules';
import type { CrateFacts } from '../analysis/crateFacts';
import { allowInFileFix, allowOnLineFix, minimalEdit, ruleFixes } from '../analysis/fixes';
import type { RustDocument } from '../documents/rustDocument';
import type { Fix, Rule } from '../analysis/rule';
import { type OpenDocument, SOURCE } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rustPatterns`;

export interface CodeActionDeps {
  engine: Engine;
  rules: () => readonly Rule[];
  relativePath: (uri: string) => string;
  crate: (uri: string) => CrateFacts | undefined;
  timeoutSeconds: () => number;
}

/** Quick fixes for the diagnostics in the request, and fix-all, as the `only` filter asks. */
export function codeActions(doc: RustDocument, params: CodeActionParams, deps: CodeActionDeps): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const state = doc.analyze();
    const tree = doc.currentTree();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
      const start = doc.textDocument.offsetAt(diagnostic.range.start);
      const end = doc.textDocument.offsetAt(diagnostic.range.end);
      const finding = state.findings.find((f) => f.ruleId === diagnostic.code && f.start === start && f.end === end);
      if (!finding) continue;
      const rule = ruleById(finding.ruleId);
      const fixes = tree && rule ? ruleFixes(rule, finding, doc.text, tree, { timeoutSeconds: deps.timeoutSeconds() }) : [];
      for (const fix of fixes) actions.push(toAction(doc, fix, CodeActionKind.QuickFix, [diagnostic]));
      actions.push(toAction(doc, allowOnLineFix(finding, doc.text), CodeActionKind.QuickFix, [diagnostic]));
      actions.push(toAction(doc, allowInFileFix(finding, doc.text), CodeActionKind.QuickFix, [diagnostic]));
    }
  }

  if (only && wants(FIX_ALL_KIND) && only.some((o) => o !== CodeActionKind.QuickFix)) {
    const before = doc.text;
    const { text, fixed } = deps.engine.fixAll(before, { rules: deps.rules(), relativePath: deps.relativePath(doc.uri), crate: deps.crate(doc.uri), timeoutSeconds: deps.timeoutSeconds() });
    const edit = minimalEdit(before, text);
    if (edit && fixed) {
      actions.push({
        title: `Fix all safe Rust Patterns problems (${fixed})`,
        kind: FIX_ALL_KIND,
        edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [toLspEdit(doc, edit)] }] },
      });
    }
  }
  return actions;
}

export function toAction(doc: OpenDocument, fix: Fix, kind: string, diagnostics: Diagnostic[]): CodeAction {
  return {
    title: fix.title,
    kind,
    diagnostics,
    isPreferred: fix.preferred,
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits.map((e) => toLspEdit(doc, e)) }] },
  };
}

function toLspEdit(doc: OpenDocument, e: { start: number; end: number; newText: string }): LspTextEdit {
  return { range: { start: doc.textDocument.positionAt(e.start), end: doc.textDocument.positionAt(e.end) }, newText: e.newText };
}
