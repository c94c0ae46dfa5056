/**
 * Soak test (opt-in: `npm run soak`): 100,000 edits over real Rust against dist/server.js over
 * JSON-RPC, with documents closed and reopened along the way, sampling the server's resident memory.
 * Reports the samples and whether RSS reached a plateau (the second half grows < 10 %).
 * Options: SOAK_EDITS (default 100000), SOAK_DOCS (default 20).
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../test/support/lspClient';

const EDITS = Number(process.env.SOAK_EDITS ?? 100_000);
const DOCS = Number(process.env.SOAK_DOCS ?? 20);
const BATCH = 500;
const SOURCES = ['/usr/share/cargo/registry', '/usr/src/rustc-1.63.0/library/std/src'];
const FRAGMENTS = ['x', '.unwrap()', '(', ')', '{', '}', ';', '\n', 'let v = a.clone();\n', 'async fn g() { std::thread::sleep(d); }\n', '"', '//', 'é😀'];

function corpus(count: number): string[] {
  const out: string[] = [];
  const stack = SOURCES.filter((d) => fs.existsSync(d));
  while (stack.length && out.length < count * 20) {
    const dir = stack.shift()!;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.rs') && fs.statSync(p).size > 3_000 && fs.statSync(p).size < 20_000) out.push(p);
    }
  }
  return out.filter((_, i) => i % 20 === 0).slice(0, count);
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function main(): Promise<void> {
  const files = corpus(DOCS);
  const client = await LspClient.start({ rootUri: 'file:///tmp/rp-soak' });
  const pid = client.process.pid!;
  let seed = 1;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const docs = files.map((f, i) => {
    const uri = `file:///tmp/rp-soak/src/f${i}.rs`;
    const doc = TextDocument.create(uri, 'rust', 1, fs.readFileSync(f, 'utf8'));
    client.open(uri, doc.getText(), 1);
    return { uri, doc, original: doc.getText() };
  });
  const samples: { edits: number; rss: number }[] = [{ edits: 0, rss: rssMb(pid) }];
  const started = Date.now();
  for (let done = 0; done < EDITS; ) {
    for (let n = 0; n < BATCH; n++, done++) {
      const d = docs[random(docs.length)];
      if (random(2000) === 0) {
        // Close and reopen with the original text: trees and caches of the old one must go.
        client.close(d.uri);
        d.doc = TextDocument.create(d.uri, 'rust', d.doc.version + 1, d.original);
        client.open(d.uri, d.original, d.doc.version);
        continue;
      }
      const text = d.doc.getText();
      const start = random(text.length + 1);
      // Mostly typing, some deleting; the text drifts back towards its original length.
      const grow = text.length < d.original.length * 1.2;
      const end = Math.min(text.length, start + (grow ? random(3) : random(40)));
      const change = { range: { start: d.doc.positionAt(start), end: d.doc.positionAt(end) }, text: grow || random(2) ? FRAGMENTS[random(FRAGMENTS.length)] : '' };
      TextDocument.update(d.doc, [change], d.doc.version + 1);
      client.change(d.uri, d.doc.version, [change]);
    }
    for (const d of docs) await client.diagnostics(d.uri, d.doc.version, 120_000);
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: docs[0].uri }, position: { line: 3, character: 4 } });
    if (done % 5_000 === 0) {
      samples.push({ edits: done, rss: rssMb(pid) });
      process.stdout.write(`${String(done).padStart(7)} edits  RSS ${rssMb(pid).toFixed(1)} MB  ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
  await client.stop();
  const half = samples.filter((s) => s.edits >= EDITS / 2);
  const first = half[0].rss;
  const last = half[half.length - 1].rss;
  const peak = Math.max(...samples.map((s) => s.rss));
  const growth = (last - first) / first;
  console.log(`\n${EDITS} edits over ${docs.length} documents in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`RSS: start ${samples[0].rss.toFixed(1)} MB, at half-way ${first.toFixed(1)} MB, end ${last.toFixed(1)} MB, peak ${peak.toFixed(1)} MB`);
  console.log(growth < 0.1 ? `plateau: the second half grew ${(growth * 100).toFixed(1)} %` : `NO PLATEAU: the second half grew ${(growth * 100).toFixed(1)} %`);
  if (growth >= 0.1) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
