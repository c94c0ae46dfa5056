import * as fs from 'fs';
import type { CrateModelResult } from './crateModel';
import type { HostileResult } from './hostile';
import type { RustAnalyzerResult } from './rustAnalyzer';
import type { HotFunction } from './profile';
import type { MemoryResult } from './memory';
import { type Latency, median, round } from './stats';
import type { Throughput } from './throughput';
import { type WebResult, warmMedian } from './web';

export interface FileResult {
  label: string;
  file: string;
  lines: number;
  edits: number;
  /** The typing session with brackets and quotes auto-closed, as VS Code types them. */
  server: Latency;
  floor: Latency;
  /** The same session with every bracket typed unclosed until its closer is typed (Neovim, Helix, pastes). */
  unclosed?: { edits: number; server: Latency; floor: Latency };
  naive: Latency & { every: number };
  openMs: { median: number; first: number; samples: number[] };
}

export interface Target {
  name: string;
  measured: string;
  target: string;
  met: boolean;
}

export interface Results {
  date: string;
  /** The 1-minute load average at start and end: on a shared machine it says how far to trust absolute times. */
  machine: { cpus: number; node: string; rules: number; server: string; loadAverage: { start: number; end: number } };
  repeats: number;
  seconds: number;
  files: FileResult[];
  memory?: MemoryResult;
  crateModels?: CrateModelResult[];
  rustAnalyzer?: RustAnalyzerResult | { skipped: string };
  throughput: { corpus: string; files: number; lines: number; runs: Throughput[] };
  clippy?: { crate: string; file: string; lines: number; clippySeconds: number[]; clippyMedianMs: number; ourOpenMedianMs: number; ratio: number; warnings: number } | { skipped: string };
  profiles: { title: string; hottest: HotFunction[]; heaviest: HotFunction[] }[];
  web?: WebResult;
  hostile?: HostileResult[];
  targets: Target[];
}

/**
 * "No regression" on a shared machine: in the same server, the p99 of the session typed before the
 * models were built and of the one typed after differed by 0.84–1.51× (seven quick runs, load 7–12).
 */
const CRATE_MODEL_P99_LIMIT = 1.5;

const ms = (n: number) => `${round(n, n < 10 ? 2 : 1)}`;
const x = (n: number) => `${round(n, 2)}×`;

export function targets(r: Results): Target[] {
  const out: Target[] = [];
  for (const f of r.files.filter((f) => f.label !== '~1k')) {
    // The 56k file's reparse is itself slow and noisy; the issue allows it twice the floor.
    const limit = f.label === '~56k' ? 2 : 1.5;
    for (const [style, s] of [['brackets auto-closed', f], ['brackets unclosed', f.unclosed]] as const) {
      if (!s) continue;
      const ratio = s.server.p99 / s.floor.p99;
      out.push({ name: `keystroke p99 (${f.label}, ${style}) vs bare reparse p99`, measured: `${ms(s.server.p99)} ms / ${ms(s.floor.p99)} ms = ${x(ratio)}`, target: `≤ ${limit}×`, met: ratio <= limit });
    }
  }
  const four = r.files.find((f) => f.label === '~4k');
  if (four) {
    out.push({ name: 'keystroke p99 (~4k)', measured: `${ms(four.server.p99)} ms`, target: '< 10 ms', met: four.server.p99 < 10 });
    out.push({ name: 'open (~4k)', measured: `${ms(four.openMs.median)} ms`, target: '< 50 ms', met: four.openMs.median < 50 });
  }
  const huge = r.files.find((f) => f.label === '~56k');
  if (huge) out.push({ name: 'open (~56k)', measured: `${ms(huge.openMs.median)} ms`, target: '< 1000 ms', met: huge.openMs.median < 1000 });
  if (r.memory) {
    // Each window's highest RSS rides V8's garbage saw (30-60 MB here): one high early window would
    // decide a first-versus-maximum check. A leak lifts the later windows, so compare halves.
    const s = r.memory.edits.samplesMiB;
    const half = Math.floor(s.length / 2);
    const early = Math.max(...s.slice(0, half));
    const late = Math.max(...s.slice(half));
    const growth = late / early - 1;
    out.push({ name: `RSS across ${r.memory.edits.total} edits (highest of the last ${s.length - half} windows of ${r.memory.edits.every} vs the first ${half})`, measured: `${round(early, 1)} → ${round(late, 1)} MiB (${round(100 * growth, 1)}%)`, target: '≤ +10%', met: growth <= 0.1 });
    const back = r.memory.afterClosingMiB / r.memory.baselineMiB - 1;
    out.push({ name: `RSS after closing ${r.memory.openedFiles} files vs baseline`, measured: `${round(r.memory.baselineMiB, 1)} → ${round(r.memory.afterOpeningMiB, 1)} → ${round(r.memory.afterClosingMiB, 1)} MiB (${round(100 * back, 1)}%)`, target: '≤ +10%', met: back <= 0.1 });
  }
  for (const c of r.crateModels ?? []) {
    if (c.skipped || !c.keystrokes.indexing.samples) continue;
    // The models are built in slices between messages; a keystroke must not wait behind them.
    const ratio = c.keystrokes.indexing.p99 / c.keystrokes.before.p99;
    out.push({ name: `keystroke p99 while the crate models of ${c.workspace} are built vs before`, measured: `${ms(c.keystrokes.indexing.p99)} ms / ${ms(c.keystrokes.before.p99)} ms = ${x(ratio)}`, target: `≤ ${CRATE_MODEL_P99_LIMIT}×`, met: ratio <= CRATE_MODEL_P99_LIMIT });
  }
  const [filling, cached] = r.throughput.runs.filter((t) => t.tool.includes(', cache '));
  if (filling && cached) {
    const ratio = cached.seconds / filling.seconds;
    out.push({ name: 'CLI re-run over an unchanged tree vs the run that filled the cache', measured: `${round(cached.seconds, 2)} s / ${round(filling.seconds, 2)} s = ${round(100 * ratio, 1)}%`, target: '< 10%', met: ratio < 0.1 });
  }
  for (const threads of [...new Set(r.throughput.runs.map((t) => t.threads))]) {
    const ours = r.throughput.runs.find((t) => t.threads === threads && t.tool === 'rust-patterns check (CLI)');
    const theirs = r.throughput.runs.find((t) => t.threads === threads && t.tool.startsWith('ast-grep'));
    if (!ours || !theirs) continue;
    const ratio = ours.linesPerSecond / theirs.linesPerSecond;
    out.push({ name: `throughput, ${threads} thread(s), vs ast-grep`, measured: `${Math.round(ours.linesPerSecond)} / ${Math.round(theirs.linesPerSecond)} lines/s = ${x(ratio)}`, target: '≥ 0.5×', met: ratio >= 0.5 });
  }
  return out;
}

