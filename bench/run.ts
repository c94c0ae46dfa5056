// `npm run bench`: keystroke, open, memory, crate model, throughput and clippy comparisons, side by side in one
// run on real Rust from Debian. Writes bench/results.json and the tables in BENCHMARKS.md, prints the
// ratios against the targets. Flags: --repeats N (3), --quick (a smaller run for trying things out),
// --skip keystroke,hostile,memory,crate,throughput,clippy,rust-analyzer,profile,web, --no-install.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Engine } from '../server/src/analysis/engine';
import { createEngine, createParser } from '../server/src/analysis/parser';
import { ALL_RULES } from '../server/src/rules';
import { LspClient, SERVER } from '../test/support/lspClient';
import { type ClippyCrate, clippyAfterEdit, haveClippy, prepareClippyCrate } from './clippy';
import { REGISTRY, ROOT, ensureCorpus, lineCount, sizedFiles, spreadSample } from './corpus';
import { rustFiles } from '../test/support/rustFiles';
import { bareReparse, naiveReanalysis, openLatency, serverKeystrokes } from './keystroke';
import { webBuild } from './web';
import { crateModelRun, serviceWorkspace, tokioWorkspace } from './crateModel';
import { againstRustAnalyzer } from './rustAnalyzer';
import { memoryRun } from './memory';
import { hostileTimings } from './hostile';
import { type HotFunction, heaviest, hottest, newestProfile } from './profile';
import { type FileResult, type Results, markdown, targets, writeBenchmarksMd } from './report';
import { latency, median, medianLatency, round } from './stats';
import { type Throughput, astGrepThroughput, cliThroughput } from './throughput';
import { type PreparedEdit, prepare, typingSession } from './typing';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const quick = flag('quick');
const repeats = Number(option('repeats', quick ? '1' : '3'));
const skip = new Set(option('skip', '').split(',').filter(Boolean));
const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: node esbuild.config.mjs`);
  if (!flag('no-install')) ensureCorpus();
  const parser = await createParser();
  const engine = await createEngine(ALL_RULES);
  // One typing site in the ~56k file instead of three: its edits take long enough to keep the run to minutes.
  const session = (text: string, lines: number, autoClose: boolean) => prepare(text, typingSession(parser, text, lines > 20_000 ? 1 : 3, autoClose));
  const files = sizedFiles().map((f) => ({ ...f, edits: session(f.text, f.lines, true), unclosedEdits: session(f.text, f.lines, false) }));
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, rules: ALL_RULES.length, server: path.relative(ROOT, SERVER), loadAverage: { start: os.loadavg()[0], end: 0 } },
    repeats,
    seconds: 0,
    files: [],
    throughput: { corpus: REGISTRY, files: 0, lines: 0, runs: [] },
    profiles: [],
    targets: [],
  };

  if (!skip.has('keystroke')) results.files = await keystrokesAndOpens(files, parser, engine);
  if (!skip.has('hostile')) {
    log('hostile documents');
    results.hostile = hostileTimings(parser, repeats);
  }
  if (!skip.has('memory')) {
    log('memory: 200 files opened and closed, then 10,000 edits');
    const four = files.find((f) => f.label === '~4k')!;
    results.memory = await memoryRun(spreadSample(rustFiles(REGISTRY), 200), four, quick ? 2000 : 10_000, quick ? 250 : 1000);
  }
  if (!skip.has('crate')) {
    const four = files.find((f) => f.label === '~4k')!;
    results.crateModels = [];
    for (const ws of [tokioWorkspace(), serviceWorkspace()]) results.crateModels.push(await crateModelRun(ws, four, quick ? 1 : repeats, log));
  }
  if (!skip.has('throughput')) results.throughput = await throughput();
  if (!skip.has('clippy')) results.clippy = await againstClippy();
  if (!skip.has('rust-analyzer')) results.rustAnalyzer = await againstRustAnalyzer(parser, log);
  if (!skip.has('profile')) results.profiles = await profiles(files);
  if (!skip.has('web')) {
    log('web: the production web build in chromium');
    results.web = await webBuild(files.find((f) => f.label === '~1k')!.file, quick ? 3 : 7);
  }

  results.seconds = (performance.now() - started) / 1000;
  results.machine.loadAverage.end = os.loadavg()[0];
  results.targets = targets(results);
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeBenchmarksMd(path.join(ROOT, 'BENCHMARKS.md'), markdown(results));
  console.log('\nTargets (ratios are what count):');
  for (const t of results.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.measured} (target ${t.target})`);
  console.log(`\n${Math.round(results.seconds)} s; wrote bench/results.json and BENCHMARKS.md`);
}

/** A file with its typing session in both styles: brackets auto-closed (`edits`) and typed unclosed. */
type Session = ReturnType<typeof sizedFiles>[number] & { edits: PreparedEdit[]; unclosedEdits: PreparedEdit[] };

