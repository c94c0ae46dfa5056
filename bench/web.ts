/// <reference lib="dom" />
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium } from 'playwright-core';
import * as zlib from 'zlib';
import { CHROMIUM } from '../test/e2e/support/browser';
import { ROOT } from './corpus';
import { median } from './stats';

/** What a browser downloads and how soon the server answers there (vscode.dev, github.dev). */
export interface WebResult {
  /** Bytes of each file the web extension loads, gzipped (-9) as a server would send it. */
  gzip: Record<string, number>;
  gzipTotal: number;
  file: string;
  lines: number;
  /** `new Worker` → `initialize` answered (wasm fetched and compiled), per run; the first is cold. */
  initializeMs: number[];
  /** `new Worker` → the first `publishDiagnostics` of a file opened right after `initialized`. */
  firstDiagnosticsMs: number[];
}

const WEB_FILES = ['dist/browser/extension.js', 'dist/browser/server.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-rust.wasm'];
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * The production web build (what the .vsix ships), measured in Debian's chromium: the server's
 * worker started on a plain page that serves dist/, told the wasm URLs as the web client tells
 * them, then handed `file` to analyse. Leaves the development build in dist/ again.
 */
export async function webBuild(file: string, runs: number): Promise<WebResult> {
  build('--production');
  try {
    const gzip = Object.fromEntries(WEB_FILES.map((f) => [f, zlib.gzipSync(fs.readFileSync(path.join(ROOT, f)), { level: 9 }).length]));
    const text = fs.readFileSync(file, 'utf8');
    const server = http.createServer((req, res) => {
      const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (url === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>web build</title>');
      const f = path.join(ROOT, url);
      if (!f.startsWith(path.join(ROOT, 'dist')) || !fs.statSync(f, { throwIfNoEntry: false })?.isFile()) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[path.extname(f)] ?? 'text/html', 'cache-control': 'no-store' }).end(fs.readFileSync(f));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    const initializeMs: number[] = [];
    const firstDiagnosticsMs: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        await page.goto(`${origin}/`);
        const t = await page.evaluate(startServerIn, { origin, text });
        initializeMs.push(t.initialize);
        firstDiagnosticsMs.push(t.diagnostics);
        await page.close();
      }
    } finally {
      await browser.close();
      server.close();
    }
    return { gzip, gzipTotal: Object.values(gzip).reduce((a, b) => a + b, 0), file, lines: text.split('\n').length, initializeMs, firstDiagnosticsMs };
  } finally {
    build();
  }
}

/** Runs in the page: the handshake the web client does, timed. */
async function startServerIn({ origin, text }: { origin: string; text: string }): Promise<{ initialize: number; diagnostics: number }> {
  const started = performance.now();
  const worker = new Worker(`${origin}/dist/browser/server.js`);
  const send = (message: object) => worker.postMessage({ jsonrpc: '2.0', ...message });
  const uri = 'vscode-vfs://github/bench/src/lib.rs';
  const timings = await new Promise<{ initialize: number; diagnostics: number }>((resolve, reject) => {
    let initialize = 0;
    worker.onerror = (e) => reject(new Error(e.message));
    worker.onmessage = ({ data }) => {
      if (data.id === 1) {
        if (data.error) return reject(new Error(data.error.message));
        initialize = performance.now() - started;
        send({ method: 'initialized', params: {} });
        send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'rust', version: 1, text } } });
      } else if (data.method === 'textDocument/publishDiagnostics' && data.params.uri === uri) {
        resolve({ initialize, diagnostics: performance.now() - started });
      }
    };
    const browserAssets = { runtime: `${origin}/dist/tree-sitter.wasm`, grammar: `${origin}/dist/tree-sitter-rust.wasm`, docsBase: `${origin}/docs/rules/` };
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { browserAssets } } });
  });
  worker.terminate();
  return timings;
}

function build(...flags: string[]): void {
  const r = spawnSync(process.execPath, ['esbuild.config.mjs', ...flags], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`esbuild.config.mjs ${flags.join(' ')} failed:\n${r.stderr}`);
}

/** The first run is cold (nothing compiled yet); the median is over the others. */
export function warmMedian(samples: readonly number[]): number {
  return median(samples.length > 1 ? samples.slice(1) : samples);
}
