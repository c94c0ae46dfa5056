import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const CLI = path.resolve(__dirname, '../../../dist/cli.js');
export const REPO = path.resolve(__dirname, '../../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI (or another copy of it) as a user would, in `cwd`, with no TTY (so no colours and no progress bar). */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}, cli = CLI): CliRun {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `runCli` with `--format json`, parsed. */
export function runJson(args: string[], cwd: string): { status: number | null; report: JsonReport; stderr: string } {
  const r = runCli([...args, '--format', 'json'], cwd);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, report, stderr: r.stderr };
}

export interface JsonPosition {
  line: number;
  column: number;
}

/** The CLI's JSON report, schema version 1 (docs/cli.md). */
export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  findings: {
    path: string;
    rule: string;
    severity: string;
    message: string;
    start: JsonPosition;
    end: JsonPosition;
    related: { message: string; start: JsonPosition; end: JsonPosition }[];
    fixes: { title: string; safe: boolean; edits: { start: JsonPosition; end: JsonPosition; newText: string }[] }[];
  }[];
  configProblems: { path: string; severity: string; message: string; start: JsonPosition }[];
  notChecked: { path: string; kind: string; message: string }[];
  summary: { files: number; findings: number; bySeverity: Record<string, number>; fixed: number; cached: number; elapsedMs: number };
}

/** A throw-away project: `files` maps relative paths to contents. */
export function project(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

export const UNWRAP_FN = 'pub fn port() -> u16 {\n    std::env::var("PORT").unwrap().parse().unwrap_or(80)\n}\n';