async function keystrokesAndOpens(files: Session[], parser: Awaited<ReturnType<typeof createParser>>, engine: Engine): Promise<FileResult[]> {
  const client = await LspClient.start();
  try {
    // Warm-up, untimed: JIT both sides on the smallest file.
    await serverKeystrokes(client, files[0].file, files[0].text, files[0].edits);
    bareReparse(parser, files[0].text, files[0].edits);
    const out: FileResult[] = [];
    const server = new Map<string, ReturnType<typeof latency>[]>();
    const floor = new Map<string, ReturnType<typeof latency>[]>();
    const add = (runs: Map<string, ReturnType<typeof latency>[]>, key: string, times: number[]) => runs.set(key, [...(runs.get(key) ?? []), latency(times)]);
    for (let r = 0; r < repeats; r++) {
      for (const f of files) {
        for (const [style, edits] of [['', f.edits], [' unclosed', f.unclosedEdits]] as const) {
          log(`keystrokes${style}: ${f.label} (${f.lines} lines, ${edits.length} edits), repeat ${r + 1}/${repeats}`);
          add(server, f.label + style, await serverKeystrokes(client, f.file, f.text, edits));
          add(floor, f.label + style, bareReparse(parser, f.text, edits));
        }
      }
    }
    for (const f of files) {
      // The naive baseline gets a time budget: on the largest file every edit would take minutes.
      const t0 = performance.now();
      engine.lint(f.text);
      const once = performance.now() - t0;
      const every = Math.max(1, Math.ceil((f.edits.length * once) / (quick ? 2000 : 6000)));
      log(`naive: ${f.label}, every ${every}th edit`);
      const naive = latency(naiveReanalysis(engine, f.text, f.edits, every));
      log(`open: ${f.label}`);
      const opens = await openLatency(client, f.file, f.text, quick ? 3 : 7);
      out.push({
        label: f.label,
        file: f.file,
        lines: f.lines,
        edits: f.edits.length,
        server: medianLatency(server.get(f.label)!),
        floor: medianLatency(floor.get(f.label)!),
        unclosed: { edits: f.unclosedEdits.length, server: medianLatency(server.get(`${f.label} unclosed`)!), floor: medianLatency(floor.get(`${f.label} unclosed`)!) },
        naive: { ...naive, every },
        openMs: { median: median(opens.slice(1)), first: opens[0], samples: opens.map((o) => round(o, 2)) },
      });
    }
    return out;
  } finally {
    await client.stop();
  }
}

async function throughput(): Promise<Results['throughput']> {
  let files = rustFiles(REGISTRY);
  if (quick) files = files.filter((_, i) => i % 8 === 0);
  let lines = 0;
  for (const f of files) lines += lineCount(fs.readFileSync(f, 'utf8'));
  const runs: Throughput[] = [];
  // Warm the page cache so neither tool pays for the first read of 100 MB.
  await astGrepThroughput(files, lines, 2);
  for (const threads of [1, 2]) {
    log(`throughput: ${threads} thread(s), ${files.length} files, ${lines} lines`);
    runs.push(await cliThroughput(files, lines, threads));
    runs.push(await astGrepThroughput(files, lines, threads));
  }
  // The result cache: a run that fills it, then one over the unchanged tree.
  const cacheDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-cache-')), 'cache');
  try {
    log('throughput: result cache, filled then read');
    runs.push(await cliThroughput(files, lines, 2, cacheDir));
    runs.push(await cliThroughput(files, lines, 2, cacheDir));
  } finally {
    fs.rmSync(path.dirname(cacheDir), { recursive: true, force: true });
  }
  for (const r of runs) if (r.errors.length) log(`${r.tool} errors: ${r.errors.slice(0, 5).join('; ')}`);
  return { corpus: REGISTRY, files: files.length, lines, runs };
}

async function againstClippy(): Promise<Results['clippy']> {
  if (!haveClippy()) return { skipped: 'cargo clippy is not installed' };
  log('clippy: glob-0.3.0');
  let crate: ClippyCrate | undefined;
  try {
    crate = prepareClippyCrate();
    const c = clippyAfterEdit(crate, quick ? 2 : 5);
    const text = fs.readFileSync(crate.file, 'utf8');
    const client = await LspClient.start();
    let opens: number[];
    try {
      opens = await openLatency(client, crate.file, text, quick ? 3 : 7);
    } finally {
      await client.stop();
    }
    const clippyMedianMs = median(c.seconds) * 1000;
    const ourOpenMedianMs = median(opens.slice(1));
    return { crate: crate.crate, file: 'src/lib.rs', lines: lineCount(text), clippySeconds: c.seconds.map((s) => round(s, 3)), clippyMedianMs, ourOpenMedianMs, ratio: clippyMedianMs / ourOpenMedianMs, warnings: c.warnings };
  } catch (e) {
    return { skipped: e instanceof Error ? e.message : String(e) };
  } finally {
    if (crate) fs.rmSync(crate.dir, { recursive: true, force: true });
  }
}

/** Where the time goes: a profiled server typing into the ~4k file and opening the ~56k one. */
async function profiles(files: Session[]): Promise<Results['profiles']> {
  const out: Results['profiles'] = [];
  for (const label of ['~4k', '~56k']) {
    const f = files.find((s) => s.label === label);
    if (!f) continue;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-prof-'));
    log(`profile: ${label}`);
    const client = await LspClient.start({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    try {
      if (label === '~4k') await serverKeystrokes(client, f.file, f.text, f.unclosedEdits);
      else await openLatency(client, f.file, f.text, 3);
    } finally {
      await client.stop();
    }
    const profile = newestProfile(dir);
    if (profile) out.push({ title: label === '~4k' ? `Server, typing session with unclosed brackets in the ~4k file (${f.unclosedEdits.length} edits)` : 'Server, opening the ~56k file 3 times', ...summary(profile) });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The CLI on one worker over a slice of the crate corpus; the worker thread's profile is the busy one.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-prof-'));
  log('profile: CLI');
  const slice = rustFiles(REGISTRY).filter((_, i) => i % 16 === 0);
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(ROOT, 'dist/cli.js'), 'check', '--jobs', '1', '--format', 'json', '--deny', 'none', ...slice], { stdio: 'ignore' });
  const biggest = fs.readdirSync(dir).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (biggest) out.push({ title: `CLI, one worker, ${slice.length} crate files`, ...summary(biggest) });
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

function summary(profile: string): { hottest: HotFunction[]; heaviest: HotFunction[] } {
  return { hottest: hottest(profile, 10), heaviest: heaviest(profile, 14, (url) => !url.startsWith('node:')) };
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
