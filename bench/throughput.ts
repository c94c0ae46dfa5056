import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
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

/** Runs a command to completion, counting what `count` finds in its stdout; wall time in seconds. */
function timed(cmd: string, args: string[], count: (chunk: Buffer) => number): Promise<{ seconds: number; counted: number; code: number | null; stderr: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let counted = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (counted += count(d)));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - t0) / 1000, counted, code, stderr }));
  });
}

const CLI = path.join(ROOT, 'dist/cli.js');

/**
 * `rust-patterns check --jobs N --format json` over exactly these files, start-up included. Without
 * `cacheDir`, the result cache is off (every file analysed); with it, the run reads and fills it.
 */
export async function cliThroughput(files: readonly string[], lines: number, threads: number, cacheDir?: string): Promise<Throughput> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: node esbuild.config.mjs`);
  const out: Buffer[] = [];
  const keep = (d: Buffer) => (out.push(d), 0);
  const cache = cacheDir ? ['--cache-dir', cacheDir] : ['--no-cache'];
  const tool = cacheDir ? `rust-patterns check (CLI), cache ${fs.existsSync(cacheDir) ? 'filled by the run before' : 'empty'}` : 'rust-patterns check (CLI)';
  const r = await timed(process.execPath, [CLI, 'check', '--jobs', String(threads), '--format', 'json', '--deny', 'none', ...cache, ...files], keep);
  const errors = r.code === 0 ? [] : [`exit ${r.code}: ${r.stderr.slice(0, 500)}`];
  let findings = 0;
  try {
    findings = (JSON.parse(Buffer.concat(out).toString('utf8')) as { findings: unknown[] }).findings.length;
  } catch (e) {
    errors.push(`unreadable JSON report: ${e instanceof Error ? e.message : e}`);
  }
  return { tool, threads, seconds: r.seconds, files: files.length, lines, linesPerSecond: lines / r.seconds, findings, errors };
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
  const countLines = (d: Buffer) => {
    let n = 0;
    for (const b of d) if (b === 10) n++;
    return n;
  };
  const r = await timed(AST_GREP, ['run', '-p', '$X.unwrap()', '-l', 'rust', '--threads', String(threads), '--json=stream', ...files], countLines);
  // ast-grep exits 1 when nothing matched; anything else is a failure.
  const errors = r.code === 0 || r.code === 1 ? [] : [`exit ${r.code}: ${r.stderr.slice(0, 500)}`];
  return { tool: 'ast-grep run -p $X.unwrap()', threads, seconds: r.seconds, files: files.length, lines, linesPerSecond: lines / r.seconds, findings: r.counted, errors };
}
