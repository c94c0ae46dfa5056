import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { sharedEngine } from '../support/engine';
import { LspClient } from '../support/lspClient';

const ROOT = 'file:///tmp/rp-abuse';
const uriOf = (name: string) => `${ROOT}/src/${name}.rs`;
const HEALTHY = uriOf('healthy');
const HEALTHY_TEXT = 'fn load(x: Option<u32>) -> u32 {\n    x.unwrap()\n}\n';

/** What the server must publish for `text`: the one-shot engine's findings as LSP ranges and codes. */
async function expected(text: string, relativePath: string): Promise<string[]> {
  const doc = TextDocument.create('file:///x.rs', 'rust', 0, text);
  const at = (o: number) => {
    const p = doc.positionAt(o);
    return `${p.line}:${p.character}`;
  };
  return (await sharedEngine()).lint(text, { relativePath }).map((f) => `${f.ruleId}@${at(f.start)}-${at(f.end)}`);
}

const published = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

/** One raw frame on the server's stdin, bypassing the client library (which only writes valid JSON-RPC). */
function rawFrame(client: LspClient, body: string): void {
  client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
}

/** The healthy document keeps being served: an edit is analysed and hover answers. */
async function assertStillServing(client: LspClient, version: number): Promise<void> {
  client.change(HEALTHY, version, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: 'y.expect("y");\n    ' }]);
  const diagnostics = await client.diagnostics(HEALTHY, version);
  const text = HEALTHY_TEXT.replace('    x.unwrap()', '    y.expect("y");\n    x.unwrap()');
  assert.deepStrictEqual(published(diagnostics), await expected(text, 'src/healthy.rs'));
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: HEALTHY }, position: { line: 2, character: 8 } })) as { contents: { value: string } };
  assert.match(hover.contents.value, /unwrap_in_production/);
}

