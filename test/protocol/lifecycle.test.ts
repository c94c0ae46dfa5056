import * as assert from 'assert';
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
    assert.match(String(d.codeDescription?.href), /docs\/rules\/unwrap_in_production\.md$/);

    const hover = (await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 8 } })) as {
      contents: { kind: string; value: string };
    };
    assert.strictEqual(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /unwrap_in_production/);
    assert.match(hover.contents.value, /`x\.unwrap\(\)` panics/);
    assert.match(hover.contents.value, /Why this hurts/);

    // Replace `.unwrap()` with `.unwrap_or(0)` by an incremental edit.
    client().change(URI, 2, [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } }, text: 'unwrap_or(0)' }]);
    const second = await client().diagnostics(URI, 2);
    assert.deepStrictEqual(second, []);

    const none = await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 8 } });
    assert.strictEqual(none, null);
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
