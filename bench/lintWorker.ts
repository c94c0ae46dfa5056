// Lints the files it is sent with the one-shot engine, as the CLI does; a worker_threads worker
// for the throughput bench, or standalone (`node out/bench/lintWorker.js <list-file>`) for profiling.
import * as fs from 'fs';
import { isMainThread, parentPort } from 'worker_threads';
import { Engine } from '../server/src/analysis/engine';
import { lineCount } from './corpus';

async function main(): Promise<void> {
  const engine = await Engine.create();
  const lint = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    return { lines: lineCount(text), findings: engine.lint(text, { relativePath: file }).length };
  };
  if (isMainThread) {
    for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) lint(file);
    return;
  }
  parentPort!.on('message', (file: string | null) => {
    if (file === null) return parentPort!.close();
    try {
      parentPort!.postMessage(lint(file));
    } catch (e) {
      parentPort!.postMessage({ lines: 0, findings: 0, error: `${file}: ${e instanceof Error ? e.message : e}` });
    }
  });
  parentPort!.postMessage({ ready: true });
}

void main();
