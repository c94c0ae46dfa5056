import * as assert from 'assert';
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { serverPerTest } from '../support/lspClient';

const URI = 'file:///tmp/rp-proto/src/lib.rs';

describe('protocol: the server over real JSON-RPC', () => {
  const client = serverPerTest({ rootUri: 'file:///tmp/rp-proto' });

  it('flags unwrap on open, clears it after an incremental edit, and explains it on hover', async () => {
    const text = 'fn load(x: Option<u32>) -> u32 {\n    x.unwrap()\n}\n';
    client().open(URI, text, 1);
    const first = await client().diagnostics(URI, 1);
    assert.strictEqual(first.length, 1);
    const [d] = first;
    assert.strictEqual(d.source, 'rust-patterns');
    assert.strictEqual(d.code, 'unwrap_in_production');
    assert.deepStrictEqual(d.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 14 } });
    // The link is the server's own copy of the rule's page: there is no public site to point at.
    const href = String(d.codeDescription?.href);
    assert.match(href, /^file:\/\/.*\/docs\/rules\/unwrap_in_production\.md$/);
    assert.ok(fs.existsSync(fileURLToPath(href)), href);

    const hover = (await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 8 } })) as {
      contents: { kind: string; value: string };
    };
    assert.strictEqual(hover.contents.kind, 'markdown');
    // The editor shows the message, source and code above the hover: it starts with what is new.
    assert.ok(hover.contents.value.startsWith('**Why this hurts.**'), hover.contents.value);
    assert.ok(!hover.contents.value.includes(d.message), 'the hover repeats the diagnostic');
    assert.ok(hover.contents.value.endsWith(`[Rule documentation](${href})`), hover.contents.value);

    // Replace `.unwrap()` with `.unwrap_or(0)` by an incremental edit.
    client().change(URI, 2, [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } }, text: 'unwrap_or(0)' }]);
    const second = await client().diagnostics(URI, 2);
    assert.deepStrictEqual(second, []);

    const none = await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 8 } });
    assert.strictEqual(none, null);
  });

  it('explains each rule under the cursor once, headed by its id when there are several', async () => {
    const text = 'use std::sync::Mutex;\nstatic SHARDS: [Mutex<u32>; 2] = [Mutex::new(0), Mutex::new(0)];\nasync fn f(i: usize) {\n    let guard = SHARDS.get(i).unwrap().lock().unwrap();\n    g().await;\n    drop(guard);\n}\nasync fn g() {}\n';
    client().open(URI, text, 1);
    assert.deepStrictEqual((await client().diagnostics(URI, 1)).map((d) => d.code).sort(), ['lock_across_await', 'unwrap_in_production']);
    // On the shard's `.unwrap()`, inside the guard's `let`, both findings are under the cursor.
    const hover = (await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 3, character: 31 } })) as { contents: { value: string } };
    const parts = hover.contents.value.split('\n\n---\n\n');
    assert.deepStrictEqual(parts.map((p) => p.split('\n')[0]), ['**lock_across_await**', '**unwrap_in_production**']);
    assert.ok(parts.every((p) => p.includes('**Why this hurts.**')));
  });

  it('speaks UTF-16 positions with emoji, non-ASCII identifiers and CRLF', async () => {
    const text = 'fn größe() {\r\n    let s = "😀🦀"; s.len(); x.unwrap();\r\n}\r\n';
    client().open(URI, text, 1);
    const [d] = await client().diagnostics(URI, 1);
    // "    let s = \"😀🦀\"; s.len(); x" is 30 UTF-16 code units (each emoji is two).
    assert.deepStrictEqual(d.range, { start: { line: 1, character: 30 }, end: { line: 1, character: 39 } });
    // Insert an emoji before the call: the range moves by two code units.
    client().change(URI, 2, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: '/*😀*/' }]);
    const [moved] = await client().diagnostics(URI, 2);
    assert.deepStrictEqual(moved.range.start, { line: 1, character: 36 });
  });

  it('publishes every version, even when nothing changed', async () => {
    client().open(URI, 'fn main() {}\n', 1);
    assert.deepStrictEqual(await client().diagnostics(URI, 1), []);
    client().change(URI, 2, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: ' ' }]);
    assert.deepStrictEqual(await client().diagnostics(URI, 2), []);
  });

  it('exempts tests and files under tests/', async () => {
    client().open(URI, '#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { Some(1).unwrap(); }\n}\n', 1);
    assert.deepStrictEqual(await client().diagnostics(URI, 1), []);
    const testFile = 'file:///tmp/rp-proto/tests/it.rs';
    client().open(testFile, 'fn helper() { Some(1).unwrap(); }\n', 1);
    assert.deepStrictEqual(await client().diagnostics(testFile, 1), []);
  });

  it('clears diagnostics on close and shuts down cleanly', async () => {
    client().open(URI, 'fn f() { None::<u8>.unwrap(); }\n', 1);
    assert.strictEqual((await client().diagnostics(URI, 1)).length, 1);
    client().close(URI);
    assert.deepStrictEqual(await client().waitForDiagnostics(URI, (p) => p.version === undefined), []);
    const hover = await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 22 } });
    assert.strictEqual(hover, null);
  });
});
