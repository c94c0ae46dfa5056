import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, openNew, setRules } from './helpers';

describe('extension host: settings and restart', () => {
  afterEach(() => setRules({}));

  it('turning a rule off removes its findings live, and a severity setting applies', async () => {
    const { document: doc } = await openNew('src/settings.rs', 'pub fn first(v: Vec<u8>) -> u8 {\n    *v.first().unwrap()\n}\n');
    const [before] = await diagnosticsWhere(doc.uri, 'the unwrap', (ds) => ds.length === 1);
    assert.strictEqual(before.severity, vscode.DiagnosticSeverity.Warning);

    await setRules({ unwrap_in_production: 'off' });
    await diagnosticsWhere(doc.uri, 'no findings with the rule off', (ds) => ds.length === 0);

    await setRules({ unwrap_in_production: 'error' });
    const [after] = await diagnosticsWhere(doc.uri, 'the unwrap back as an error', (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Error);
    assert.strictEqual(codeOf(after), 'unwrap_in_production');
  });

  it('Rust Patterns: Restart Server brings the findings back and keeps analysing edits', async () => {
    const { document: doc } = await openNew('src/restart.rs', 'pub fn one(v: Option<u8>) -> u8 {\n    v.unwrap()\n}\n');
    await diagnosticsWhere(doc.uri, 'the unwrap before the restart', (ds) => ds.length === 1);
    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString()) && vscode.languages.getDiagnostics(doc.uri).length === 0) cleared = true;
    });
    try {
      await vscode.commands.executeCommand('rustPatterns.restartServer');
      await diagnosticsWhere(doc.uri, 'the unwrap after the restart', (ds) => ds.length === 1);
    } finally {
      watch.dispose();
    }
    assert.ok(cleared, 'stopping the old server should have cleared its diagnostics first');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(3, 0), 'pub fn two(v: Option<u8>) -> u8 {\n    v.expect("two")\n}\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhere(doc.uri, 'the new server analysing an edit', (ds) => ds.length === 2);
  });
});