describe('protocol abuse: the server survives hostile clients and keeps serving', function () {
  this.timeout(120_000);
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start({ rootUri: ROOT });
    client.open(HEALTHY, HEALTHY_TEXT, 1);
    assert.strictEqual((await client.diagnostics(HEALTHY, 1)).length, 1);
  });
  afterEach(async () => {
    const code = await client.stop();
    assert.strictEqual(code, 0, `the server exited with ${code}; stderr: ${client.stderr.join('')}`);
  });

  it('takes edits past the end, negative and reversed ranges, and refuses malformed ones, staying equal to a fresh analysis', async () => {
    const uri = uriOf('edited');
    let text = 'fn a() { x.unwrap(); }\n';
    client.open(uri, text, 1);
    const mirror = TextDocument.create(uri, 'rust', 1, text);
    const edits = [
      { range: { start: { line: 50, character: 3 }, end: { line: 90, character: 0 } }, text: '\nfn b() { y.unwrap(); }' },
      { range: { start: { line: -4, character: -2 }, end: { line: 0, character: 0 } }, text: '// top\n' },
      { range: { start: { line: 0, character: 99 }, end: { line: 0, character: 2 } }, text: ' reversed ' },
    ];
    let version = 1;
    for (const e of edits) {
      client.change(uri, ++version, [e]);
      TextDocument.update(mirror, [e], version);
    }
    const applied = version;
    // Refused whole, so the document stays at the last version that applied.
    client.change(uri, ++version, [{ range: { start: { line: 'one', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    client.change(uri, ++version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    client.change(uri, ++version, [null]);
    text = mirror.getText();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }); // all of the above was handled
    assert.strictEqual(client.logs.filter((l) => /could not apply an edit to .*edited\.rs: Error: malformed change/.test(l)).length, 3);
    assert.deepStrictEqual(published(await client.diagnostics(uri, applied)), await expected(text, 'src/edited.rs'));
    await assertStillServing(client, 2);
  });

  it('ignores didChange for a document never opened, logs versions going backwards and a duplicated didOpen, and answers null for closed documents', async () => {
    const stranger = uriOf('never-opened');
    client.change(stranger, 5, [{ text: 'fn a() { x.unwrap(); }' }]);
    const uri = uriOf('versions');
    client.open(uri, 'fn a() { x.unwrap(); }\n', 10);
    await client.diagnostics(uri, 10);
    client.change(uri, 3, [{ text: 'fn a() { x.unwrap(); y.unwrap(); }\n' }]);
    assert.strictEqual((await client.waitForDiagnostics(uri, (p) => p.version === 3)).length, 2);
    client.open(uri, 'fn a() {}\n', 1);
    assert.deepStrictEqual(await client.waitForDiagnostics(uri, (p) => p.version === 1), []);
    client.close(uri);
    await client.waitForDiagnostics(uri, (p) => p.version === undefined);
    const position = { line: 0, character: 10 };
    assert.strictEqual(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }), null);
    assert.strictEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }), null);
    assert.strictEqual(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: stranger }, position }), null);
    const logs = client.logs.join('\n');
    assert.match(logs, /didChange for .*never-opened\.rs, which is not open: ignored/);
    assert.match(logs, /goes back from version 10 to 3: applied/);
    assert.match(logs, /which is open already: its text is replaced/);
    await assertStillServing(client, 2);
  });

  it('answers unknown methods and malformed requests with errors, and survives frames that are not JSON-RPC', async () => {
    await assert.rejects(client.connection.sendRequest('rustPatterns/noSuchMethod', {}), (e: ResponseError<unknown>) => e.code === ErrorCodes.MethodNotFound);
    await client.connection.sendNotification('rustPatterns/noSuchNotification', { x: 1 });
    await assert.rejects(client.connection.sendRequest('textDocument/hover', { textDocument: { uri: HEALTHY } }), (e: ResponseError<unknown>) => e.code === ErrorCodes.InternalError);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('no-text'), languageId: 'rust', version: 1 } });
    await client.connection.sendNotification('textDocument/didOpen', {});
    rawFrame(client, '{"jsonrpc":"2.0","id":91,"method":'); // truncated JSON
    rawFrame(client, '[1, 2, 3]');
    rawFrame(client, '{"hello":"world"}');
    rawFrame(client, '\u0000\u00ff binary \ud800');
    await assertStillServing(client, 2);
    assert.match(client.logs.join('\n'), /didOpen without a uri and a text: ignored/);
  });

  it('drops frames with a broken header and keeps reading the ones after them', async () => {
    client.process.stdin!.write('Content-Length: many\r\n\r\n{"jsonrpc":"2.0","id":92,"method":"shutdown"}');
    client.process.stdin!.write('no header at all\r\n\r\n{}');
    client.process.stdin!.write('Content-Length: 2\r\nX-Evil\r\n\r\n{}');
    await assertStillServing(client, 2);
    // Frames that arrive together may go in one drop (up to the next Content-Length), so count loosely.
    const drops = client.logs.filter((l) => /dropped \d+ bytes of input/.test(l));
    assert.ok(drops.length >= 2, drops.join('\n'));
    assert.ok(drops.some((l) => l.includes('Content-Length: many')) && drops.some((l) => l.includes('X-Evil')), drops.join('\n'));
  });

  it('answers a hover or code action cancelled while it waited with RequestCancelled', async () => {
    // The request and its cancellation in one write, as a client sends them when the user types on:
    // the server reads both before it dispatches the request. The replies are read off the raw stream.
    let out = '';
    client.process.stdout!.on('data', (d) => (out += String(d)));
    const position = { line: 1, character: 8 };
    const requests = {
      hover: ['textDocument/hover', { textDocument: { uri: HEALTHY }, position }],
      action: ['textDocument/codeAction', { textDocument: { uri: HEALTHY }, range: { start: position, end: position }, context: { diagnostics: [] } }],
    } as const;
    for (const [id, [method, params]] of Object.entries(requests)) {
      const frame = (body: unknown) => {
        const json = JSON.stringify(body);
        return `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
      };
      client.process.stdin!.write(frame({ jsonrpc: '2.0', id: `cancel-${id}`, method, params }) + frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: `cancel-${id}` } }));
    }
    const deadline = Date.now() + 10_000;
    const answered = (id: string) => new RegExp(`"id":"cancel-${id}","error":\\{"code":${LSPErrorCodes.RequestCancelled}`).test(out);
    while (!(answered('hover') && answered('action')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(answered('hover') && answered('action'), `no RequestCancelled for both in: ${out.slice(-600)}`);
    await assertStillServing(client, 2);
  });

  it('after a storm of 1,000 edits across 50 documents, publishes for each exactly what a fresh analysis finds', async () => {
    const fragments = ['x.unwrap();', ' ', '\n', '{', '}', '(', 'let v = a.clone();', 'fn g() { y.expect("e"); }\n', '"', '//', 'é😀', 'async fn h() { std::thread::sleep(d); }\n'];
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const docs = Array.from({ length: 50 }, (_, i) => {
      const uri = uriOf(`storm${i}`);
      const text = `fn f${i}() {\n    x.unwrap();\n}\n`;
      client.open(uri, text, 1);
      return { uri, mirror: TextDocument.create(uri, 'rust', 1, text) };
    });
    for (let n = 0; n < 1000; n++) {
      const d = docs[random(docs.length)];
      const text = d.mirror.getText();
      const start = random(text.length + 1);
      const end = Math.min(text.length, start + random(6));
      const change = { range: { start: d.mirror.positionAt(start), end: d.mirror.positionAt(end) }, text: fragments[random(fragments.length)] };
      TextDocument.update(d.mirror, [change], d.mirror.version + 1);
      client.change(d.uri, d.mirror.version, [change]);
    }
    for (const d of docs) {
      const got = await client.diagnostics(d.uri, d.mirror.version);
      assert.deepStrictEqual(published(got), await expected(d.mirror.getText(), `src/${d.uri.split('/').pop()}`), d.uri);
    }
    await assertStillServing(client, 2);
  });

  it('skips a document over rustPatterns.maxFileSize with one Information diagnostic, and serves the rest', async () => {
    const big = uriOf('big');
    client.open(big, 'fn f() { x.unwrap(); }\n'.repeat(250_000), 1);
    const [d, ...rest] = await client.diagnostics(big, 1);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(d.severity, 3);
    assert.match(d.message, /Rust Patterns skipped this file: 5\.5 MB is over the 4\.0 MB limit \(rustPatterns\.maxFileSize\)/);
    await assertStillServing(client, 2);
  });
});
