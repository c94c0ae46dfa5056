import { Worker } from 'worker_threads';
import type { FileResult, Task } from './report/model';

/**
 * Spreads the tasks over `jobs` worker threads, a small batch at a time so a thread that drew big
 * files does not hold the others up. A worker that dies has its files reported as failed and is
 * replaced; the run goes on.
 */
export async function runPool(script: string, tasks: readonly Task[], jobs: number, onResult: (r: FileResult) => void): Promise<void> {
  const queue = batches(tasks, Math.max(1, Math.min(16, Math.ceil(tasks.length / (jobs * 8)))));
  const slot = async (): Promise<void> => {
    while (queue.length) {
      await new Promise<void>((resolve) => {
        const worker = new Worker(script);
        let inFlight: Task[] = [];
        let settled = false;
        const finish = () => {
          if (settled) return;
          settled = true;
          void worker.terminate();
          resolve();
        };
        worker.on('message', (m: FileResult[] | 'ready') => {
          if (m !== 'ready') m.forEach(onResult);
          inFlight = queue.shift() ?? [];
          if (inFlight.length) worker.postMessage(inFlight);
          else finish();
        });
        const fail = (why: string) => {
          for (const t of inFlight) onResult({ file: t.file, findings: [], fixed: 0, problem: { kind: 'skipped', message: `not analysed: ${why}` } });
          inFlight = [];
          finish();
        };
        worker.on('error', (e) => fail(e instanceof Error ? e.message : String(e)));
        worker.on('exit', (code) => fail(`the worker exited with code ${code}`));
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, queue.length)) }, slot));
}

/** A package whose model the worker builds stays in one batch up to this many files: each batch of it pays for the whole model. */
const PACKAGE_BATCH = 256;

/** Consecutive tasks, `size` at a time, except that a batch takes in the rest of a package whose model the worker builds. */
function batches(tasks: readonly Task[], size: number): Task[][] {
  const out: Task[][] = [];
  let current: Task[] = [];
  for (const task of tasks) {
    const last = current[current.length - 1];
    const samePackage = !!last?.packageManifest && last.packageManifest === task.packageManifest;
    if (current.length >= (samePackage ? PACKAGE_BATCH : size)) {
      out.push(current);
      current = [];
    }
    current.push(task);
  }
  if (current.length) out.push(current);
  return out;
}
