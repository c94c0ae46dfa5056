import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, contributedSnippets, diagnosticsWhere, openNew, skip } from './helpers';

/** Completion items at the end of `prefix` typed on a new line of `file`. */
async function completionsAfter(file: string, before: string, prefix: string): Promise<{ editor: vscode.TextEditor; items: vscode.CompletionItem[]; at: vscode.Position }> {
  const editor = await openNew(file, before);
  const line = editor.document.lineCount - 1;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(editor.document.uri, new vscode.Position(line, 0), prefix);
  assert.ok(await vscode.workspace.applyEdit(edit));
  const at = new vscode.Position(line, prefix.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
  return { editor, items: list.items, at };
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const snippetOf = (i: vscode.CompletionItem) => (i.insertText instanceof vscode.SnippetString ? i.insertText : new vscode.SnippetString(String(i.insertText ?? label(i))));

describe('extension host: rp- snippets', () => {
  it('offers the rp- snippets in Rust, and an inserted one raises no finding', async function () {
    if (!contributedSnippets('rust').length) skip(this, 'the rp- Rust snippets have not landed yet (no contributes.snippets for rust in package.json)');
    const { editor, items, at } = await completionsAfter('src/snippets.rs', 'use std::time::Duration;\n\n', 'rp-');
    const ours = items.filter((i) => label(i).startsWith('rp-') && i.kind === vscode.CompletionItemKind.Snippet);
    assert.ok(ours.length >= 3, `expected the rp- snippets, got ${JSON.stringify(items.map(label).slice(0, 40))}`);
    const chosen = ours.find((i) => /^rp-idempotent/.test(label(i)));
    assert.ok(chosen, `no idempotent-handler snippet among ${JSON.stringify(ours.map(label))}`);
    const body = snippetOf(chosen);
    assert.ok(await editor.insertSnippet(body, new vscode.Range(at.translate(0, -3), at)));
    const doc = editor.document;
    assert.ok(!doc.getText().includes('rp-'), 'the prefix must be replaced by the snippet');
    assert.ok(doc.getText().length > 60, 'the snippet inserted real code');
    // Snippets show the patterns done right: our own rules must have nothing to say about them. A
    // probe unwrap appended after the snippet proves the analysis covered the whole new text.
    const probe = new vscode.WorkspaceEdit();
    probe.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, '\nfn probe(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\n');
    assert.ok(await vscode.workspace.applyEdit(probe));
    const ds = await diagnosticsWhere(doc.uri, 'the probe finding', (d) => d.some((x) => x.range.start.line === doc.lineCount - 3));
    assert.deepStrictEqual(ds.map((d) => `${d.range.start.line + 1}: ${codeOf(d)}: ${d.message}`), [`${doc.lineCount - 2}: unwrap_in_production: \`x.unwrap()\` panics when the value is \`None\`.`], `snippet "${label(chosen)}" trips our own rules`);
  });

  it('offers the multi-stage build snippet in a Dockerfile', async function () {
    if (!contributedSnippets('dockerfile').length) skip(this, 'the Dockerfile snippets have not landed yet (no contributes.snippets for dockerfile in package.json)');
    const { items } = await completionsAfter('Dockerfile', '# build\n', 'rp-');
    const ours = items.filter((i) => label(i).startsWith('rp-'));
    const multiStage = ours.filter((i) => (snippetOf(i).value.match(/^FROM /gm) ?? []).length >= 2);
    assert.ok(multiStage.length, `no multi-stage build among ${JSON.stringify(ours.map(label))}`);
  });
});
