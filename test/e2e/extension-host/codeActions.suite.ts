import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIX_ALL_RS, FIX_ALL_RULE, fixAllProblems } from '../support/fixtures';
import { codeOf, diagnosticsWhere, openNew, requireRule } from './helpers';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('rustPatterns');

/** Opens `text` as a new workspace file and waits until the rule flags it exactly `count` times. */
async function flagged(file: string, text: string, rule: string, count = 1): Promise<{ doc: vscode.TextDocument; found: vscode.Diagnostic[] }> {
  const { document: doc } = await openNew(file, text);
  const all = await diagnosticsWhere(doc.uri, `${count} ${rule} finding(s) in ${file}`, (ds) => ds.filter((d) => codeOf(d) === rule).length === count);
  return { doc, found: all.filter((d) => codeOf(d) === rule) };
}

async function quickFixes(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

/** Applies the quick fix whose title matches, then waits for the rule's finding to go. */
async function applyQuickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, title: RegExp): Promise<void> {
  const actions = await quickFixes(doc, d);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `no quick fix titled ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  await diagnosticsWhere(doc.uri, `${codeOf(d)} gone after "${action.title}"`, (ds) => !ds.some((x) => codeOf(x) === codeOf(d)));
}

describe('extension host: quick fixes', () => {
  it('offers "allow on this line" and "allow in this file"; the first silences the finding', async () => {
    const { doc, found } = await flagged('src/allow.rs', 'pub fn id(v: Option<u8>) -> u8 {\n    v.unwrap()\n}\n', 'unwrap_in_production');
    const titles = (await quickFixes(doc, found[0])).map((a) => a.title);
    assert.ok(titles.includes('Allow unwrap_in_production in this file'), JSON.stringify(titles));
    await applyQuickFix(doc, found[0], /^Allow unwrap_in_production on this line$/);
    assert.strictEqual(doc.getText(), 'pub fn id(v: Option<u8>) -> u8 {\n    // rust-patterns: allow(unwrap_in_production)\n    v.unwrap()\n}\n');
  });

  it('stable_sort: the lightbulb turns .sort() into .sort_unstable()', async function () {
    requireRule(this, 'stable_sort');
    const { doc, found } = await flagged('src/sorting.rs', 'pub fn ranks(mut ids: Vec<u64>) -> Vec<u64> {\n    ids.sort();\n    ids\n}\n', 'stable_sort');
    await applyQuickFix(doc, found[0], /sort_unstable/);
    assert.match(doc.getText(), /ids\.sort_unstable\(\);/);
  });

  it('clone_then_reset: the lightbulb replaces clone-then-clear with std::mem::take', async function () {
    requireRule(this, 'clone_then_reset');
    const text = [
      'pub struct Batcher {',
      '    pending: Vec<String>,',
      '}',
      '',
      'impl Batcher {',
      '    pub fn drain(&mut self) -> Vec<String> {',
      '        let batch = self.pending.clone();',
      '        self.pending.clear();',
      '        batch',
      '    }',
      '}',
      '',
    ].join('\n');
    const { doc, found } = await flagged('src/batcher.rs', text, 'clone_then_reset');
    await applyQuickFix(doc, found[0], /mem::take/);
    assert.match(doc.getText(), /let batch = (std::)?mem::take\(&mut self\.pending\);/);
    assert.doesNotMatch(doc.getText(), /self\.pending\.clear\(\)/);
  });

  it('missing_timeout: the lightbulb wraps the network call in tokio::time::timeout', async function () {
    requireRule(this, 'missing_timeout');
    const text = [
      'use tokio::net::TcpStream;',
      '',
      'pub async fn connect(addr: &str) -> std::io::Result<TcpStream> {',
      '    let stream = TcpStream::connect(addr).await?;',
      '    Ok(stream)',
      '}',
      '',
    ].join('\n');
    const { doc, found } = await flagged('src/connect.rs', text, 'missing_timeout');
    await applyQuickFix(doc, found[0], /tokio::time::timeout/);
    assert.match(doc.getText(), /tokio::time::timeout\(/);
  });

  // Applied through the API here. Saving with editor.codeActionsOnSave is the workbench session's
  // test (test/e2e/workbench.e2e.ts), which presses Ctrl+S as a user does. An API save here came back
  // Canceled in two of three fresh-clone CI runs, and that is not understood yet.
  it('fix-all applies the safe fixes and leaves the rest', async function () {
    requireRule(this, FIX_ALL_RULE);
    const { doc } = await flagged('src/fix_all.rs', FIX_ALL_RS, FIX_ALL_RULE, 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), FIX_ALL.value);
    const fixAll = actions.find((a) => a.kind?.value === FIX_ALL.value);
    assert.ok(fixAll?.edit, `no ${FIX_ALL.value} action: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.ok(await doc.save());
    const saved = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
    assert.deepStrictEqual(fixAllProblems(saved), [], saved);
    const left = await diagnosticsWhere(doc.uri, `no ${FIX_ALL_RULE} finding left`, (ds) => !ds.some((d) => codeOf(d) === FIX_ALL_RULE));
    assert.ok(left.some((d) => codeOf(d) === 'unwrap_in_production'), 'the unwrap is still flagged');
  });
});
