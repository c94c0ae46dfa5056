import * as assert from 'assert';
import { loadParserHeap } from '../../server/src/analysis/parser';
import type { ParserHeap } from '../../server/src/analysis/parsing';
import { DocumentStore } from '../../server/src/documents/documentStore';
import { ALL_RULES } from '../../server/src/rules';
import { coreSources } from '../support/coreSources';
import { sharedEngine } from '../support/engine';

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uriOf = (file: string) => `file:///w/src/${file}`;

describe('memory: the parser heap is given back after closes', function () {
  this.timeout(120_000);
  // 3 M characters of trees grow the wasm heap from 32 MB to about 65 MB.
  const corpus = coreSources(3_000_000);
  let heap: ParserHeap;
  let store: DocumentStore;
  let logs: string[];
  beforeEach(async () => {
    heap = await loadParserHeap();
    logs = [];
    store = new DocumentStore(heap, () => ALL_RULES, () => 4 * MiB, () => {}, (m) => logs.push(m));
  });
  afterEach(() => {
    for (const doc of store.all()) store.close(doc.uri);
  });

  const openAll = () => {
    for (const { file, text } of corpus) store.open(uriOf(file), 'rust', 1, text).analyze();
  };
  const renewal = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end && !logs.length; ) await sleep(50);
    return logs[0];
  };

  it('renews the heap once most trees are closed, frees its pages, and the documents still open answer as before', async () => {
    openAll();
    const grown = heap.bytes;
    assert.ok(grown >= 56 * MiB, `the heap only grew to ${grown / MiB} MiB`);
    // Kept open: one analysed as it stands, one edited since (its tree is behind the text).
    const [kept, edited] = [corpus[10], corpus[40]].map((c) => store.get(uriOf(c.file))!);
    for (const c of corpus) if (c !== corpus[10] && c !== corpus[40]) store.close(uriOf(c.file));
    const insert = (line: number, text: string, version: number) => edited.applyChanges([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }], version);
    insert(0, 'fn added(x: Option<u8>) -> u8 { x.unwrap() }\n', 2);
    const rssBefore = process.memoryUsage().rss;

    assert.match((await renewal(10_000)) ?? 'no renewal', /given back: its wasm heap went from \d+ to \d+ MiB \(2 open/);
    await sleep(200); // the GC runs in a task of its own after the renewal
    assert.ok(heap.bytes <= grown / 2, `the heap is still ${heap.bytes / MiB} MiB`);
    const freed = rssBefore - process.memoryUsage().rss;
    assert.ok(freed >= grown - heap.bytes, `RSS fell by ${(freed / MiB).toFixed(1)} MiB after giving back ${(grown - heap.bytes) / MiB} MiB of heap`);

    // Both documents parse and analyse in the new heap exactly as a fresh lint does, edits and all.
    const engine = await sharedEngine();
    const expect = (doc: typeof kept) => engine.lint(doc.text, { relativePath: store.relativePath(doc.uri) });
    assert.deepStrictEqual(kept.analyze().findings, expect(kept));
    assert.deepStrictEqual(edited.analyze().findings, expect(edited));
    assert.ok(edited.analyze().findings.some((f) => f.ruleId === 'unwrap_in_production' && f.start < 50));
    insert(1, 'fn more(y: Option<u8>) -> u8 { y.unwrap() }\n', 3);
    kept.applyChanges([{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, text: '' }], 2);
    assert.deepStrictEqual(edited.analyze().findings, expect(edited));
    assert.deepStrictEqual(kept.analyze().findings, expect(kept));
    assert.strictEqual(kept.analyze(), kept.analyze(), 'analysis is cached again');
  });

  it('keeps the heap while most of what it holds is still open', async () => {
    openAll();
    for (const c of corpus.slice(0, corpus.length / 2)) store.close(uriOf(c.file));
    assert.strictEqual(await renewal(2_500), undefined);
  });
});
