import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CompletionItem, CompletionList, InitializeParams } from 'vscode-languageserver-protocol';
import { SNIPPET_FILES, expandSnippet } from '../../server/src/protocol/snippets';
import { LspClient } from '../support/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const prefixes = (file: string) => Object.values(JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, { prefix: string }>).map((s) => s.prefix);

/** What Neovim, Helix and other snippet-capable clients declare. */
const SNIPPET_CLIENT: InitializeParams['capabilities'] = {
  workspace: { configuration: true },
  textDocument: { completion: { completionItem: { snippetSupport: true } } },
};
const RS = 'file:///tmp/rp-completion/src/lib.rs';

describe('protocol: snippet completion for editors other than VS Code', () => {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const complete = async (uri: string, line: number, character: number) =>
    (await client!.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionList | null;

  it('offers every rp- Rust snippet as a snippet item replacing the typed prefix', async () => {
    client = await LspClient.start({ capabilities: SNIPPET_CLIENT });
    assert.ok(client.serverCapabilities.completionProvider, 'a completion provider is announced');
    client.open(RS, 'use std::time::Duration; // a line comment ends on the line above\n\n    rp-ret', 1);
    await client.diagnostics(RS, 1);
    const list = await complete(RS, 2, 10);
    assert.ok(list);
    assert.deepStrictEqual(list.items.map((i) => i.label).sort(), prefixes('rust.json').sort());
    const retry = list.items.find((i) => i.label === 'rp-retry') as CompletionItem;
    assert.strictEqual(retry.kind, 15 /* CompletionItemKind.Snippet */);
    assert.strictEqual(retry.insertTextFormat, 2 /* InsertTextFormat.Snippet */);
    assert.ok(retry.textEdit && 'range' in retry.textEdit);
    assert.deepStrictEqual(retry.textEdit.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } });
    assert.match(retry.textEdit.newText, /\$\{1:retry_with_backoff\}/);
    assert.match(JSON.stringify(retry.documentation), /pub async fn retry_with_backoff/);
    // Invoked on an empty line: everything, replacing nothing.
    const blank = await complete(RS, 1, 0);
    assert.strictEqual(blank?.items.length, list.items.length);
  });

  it('offers nothing where a snippet cannot go: after code, in a comment or a string, for another word', async () => {
    client = await LspClient.start({ capabilities: SNIPPET_CLIENT });
    client.open(RS, 'fn f() { x.rp }\n/*\n   rp-\n*/\nconst S: &str = "\nrp-";\nreturn\n', 1);
    await client.diagnostics(RS, 1);
    assert.strictEqual(await complete(RS, 0, 14), null);
    assert.strictEqual(await complete(RS, 2, 6), null);
    assert.strictEqual(await complete(RS, 5, 3), null);
    assert.strictEqual(await complete(RS, 6, 6), null);
  });

  it('offers the Dockerfile and SQL snippets in those files, and analyses only the Dockerfile', async () => {
    client = await LspClient.start({ capabilities: SNIPPET_CLIENT });
    const dockerfile = 'file:///tmp/rp-completion/Dockerfile';
    const sql = 'file:///tmp/rp-completion/migrations/0001_idempotency.sql';
    const published: string[] = [];
    client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => published.push(`${p.uri}: ${p.diagnostics.length}`));
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: '' } });
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: dockerfile, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'rp-d' }] });
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: sql, languageId: 'sql', version: 1, text: '-- schema\nrp-' } });
    const docker = await complete(dockerfile, 0, 4);
    assert.deepStrictEqual(docker?.items.map((i) => i.label).sort(), prefixes('dockerfile.json').sort());
    assert.deepStrictEqual((await complete(sql, 1, 3))?.items.map((i) => i.label).sort(), prefixes('sql.json').sort());
    // The Dockerfile rules find nothing in a Dockerfile that builds no Rust; SQL is never analysed.
    assert.deepStrictEqual([...new Set(published)], [`${dockerfile}: 0`], 'diagnostics for the Dockerfile only');
    assert.deepStrictEqual(client.logs.filter((l) => /not open/.test(l)), [], 'the Dockerfile edit was applied, not ignored');
  });

  it('publishes no diagnostic for any Rust snippet inserted at its defaults', async () => {
    client = await LspClient.start({ rootUri: 'file:///tmp/rp-completion' });
    const snippets = Object.values(SNIPPET_FILES.rust);
    snippets.forEach((s, i) => client!.open(`file:///tmp/rp-completion/src/snippet${i}.rs`, expandSnippet(s.body.join('\n')), 1));
    for (const [i, s] of snippets.entries()) {
      const diagnostics = await client.diagnostics(`file:///tmp/rp-completion/src/snippet${i}.rs`, 1);
      assert.deepStrictEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), [], s.prefix);
    }
  });

  it('stays silent for our VS Code client, which has the snippets from package.json, and for clients without snippet support', async () => {
    client = await LspClient.start({ capabilities: SNIPPET_CLIENT, initializationOptions: { snippetsFromPackageJson: true } });
    assert.strictEqual(client.serverCapabilities.completionProvider, undefined);
    client.open(RS, 'rp-', 1);
    await client.diagnostics(RS, 1);
    assert.strictEqual(await complete(RS, 0, 3), null);
    await client.stop();

    client = await LspClient.start({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } });
    assert.strictEqual(client.serverCapabilities.completionProvider, undefined);
  });
});
