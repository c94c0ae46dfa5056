import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../support/codeServer';
import { bundleHasRule } from '../support/landed';

export { EXTENSION_ID };

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the extension tests need a workspace folder (a copy of test-workspace/)');
  return folder.uri;
}

/** Writes a file into the workspace copy and opens it in an editor. */
export async function openNew(relativePath: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

export async function open(relativePath: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), relativePath)));
}

/** Our diagnostics for a document (other extensions are disabled, but be precise anyway). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'rust-patterns');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Polls until `probe` returns something other than undefined; fails with `what` after the timeout. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until our diagnostics for `uri` satisfy `test`, and returns them. */
export function diagnosticsWhere(uri: vscode.Uri, what: string, test: (ds: vscode.Diagnostic[]) => boolean, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ours(uri);
    return test(ds) ? ds : undefined;
  }, timeoutMs);
}

/** The 0-based line holding `needle` (the suites locate code by text, never by hard-coded numbers). */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${doc.uri.fsPath} has no line containing ${JSON.stringify(needle)}`);
  return line;
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`${doc.uri.fsPath} does not contain ${JSON.stringify(needle)}`);
  return doc.positionAt(at + delta);
}

/** Skips a step whose rule is not in the server the extension runs yet (see bundleHasRule). */
export function requireRule(ctx: Mocha.Context, ruleId: string): void {
  const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  if (root && bundleHasRule(path.join(root, 'dist', 'server.js'), ruleId)) return;
  skip(ctx, `the ${ruleId} rule has not landed yet (it is not in dist/server.js)`);
}

/** The snippet files the extension contributes for a language. */
export function contributedSnippets(language: string): string[] {
  const json = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } } | undefined;
  return (json?.contributes?.snippets ?? []).filter((s) => s.language === language).map((s) => s.path);
}

export function skip(ctx: Mocha.Context, reason: string): never {
  console.log(`      SKIPPED: ${reason}`);
  ctx.skip();
}

export async function setRules(rules: Record<string, string>): Promise<void> {
  await vscode.workspace.getConfiguration('rustPatterns').update('rules', rules, vscode.ConfigurationTarget.Global);
}