export function markdown(r: Results): string {
  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(`Run ${r.date} · ${r.machine.cpus} CPUs, load average ${round(r.machine.loadAverage.start, 1)} at the start and ${round(r.machine.loadAverage.end, 1)} at the end · node ${r.machine.node} · ${r.machine.rules} rules in the catalog · ${r.repeats} repeats · ${Math.round(r.seconds)} s in all. Raw numbers: \`bench/results.json\`.`, '');
  lines.push('### Targets', '');
  row(['', 'measured', 'target', '']);
  row(['---', '---', '---', '---']);
  for (const t of r.targets) row([t.name, t.measured, t.target, t.met ? 'met' : '**missed**']);
  lines.push('', '### Keystroke → diagnostics (ms; median over repeats of each percentile)', '');
  lines.push('Server: `didChange` sent → `publishDiagnostics` of that version received, over JSON-RPC (stdio) against `dist/server.js`. Floor: web-tree-sitter `tree.edit` + incremental `parse` of the same edits in-process. Naive: full parse + full analysis (`Engine.lint`) every n-th edit. Brackets: auto-closed and typed over as VS Code does, or typed unclosed until their closer is typed (Neovim, Helix), which makes tree-sitter restructure the rest of the file on every unbalanced bracket.', '');
  row(['file', 'lines', 'brackets', 'edits', 'server p50', 'p95', 'p99', 'floor p50', 'p95', 'p99', 'server/floor p99', 'naive p50', 'p99 (every n-th edit)']);
  row(['---', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
  for (const f of r.files) {
    row([`${f.label} \`${short(f.file)}\``, f.lines, 'auto-closed', f.edits, ms(f.server.p50), ms(f.server.p95), ms(f.server.p99), ms(f.floor.p50), ms(f.floor.p95), ms(f.floor.p99), x(f.server.p99 / f.floor.p99), ms(f.naive.p50), `${ms(f.naive.p99)} (n=${f.naive.every})`]);
    const u = f.unclosed;
    if (u) row([`${f.label} \`${short(f.file)}\``, f.lines, 'unclosed', u.edits, ms(u.server.p50), ms(u.server.p95), ms(u.server.p99), ms(u.floor.p50), ms(u.floor.p95), ms(u.floor.p99), x(u.server.p99 / u.floor.p99), '', '']);
  }
  lines.push('', '### Open: `didOpen` → first diagnostics (ms)', '');
  row(['file', 'lines', 'median', 'first open (cold JIT)', 'samples']);
  row(['---', '---:', '---:', '---:', '---:']);
  for (const f of r.files) row([`${f.label} \`${short(f.file)}\``, f.lines, ms(f.openMs.median), ms(f.openMs.first), f.openMs.samples.length]);
  if (r.memory) {
    const m = r.memory;
    lines.push('', '### Server memory (RSS from /proc/<pid>/status, MiB)', '');
    row(['baseline', `after opening ${m.openedFiles} files`, 'after closing them', `during ${m.edits.total} edits of \`${short(m.edits.file)}\` (every ${m.edits.every})`]);
    row(['---:', '---:', '---:', '---']);
    row([round(m.baselineMiB, 1), round(m.afterOpeningMiB, 1), round(m.afterClosingMiB, 1), `highest per window: ${m.edits.samplesMiB.map((s) => round(s, 1)).join(', ')}; lowest: ${m.edits.lowsMiB.map((s) => round(s, 1)).join(', ')}`]);
  }
  if (r.crateModels?.length) crateModelTable(r.crateModels, row, lines);
  lines.push('', `### Throughput over the crate corpus (${r.throughput.files} files, ${r.throughput.lines} lines, \`${r.throughput.corpus}\`)`, '');
  row(['tool', 'threads', 'seconds', 'lines/s', 'findings / matches']);
  row(['---', '---:', '---:', '---:', '---:']);
  for (const t of r.throughput.runs) row([t.tool, t.threads, round(t.seconds, 2), Math.round(t.linesPerSecond), t.findings]);
  if (r.hostile?.length) {
    lines.push('', '### Hostile documents (the robustness tests\' cases, in-process; ms, median over repeats)', '');
    lines.push('Open: a document analysed from scratch (parse included), beside tree-sitter\'s parse of the same text. Edit: one character typed in the middle and analysed, beside tree-sitter\'s incremental reparse. The ratios are what a slowdown moves.', '');
    row(['document', 'characters', 'open', 'parse', 'open/parse', 'edit', 'reparse', 'edit/reparse']);
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
    for (const h of r.hostile) row([h.skipped ? `${h.name} (skipped: ${h.skipped})` : h.name, h.chars, ms(h.openMs), ms(h.parseMs), x(h.openMs / h.parseMs), ms(h.editMs), ms(h.reparseMs), x(h.editMs / h.reparseMs)]);
  }
  lines.push('', '### Against clippy', '');
  if (r.clippy && 'crate' in r.clippy) {
    const c = r.clippy;
    lines.push(`\`cargo clippy\` on \`${c.crate}\` (Debian's sources, offline), after an edit to \`src/lib.rs\` (${c.lines} lines): median ${ms(c.clippyMedianMs)} ms (${c.clippySeconds.map((s) => Math.round(s * 1000)).join(', ')} ms; ${c.warnings} warnings). Our open of the same file: median ${ms(c.ourOpenMedianMs)} ms, ${x(c.ratio)} faster.`);
  } else lines.push(`Skipped: ${r.clippy?.skipped ?? 'not run'}.`);
  if (r.rustAnalyzer) rustAnalyzerTable(r.rustAnalyzer, row, lines);
  if (r.web) {
    const w = r.web;
    const kib = (n: number) => `${round(n / 1024, 1)} KiB`;
    lines.push('', '### Web build (vscode.dev, github.dev)', '');
    lines.push(`What a browser downloads, gzipped: ${Object.entries(w.gzip).map(([f, n]) => `\`${f}\` ${kib(n)}`).join(', ')}; **${kib(w.gzipTotal)}** in all. Activation in chromium, the production server in a Web Worker on a page serving \`dist/\`: \`new Worker\` → \`initialize\` answered (wasm fetched and compiled) median **${ms(warmMedian(w.initializeMs))} ms** (first ${ms(w.initializeMs[0])} ms); → first diagnostics of \`${short(w.file)}\` (${w.lines} lines) median **${ms(warmMedian(w.firstDiagnosticsMs))} ms** (first ${ms(w.firstDiagnosticsMs[0])} ms); ${w.initializeMs.length} runs, the first left out of the medians.`);
  }
  if (r.profiles.length) {
    lines.push('', '### Where the time goes (`node --cpu-prof`; % of busy samples, idle excluded)', '');
    for (const p of r.profiles) {
      lines.push(`${p.title}: by total time (the function and what it calls), then by self time.`, '');
      row(['total %', 'function', 'where', '', 'self %', 'function', 'where']);
      row(['---:', '---', '---', '', '---:', '---', '---']);
      for (let i = 0; i < Math.max(p.heaviest.length, p.hottest.length); i++) {
        const t = p.heaviest[i];
        const h = p.hottest[i];
        row([t ? round(t.percent, 1) : '', t ? `\`${t.name}\`` : '', t?.where ?? '', '', h ? round(h.percent, 1) : '', h ? `\`${h.name}\`` : '', h?.where ?? '']);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}

function crateModelTable(runs: readonly CrateModelResult[], row: (cells: (string | number)[]) => void, lines: string[]): void {
  lines.push('', '### Crate model: a workspace modelled in the background (ms; median over repeats)', '');
  lines.push(`A fresh server per repeat, with the workspace as its folder, over JSON-RPC. One document in no package (\`${short(runs[0].typed)}\`) is typed into for a session, then the root file of every package is opened (as a restored editor session would): the server models each package in the background while the typing goes on, with a save (\`didChangeWatchedFiles\`) of a package root every ${runs[0].saveEvery} keystrokes. Ready: the opens → the end of the server's progress. RSS after 10 s of quiet, before the opens and once ready. After: a session without saves, then ${runs[0].savesAfter} saves each timed to the rebuilt model.`, '');
  row(['workspace', 'packages', '.rs files / lines', 'files modelled', 'ready', 'RSS before → after (MiB)', 'keystroke p50 / p99: before', 'while modelling', 'after', 'keystroke after a save: while modelling', 'after', 'save → model rebuilt p50 / p99']);
  row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
  const pair = (l: Latency) => (l.samples ? `${ms(l.p50)} / ${ms(l.p99)} (${l.samples})` : 'none');
  for (const c of runs) {
    if (c.skipped) {
      row([c.workspace, '', '', '', '', '', `skipped: ${c.skipped}`, '', '', '', '', '']);
      continue;
    }
    row([`\`${short(c.root)}\`` + (c.workspace.includes('@') ? ` (${c.workspace})` : ''), c.packages, `${c.rsFiles} / ${c.lines}`, c.modelFiles, ms(median(c.readyMs)), `${round(median(c.rssMiB.before), 1)} → ${round(median(c.rssMiB.after), 1)}`, pair(c.keystrokes.before), pair(c.keystrokes.indexing), pair(c.keystrokes.after), pair(c.afterSave.indexing), pair(c.afterSave.after), `${ms(c.rebuildMs.p50)} / ${ms(c.rebuildMs.p99)}`]);
  }
}

function rustAnalyzerTable(r: RustAnalyzerResult | { skipped: string }, row: (cells: (string | number)[]) => void, lines: string[]): void {
  lines.push('', '### Against rust-analyzer (clippy as its check command)', '');
  if ('skipped' in r) {
    lines.push(`Skipped: ${r.skipped}.`);
    return;
  }
  lines.push(`Each server fresh, with \`${r.crate}\` (Debian's sources, offline, as for clippy above) as its folder, over JSON-RPC; ready, then the same typing session in \`${r.file}\` (${r.lines} lines, ${r.edits} edits, brackets auto-closed), each keystroke timed to its version's diagnostics: ours published, rust-analyzer's pulled (\`textDocument/diagnostic\`; it publishes a version only when its diagnostics changed). rust-analyzer then saves an edit ${r.sides[0].saveToClippyMs?.length ?? 0} times, each timed to clippy's findings shown again and to the check's end. RSS after 10 s of quiet.`, '');
  row(['server', 'ready (ms)', 'RSS ready (MiB)', 'keystroke p50', 'p95', 'p99', 'publications with diagnostics while typing (sources)', 'save → clippy findings (ms)', 'save → check ended (ms)', 'RSS after typing (MiB)']);
  row(['---', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---:']);
  for (const s of r.sides) {
    const saves = (v?: number[]) => (v?.length ? `${ms(median(v))} (${v.map((n) => Math.round(n)).join(', ')})` : '');
    row([s.server, ms(s.readyMs), round(s.rssReadyMiB, 1), ms(s.keystrokes.p50), ms(s.keystrokes.p95), ms(s.keystrokes.p99), `${s.publishedWhileTyping.withDiagnostics} of ${s.keystrokes.samples} (${s.publishedWhileTyping.sources.join(', ') || 'none'})`, saves(s.saveToClippyMs), saves(s.saveToCheckEndMs), round(s.rssAfterMiB, 1)]);
  }
}

function short(file: string): string {
  return file.replace(/^\/usr\/src\/rustc-[^/]+\//, '').replace(/^\/usr\/share\/cargo\/registry\//, '');
}

const START = '<!-- bench:start (generated by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/** Replaces the generated part of BENCHMARKS.md, keeping the prose around it. */
export function writeBenchmarksMd(file: string, generated: string): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  const body = `${START}\n${generated}\n${END}`;
  fs.writeFileSync(file, a >= 0 && b > a ? current.slice(0, a) + body + current.slice(b + END.length) : `${current.trimEnd()}\n\n${body}\n`);
}
