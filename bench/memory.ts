import * as fs from 'fs';
import * as path from 'path';
import { LspClient } from '../test/support/lspClient';
import { freshUri } from './keystroke';
import { probeFile } from './memoryProbe';
import { round, sleep } from './stats';
import type { PreparedEdit } from './typing';

/** Resident set size of a process, in MiB, from /proc (what the OS is really giving it). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb[1]) / 1024;
}

/** The server's own view of its memory, in MiB: V8's heap, and `external`, which holds the parser's wasm heap. */
export interface Usage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
}

export interface MemoryResult {
  baselineMiB: number;
  afterOpeningMiB: number;
  afterClosingMiB: number;
  openedFiles: number;
  usage: { baseline: Usage; afterOpening: Usage; afterClosing: Usage };
  /**
   * Along the 10,000 edits, per window of `every` edits: the highest and the lowest of the RSS
   * readings taken every `every / 100` edits, and the server's usage at the window's end. V8 lets
   * garbage pile up to its next collection, so RSS saws up and down by tens of MB within a window;
   * the saw's top is what a leak would lift, where one reading per window lands anywhere on it.
   */
  edits: { file: string; total: number; every: number; samplesMiB: number[]; lowsMiB: number[]; usage: Usage[] };
}

/**
 * How long the server is left alone before each reading: after the last close it gives its parser
 * heap back within about a second and collects again 6 s later (analysis/parser.ts), with room to spare.
 */
export const SETTLE_MS = 10_000;

/**
 * One fresh server: RSS after start-up (and one warm-up file), after opening `files` one by one,
 * after closing them all, then along `total` edits that cycle the typing session (which leaves
 * the text as it found it, so a leak shows as growth rather than as a bigger document).
 */
export async function memoryRun(files: readonly string[], edited: { file: string; text: string; edits: readonly PreparedEdit[] }, total: number, every: number): Promise<MemoryResult> {
  const client = await LspClient.start({ nodeArgs: ['--require', path.join(__dirname, 'memoryProbe.js')] });
  const pid = client.process.pid!;
  try {
    const warm = freshUri(edited.file);
    client.open(warm, edited.text, 1);
    await client.diagnostics(warm, 1, 60_000);
    client.close(warm);
    await sleep(SETTLE_MS);
    const baselineMiB = rssMiB(pid);
    const baseline = await usage(pid);

    const uris: string[] = [];
    for (const file of files) {
      const uri = freshUri(file);
      uris.push(uri);
      client.open(uri, fs.readFileSync(file, 'utf8'), 1);
      await client.diagnostics(uri, 1, 60_000);
    }
    await sleep(SETTLE_MS);
    const afterOpeningMiB = rssMiB(pid);
    const afterOpening = await usage(pid);
    for (const uri of uris) client.close(uri);
    // The server answers each close with an empty publication: the last one means all were handled.
    await client.waitForDiagnostics(uris[uris.length - 1], (p) => p.version === undefined && p.diagnostics.length === 0, 60_000);
    await sleep(SETTLE_MS);
    const afterClosingMiB = rssMiB(pid);
    const afterClosing = await usage(pid);

    const uri = freshUri(edited.file);
    client.open(uri, edited.text, 1);
    await client.diagnostics(uri, 1, 60_000);
    let window: number[] = [];
    const samplesMiB: number[] = [];
    const lowsMiB: number[] = [];
    const along: Usage[] = [];
    const readEvery = Math.max(1, Math.round(every / 100));
    for (let version = 2, done = 0; done < total; ) {
      for (const e of edited.edits) {
        const v = version++;
        client.change(uri, v, [{ range: e.range, text: e.text }]);
        await client.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
        if (++done % readEvery === 0) window.push(rssMiB(pid));
        if (done % every === 0) {
          samplesMiB.push(round(Math.max(...window), 1));
          lowsMiB.push(round(Math.min(...window), 1));
          window = [];
          along.push(await usage(pid));
        }
        if (done === total) break;
      }
    }
    client.close(uri);
    return { baselineMiB, afterOpeningMiB, afterClosingMiB, openedFiles: files.length, usage: { baseline, afterOpening, afterClosing }, edits: { file: edited.file, total, every, samplesMiB, lowsMiB, usage: along } };
  } finally {
    await client.stop();
  }
}

/** Asks the server's preloaded probe (memoryProbe.ts) for its process.memoryUsage(). */
async function usage(pid: number): Promise<Usage> {
  const file = probeFile(pid);
  fs.rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (const end = Date.now() + 10_000; Date.now() < end; await sleep(10)) {
    if (!fs.existsSync(file)) continue;
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as NodeJS.MemoryUsage;
    fs.rmSync(file);
    const mib = (n: number) => round(n / 1024 / 1024, 1);
    return { rss: mib(m.rss), heapTotal: mib(m.heapTotal), heapUsed: mib(m.heapUsed), external: mib(m.external) };
  }
  throw new Error(`the server's memory probe did not answer (${file})`);
}
