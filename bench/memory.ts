import * as fs from 'fs';
import { LspClient } from '../test/support/lspClient';
import { freshUri } from './keystroke';
import { sleep } from './stats';
import type { PreparedEdit } from './typing';

/** Resident set size of a process, in MiB, from /proc (what the OS is really giving it). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb[1]) / 1024;
}

export interface MemoryResult {
  baselineMiB: number;
  afterOpeningMiB: number;
  afterClosingMiB: number;
  openedFiles: number;
  /** RSS every `every` edits of the 10,000, starting after the first batch. */
  edits: { file: string; total: number; every: number; samplesMiB: number[] };
}

/**
 * One fresh server: RSS after start-up (and one warm-up file), after opening `files` one by one,
 * after closing them all, then along `total` edits that cycle the typing session (which leaves
 * the text as it found it, so a leak shows as growth rather than as a bigger document).
 */
export async function memoryRun(files: readonly string[], edited: { file: string; text: string; edits: readonly PreparedEdit[] }, total: number, every: number): Promise<MemoryResult> {
  const client = await LspClient.start();
  const pid = client.process.pid!;
  try {
    const settle = async () => sleep(1500);
    const warm = freshUri(edited.file);
    client.open(warm, edited.text, 1);
    await client.diagnostics(warm, 1, 60_000);
    client.close(warm);
    await settle();
    const baselineMiB = rssMiB(pid);

    const uris: string[] = [];
    for (const file of files) {
      const uri = freshUri(file);
      uris.push(uri);
      client.open(uri, fs.readFileSync(file, 'utf8'), 1);
      await client.diagnostics(uri, 1, 60_000);
    }
    await settle();
    const afterOpeningMiB = rssMiB(pid);
    for (const uri of uris) client.close(uri);
    // The server answers each close with an empty publication: the last one means all were handled.
    await client.waitForDiagnostics(uris[uris.length - 1], (p) => p.version === undefined && p.diagnostics.length === 0, 60_000);
    await settle();
    const afterClosingMiB = rssMiB(pid);

    const uri = freshUri(edited.file);
    client.open(uri, edited.text, 1);
    await client.diagnostics(uri, 1, 60_000);
    const samplesMiB: number[] = [];
    for (let version = 2, done = 0; done < total; ) {
      for (const e of edited.edits) {
        const v = version++;
        client.change(uri, v, [{ range: e.range, text: e.text }]);
        await client.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
        if (++done % every === 0) samplesMiB.push(rssMiB(pid));
        if (done === total) break;
      }
    }
    client.close(uri);
    return { baselineMiB, afterOpeningMiB, afterClosingMiB, openedFiles: files.length, edits: { file: edited.file, total, every, samplesMiB } };
  } finally {
    await client.stop();
  }
}
