import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ROOT } from './corpus';

export interface Throughput {
  tool: string;
  threads: number;
  seconds: number;
  files: number;
  lines: number;
  linesPerSecond: number;
  findings: number;
  errors: string[];
}

/**
 * The engine over `files` on `threads` worker threads, each with its own parser, files handed out
 * one at a time to whichever worker is free. Timed from the first worker's start to the last result.
 */
export async function engineThroughput(files: readonly string[], threads: number): Promise<Throughput> {
  const t0 = performance.now();
  let next = 0;
  let lines = 0;
  let findings = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(path.join(__dirname, 'lintWorker.js'));
      return new Promise<void>((resolve, reject) => {
        const feed = () => worker.postMessage(next < files.length ? files[next++] : null);
        worker.on('message', (m: { ready?: true; lines: number; findings: number; error?: string }) => {
          if (!m.ready) {
            lines += m.lines;
            findings += m.findings;
            if (m.error) errors.push(m.error);
          }
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
      });
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { tool: 'rust-patterns engine (worker_threads)', threads, seconds, files: files.length, lines, linesPerSecond: lines / seconds, findings, errors };
}

// Installed on demand into an ignored folder, not as a dev dependency: npm 11 leaves its
// per-platform optional packages out of package-lock.json, which breaks `npm ci` everywhere.
const AST_GREP_VERSION = '0.39.5';
const AST_GREP_DIR = path.join(ROOT, 'bench/tmp/ast-grep');
const AST_GREP = path.join(AST_GREP_DIR, 'node_modules/.bin/ast-grep');

function ensureAstGrep(): void {
  if (fs.existsSync(AST_GREP)) return;
  fs.mkdirSync(AST_GREP_DIR, { recursive: true });
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', AST_GREP_DIR, `@ast-grep/cli@${AST_GREP_VERSION}`], { stdio: 'inherit' });
}

/** `ast-grep run -p '$X.unwrap()' -l rust --threads N` over exactly the same files. */
export async function astGrepThroughput(files: readonly string[], lines: number, threads: number): Promise<Throughput> {
  ensureAstGrep();
  const t0 = performance.now();
  const { matches, stderr, code } = await new Promise<{ matches: number; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(AST_GREP, ['run', '-p', '$X.unwrap()', '-l', 'rust', '--threads', String(threads), '--json=stream', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let matches = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) matches++;
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ matches, stderr, code }));
  });
  const seconds = (performance.now() - t0) / 1000;
  // ast-grep exits 1 when nothing matched; anything else is a failure.
  const errors = code === 0 || code === 1 ? [] : [`exit ${code}: ${stderr.slice(0, 500)}`];
  return { tool: 'ast-grep run -p $X.unwrap()', threads, seconds, files: files.length, lines, linesPerSecond: lines / seconds, findings: matches, errors };
}
