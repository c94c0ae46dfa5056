import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { coreSources } from '../support/coreSources';
import { sharedEngine } from '../support/engine';
import { LspClient } from '../support/lspClient';

const ROOT = 'file:///tmp/rp-heap';
const URI = `${ROOT}/src/async_unsafe.rs`;
const SOURCE = path.resolve(__dirname, '../../../test-workspace/src/async_unsafe.rs');

/** What a diagnostic says, by the rule and the UTF-16 offsets it carries for quick fixes. */
const said = (ds: Diagnostic[]) => ds.map((d) => { const data = d.data as { ruleId: string; start: number; end: number }; return `${data.ruleId}@${data.start}-${data.end}`; }).sort();

describe('protocol: the server gives its parser memory back and keeps working', function () {
  this.timeout(180_000);
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start({ rootUri: ROOT });
  });
  afterEach(async () => {
    await client.stop();
  });

  it('renews the heap with a document open, then publishes what a fresh lint finds, edit after edit', async () => {
    const engine = await sharedEngine();
    const expected = (doc: TextDocument) => engine.lint(doc.getText(), { relativePath: 'src/async_unsafe.rs' }).map((f) => `${f.ruleId}@${f.start}-${f.end}`).sort();
    let doc = TextDocument.create(URI, 'rust', 1, fs.readFileSync(SOURCE, 'utf8'));
    client.open(URI, doc.getText(), 1);
    const before = said(await client.diagnostics(URI, 1));
    assert.ok(before.length >= 5, `only ${before.length} findings in ${SOURCE}`);
    assert.deepStrictEqual(before, expected(doc));

    // 3 M characters of real Rust open at once grow the heap past 60 MB; closing them frees the trees, not the heap.
    const others = coreSources(3_000_000).map(({ file, text }) => ({ uri: `${ROOT}/core/${file}`, text }));
    for (const o of others) client.open(o.uri, o.text, 1);
    for (const o of others) await client.diagnostics(o.uri, 1, 60_000);
    for (const o of others) client.close(o.uri);
    for (const end = Date.now() + 20_000; Date.now() < end && !client.logs.some((l) => l.includes('given back')); ) await new Promise((r) => setTimeout(r, 100));
    assert.match(client.logs.find((l) => l.includes('given back')) ?? `no renewal in ${client.logs.join('\n')}`, /wasm heap went from \d+ to \d+ MiB \(1 open document\(s\) parsed again\)/);

    // Incremental edits after the renewal: a new finding typed in, a line removed, a character at a time.
    const lines = doc.getText().split('\n').length;
    const edits = [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'fn typed(x: Option<u8>) -> u8 { x.unwrap() }\n' },
      { range: { start: { line: Math.floor(lines / 2), character: 0 }, end: { line: Math.floor(lines / 2) + 1, character: 0 } }, text: '' },
      ...[...'fn more() { let v: Vec<u8> = Vec::new(); v.clone(); }\n'].map((ch, i) => ({ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: ch })),
    ];
    let version = 1;
    for (const change of edits) {
      version++;
      doc = TextDocument.update(doc, [change], version);
      client.change(URI, version, [change]);
      assert.deepStrictEqual(said(await client.diagnostics(URI, version)), expected(doc), `after edit ${version - 1}: ${JSON.stringify(change)}`);
    }
    assert.ok(expected(doc).some((f) => f.startsWith('unwrap_in_production@')), 'the typed unwrap is flagged');
    assert.deepStrictEqual(client.stderr, []);
  });
});
