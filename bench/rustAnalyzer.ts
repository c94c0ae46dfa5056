import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { type Diagnostic, type DocumentDiagnosticReport, LSPErrorCodes } from 'vscode-languageserver-protocol';
import type { Parser } from 'web-tree-sitter';
import { LspClient } from '../test/support/lspClient';
import { type ClippyCrate, haveClippy, prepareClippyCrate } from './clippy';
import { ROOT, lineCount } from './corpus';
import { SETTLE_MS, rssMiB } from './memory';
import { type Latency, latency, round, sleep } from './stats';
import { type PreparedEdit, applyEdit, prepare, typingSession } from './typing';

// Unpacked on demand into an ignored folder, never installed: Debian's rust-analyzer, the compiler
// libraries it links (its Depends), and the standard library's sources it loads as the sysroot.
const DIR = path.join(ROOT, 'bench/tmp/rust-analyzer');
const COMPLETE = path.join(DIR, '.complete');

interface RustAnalyzer {
  binary: string;
  version: string;
  env: NodeJS.ProcessEnv;
  sysrootSrc: string;
}

/** `apt-get download` of one package into `dir`; the .deb's path. */
function download(pkg: string, dir: string): string {
  execFileSync('apt-get', ['download', pkg], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  const deb = fs.readdirSync(dir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${pkg} left no .deb`);
  return path.join(dir, deb);
}

function dependsOn(deb: string): string[] {
  const field = execFileSync('dpkg-deb', ['-f', deb, 'Depends'], { encoding: 'utf8' });
  return field.split(',').map((d) => d.trim().split(/[\s|(]/)[0]).filter(Boolean);
}

function ensureRustAnalyzer(): RustAnalyzer {
  if (!fs.existsSync(COMPLETE)) {
    fs.rmSync(DIR, { recursive: true, force: true });
    const debs = path.join(DIR, 'debs');
    fs.mkdirSync(debs, { recursive: true });
    const wanted = ['rust-web-analyzer'];
    for (const done = new Set<string>(); wanted.length; ) {
      const pkg = wanted.shift()!;
      if (done.has(pkg)) continue;
      done.add(pkg);
      const deb = download(pkg, debs);
      execFileSync('dpkg-deb', ['-x', deb, DIR]);
      // librustc_driver (libstd-rust-web-*) and LLVM (libllvm*); the rest is on any Debian system.
      wanted.push(...dependsOn(deb).filter((d) => /^(libstd-rust|libllvm)/.test(d)));
    }
    const src = download('rust-web-src', debs);
    execFileSync('bash', ['-o', 'pipefail', '-c', `dpkg-deb --fsys-tarfile '${src}' | tar -x -C '${DIR}' --wildcards './usr/src/*/library'`]);
    fs.rmSync(debs, { recursive: true, force: true });
    fs.writeFileSync(COMPLETE, '');
  }
  const lib = path.join(DIR, 'usr/lib', fs.readdirSync(path.join(DIR, 'usr/lib')).find((d) => fs.existsSync(path.join(DIR, 'usr/lib', d, 'libLLVM.so.1'))) ?? 'x86_64-linux-gnu');
  const srcRoot = path.join(DIR, 'usr/src');
  const sysrootSrc = path.join(srcRoot, fs.readdirSync(srcRoot)[0], 'library');
  // Offline: rust-analyzer runs `cargo metadata` on the sysroot's workspace too, which would fetch.
  const env = { ...process.env, LD_LIBRARY_PATH: lib, CARGO_NET_OFFLINE: 'true' };
  const binary = path.join(DIR, 'usr/bin/rust-analyzer');
  const version = execFileSync(binary, ['--version'], { env, encoding: 'utf8' }).trim();
  return { binary, version, env, sysrootSrc };
}

/** One server on the crate: what it costs to get ready, to type, and (rust-analyzer) to show clippy's findings after a save. */
export interface ServerSide {
  server: string;
  /** `initialized` → ready: rust-analyzer's indexing and first clippy run ended; ours, the crate model's progress. */
  readyMs: number;
  rssReadyMiB: number;
  /** Keystroke → its version's diagnostics: ours published, rust-analyzer's pulled (`textDocument/diagnostic`). */
  keystrokes: Latency;
  /** Publications of the typing session that held a diagnostic, and the sources they named. */
  publishedWhileTyping: { withDiagnostics: number; sources: string[] };
  /** A save (`didSave` after writing the file) → the first publication with a clippy finding, and → the check's end. */
  saveToClippyMs?: number[];
  saveToCheckEndMs?: number[];
  rssAfterMiB: number;
}

export interface RustAnalyzerResult {
  crate: string;
  file: string;
  lines: number;
  edits: number;
  sides: ServerSide[];
}

const SAVES = 5;

/**
 * rust-analyzer with clippy as its check command, and our server, side by side on the crate the
 * clippy comparison builds (glob, offline): each started fresh with the crate as its folder, ready,
 * then the same typing session in src/lib.rs; rust-analyzer then saves SAVES edits, each timed to
 * clippy's findings. RSS after 10 s of quiet, when ready and after typing.
 */
export async function againstRustAnalyzer(parser: Parser, log: (s: string) => void): Promise<RustAnalyzerResult | { skipped: string }> {
  if (!haveClippy()) return { skipped: 'cargo clippy is not installed (rust-analyzer runs it as its check command)' };
  let ra: RustAnalyzer;
  try {
    ra = ensureRustAnalyzer();
  } catch (e) {
    const skipped = `rust-analyzer could not be fetched with apt-get download (rust-web-analyzer): ${e instanceof Error ? e.message.split('\n')[0] : e}`;
    log(`rust-analyzer: skipped: ${skipped}`);
    return { skipped };
  }
  let crate: ClippyCrate | undefined;
  try {
    crate = prepareClippyCrate();
    const text = fs.readFileSync(crate.file, 'utf8');
    const edits = prepare(text, typingSession(parser, text, 3, true));
    log(`rust-analyzer: ${ra.version} on ${crate.crate}`);
    const theirs = await side(ra.version, crate, text, edits, {
      command: { file: ra.binary, args: [], env: ra.env, cwd: crate.dir },
      settings: { check: { command: 'clippy' }, cargo: { sysrootSrc: ra.sysrootSrc } },
    });
    log(`rust-analyzer: our server on ${crate.crate}`);
    const ours = await side('rust-patterns (this server)', crate, text, edits, {});
    return { crate: crate.crate, file: 'src/lib.rs', lines: lineCount(text), edits: edits.length, sides: [theirs, ours] };
  } catch (e) {
    const skipped = e instanceof Error ? e.message : String(e);
    log(`rust-analyzer: failed: ${skipped}`);
    return { skipped };
  } finally {
    if (crate) fs.rmSync(crate.dir, { recursive: true, force: true });
  }
}

// Pull diagnostics too: rust-analyzer publishes a version's diagnostics only when they changed, so a
// keystroke is timed to the answer of `textDocument/diagnostic` instead (clippy's findings still come pushed).
const CAPABILITIES = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: true }, diagnostic: { dynamicRegistration: false } },
  window: { workDoneProgress: true },
};

/** `textDocument/diagnostic`, asked again while the server cancels it for a retrigger (it does while a change is taken in). */
async function pulled(client: LspClient, uri: string): Promise<Diagnostic[]> {
  for (;;) {
    try {
      const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      return report.kind === 'full' ? report.items : [];
    } catch (e) {
      if ((e as { code?: number }).code !== LSPErrorCodes.ServerCancelled) throw e;
    }
  }
}

async function side(name: string, crate: ClippyCrate, text: string, edits: readonly PreparedEdit[], options: { command?: NonNullable<Parameters<typeof LspClient.start>[0]>['command']; settings?: unknown }): Promise<ServerSide> {
  const t0 = performance.now();
  const client = await LspClient.start({ rootUri: pathToFileURL(crate.dir).href, capabilities: CAPABILITIES, command: options.command, settings: options.settings, initializationOptions: options.settings });
  const pid = client.process.pid!;
  // Titles by token: an end names only its token.
  const titles = new Map<string | number, string>();
  const ended: { title: string; at: number }[] = [];
  client.onProgress((p, token) => {
    if (p.kind === 'begin') titles.set(token, p.title);
    if (p.kind === 'end') ended.push({ title: titles.get(token) ?? '', at: performance.now() });
  });
  const until = async (test: () => boolean, what: string, timeoutMs = 300_000) => {
    for (const end = Date.now() + timeoutMs; !test(); await sleep(5)) if (Date.now() > end) throw new Error(`${name}: no ${what} within ${timeoutMs / 1000} s`);
  };
  try {
    const uri = pathToFileURL(crate.file).href;
    client.open(uri, text, 1);
    const checked = (from: number) => ended.some((e, i) => i >= from && /^cargo (clippy|check)/.test(e.title));
    if (options.command) await until(() => ended.some((e) => e.title === 'Indexing') && checked(0), 'indexing and first check');
    else await until(() => ended.length > 0, 'crate model');
    const readyMs = performance.now() - t0;
    const diagnosticsOf = (v: number) => (options.command ? pulled(client, uri) : client.waitForDiagnostics(uri, (p) => p.version === v, 60_000));
    await diagnosticsOf(1);
    await sleep(SETTLE_MS);
    const rssReadyMiB = rssMiB(pid);

    const times: number[] = [];
    const sources = new Set<string>();
    let withDiagnostics = 0;
    let current = text;
    let version = 1;
    for (const e of edits) {
      const v = ++version;
      current = applyEdit(current, e);
      const k0 = performance.now();
      client.change(uri, v, [{ range: e.range, text: e.text }]);
      const ds = await diagnosticsOf(v);
      times.push(performance.now() - k0);
      if (ds.length) withDiagnostics++;
      for (const d of ds) if (d.source) sources.add(d.source);
    }

    let saveToClippyMs: number[] | undefined;
    let saveToCheckEndMs: number[] | undefined;
    if (options.command) {
      saveToClippyMs = [];
      saveToCheckEndMs = [];
      for (let i = 0; i < SAVES; i++) {
        // A real edit each time (as the clippy comparison makes), saved, so that nothing is served from cache.
        const added = `\n#[allow(dead_code)]\nfn bench_edit_${i}(v: Option<u32>) -> u32 {\n    v.unwrap() + ${i}\n}\n`;
        const end = { line: lineCount(current), character: 0 };
        const v = ++version;
        client.change(uri, v, [{ range: { start: end, end }, text: added }]);
        current += added;
        await diagnosticsOf(v);
        fs.writeFileSync(crate.file, current);
        const from = ended.length;
        const s0 = performance.now();
        // rust-analyzer takes the last check's findings back when the new check starts, then publishes its own.
        let cleared = false;
        const clippyShown = client
          .waitForDiagnostics(uri, (p) => {
            const clippy = p.diagnostics.some((d) => d.source === 'clippy');
            cleared ||= !clippy;
            return cleared && clippy;
          }, 120_000)
          .then(() => performance.now() - s0);
        void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
        await until(() => checked(from), 'check after a save', 120_000);
        saveToCheckEndMs.push(round(ended[ended.length - 1].at - s0, 1));
        saveToClippyMs.push(round(await clippyShown, 1));
      }
      fs.writeFileSync(crate.file, text);
    }
    await sleep(SETTLE_MS);
    return { server: name, readyMs, rssReadyMiB, keystrokes: latency(times), publishedWhileTyping: { withDiagnostics, sources: [...sources].sort() }, saveToClippyMs, saveToCheckEndMs, rssAfterMiB: rssMiB(pid) };
  } finally {
    await client.stop();
  }
}
