import type { Parser } from 'web-tree-sitter';
import type { Engine } from '../server/src/analysis/engine';
import type { LspClient } from '../test/support/lspClient';
import { applyEdit, type PreparedEdit } from './typing';

let opened = 0;
/** A fresh URI per opening, so a late publication for an earlier opening can never be mistaken for this one. */
export const freshUri = (file: string): string => `file:///bench/${++opened}/${file.split('/').pop()}`;

/**
 * The server, over JSON-RPC: time from sending each `didChange` to receiving the publication of
 * that exact version. Edits are sent one at a time (closed loop), so none is coalesced away.
 */
export async function serverKeystrokes(client: LspClient, file: string, text: string, edits: readonly PreparedEdit[]): Promise<number[]> {
  const uri = freshUri(file);
  client.open(uri, text, 1);
  await client.diagnostics(uri, 1, 60_000);
  const times: number[] = [];
  let version = 1;
  for (const e of edits) {
    const v = ++version;
    const t0 = performance.now();
    client.change(uri, v, [{ range: e.range, text: e.text }]);
    await client.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
    times.push(performance.now() - t0);
  }
  client.close(uri);
  return times;
}

/** The floor: web-tree-sitter alone, `tree.edit` plus an incremental `parse` per edit. */
export function bareReparse(parser: Parser, text: string, edits: readonly PreparedEdit[]): number[] {
  let tree = parser.parse(text)!;
  const times: number[] = [];
  for (const e of edits) {
    text = applyEdit(text, e);
    const t0 = performance.now();
    tree.edit({
      startIndex: e.start,
      oldEndIndex: e.end,
      newEndIndex: e.start + e.text.length,
      startPosition: e.startPoint,
      oldEndPosition: e.oldEndPoint,
      newEndPosition: e.newEndPoint,
    });
    const next = parser.parse(text, tree)!;
    times.push(performance.now() - t0);
    tree.delete();
    tree = next;
  }
  tree.delete();
  return times;
}

/** The naive baseline: a full parse and a full analysis after every `every`-th edit. */
export function naiveReanalysis(engine: Engine, text: string, edits: readonly PreparedEdit[], every: number): number[] {
  const times: number[] = [];
  edits.forEach((e, i) => {
    text = applyEdit(text, e);
    if (i % every) return;
    const t0 = performance.now();
    engine.lint(text);
    times.push(performance.now() - t0);
  });
  return times;
}

/** didOpen → first publication, on a fresh URI each time. */
export async function openLatency(client: LspClient, file: string, text: string, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const uri = freshUri(file);
    const t0 = performance.now();
    client.open(uri, text, 1);
    await client.diagnostics(uri, 1, 60_000);
    times.push(performance.now() - t0);
    client.close(uri);
  }
  return times;
}
