import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspClient } from '../test/support/lspClient';
import { rustFiles } from '../test/support/rustFiles';
import { REGISTRY, ROOT, lineCount } from './corpus';
import { freshUri } from './keystroke';
import { SETTLE_MS, rssMiB } from './memory';
import { type Latency, latency, median, medianLatency, round, sleep } from './stats';
import type { PreparedEdit } from './typing';

/** A workspace the server models: its packages are those with a Cargo.toml `[package]` and a root file. */
export interface Workspace {
  name: string;
  root: string;
  /** Why it is not measured here (a corpus that is not checked out). */
  missing?: string;
}

export interface CrateModelResult {
  workspace: string;
  root: string;
  skipped?: string;
  /** Packages whose root file is opened, one document each, as a restored editor session would. */
  packages: number;
  /** `.rs` files and their lines under the root, and the files the models hold (from the server's log). */
  rsFiles: number;
  lines: number;
  modelFiles: number;
  /** The loose document typed into meanwhile (in no package: its own publications are never held). */
  typed: string;
  /** The package roots opened → the progress's end (every model built); one per repeat. */
  readyMs: number[];
  /** RSS after start-up and a typing session, then once the models are built (each after SETTLE_MS). */
  rssMiB: { before: number[]; after: number[] };
  /** Keystroke → its publication: before the package roots are opened, while they are modelled, after. */
  keystrokes: { before: Latency; indexing: Latency; after: Latency };
  /** A package root is saved every `saveEvery` keystrokes while modelling, and `savesAfter` times after. */
  saveEvery: number;
  savesAfter: number;
  /** The keystroke right after a save of a package root (`didChangeWatchedFiles`), while modelling and after. */
  afterSave: { indexing: Latency; after: Latency };
  /** A save, after modelling → the package's model rebuilt (the server's log line). */
  rebuildMs: Latency;
}

const SAVE_EVERY = 10;
const SAVES_AFTER = 10;

/** Debian's tokio: one package of about 100k lines (its tests and benches are targets too). */
export function tokioWorkspace(): Workspace {
  const dirs = fs.existsSync(REGISTRY) ? fs.readdirSync(REGISTRY).filter((d) => /^tokio-\d/.test(d)).sort() : [];
  const dir = dirs[dirs.length - 1];
  return dir ? { name: dir, root: path.join(REGISTRY, dir) } : { name: 'tokio', root: '', missing: `no ${REGISTRY}/tokio-*: apt-get install librust-tokio-dev` };
}

/**
 * A real service of about 75k lines in a Cargo workspace of many packages: LemmyNet/lemmy, pinned in
 * the precision corpora. It is not in Debian; where it is not checked out, this part says so and skips.
 */
export function serviceWorkspace(repo = 'LemmyNet/lemmy'): Workspace {
  const corpora = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/rules/precision/corpora/services-extra.json'), 'utf8')) as { root: string; repositories: { repo: string; commit: string }[] };
  const pinned = corpora.repositories.find((r) => r.repo === repo);
  const root = path.join(corpora.root, repo.replace('/', '+'));
  if (!pinned || !fs.existsSync(path.join(root, 'Cargo.toml'))) {
    return { name: repo, root, missing: `${repo} is not checked out at ${root} (node scripts/corpus-sample.mjs --corpus services-extra --checkout, from a fetched mirror)` };
  }
  return { name: `${repo}@${pinned.commit.slice(0, 7)}`, root };
}

/** One root file per package of the workspace: `src/lib.rs`, else `src/main.rs`. */
function packageRoots(root: string): string[] {
  const roots: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'target') visit(path.join(dir, e.name));
    }
    const manifest = path.join(dir, 'Cargo.toml');
    if (!fs.existsSync(manifest) || !/^\[package\]/m.test(fs.readFileSync(manifest, 'utf8'))) return;
    const entry = ['src/lib.rs', 'src/main.rs'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (entry) roots.push(entry);
  };
  visit(root);
  return roots.sort();
}

/** Types a session's edits into one open document, over and over: the session leaves the text as it found it. */
class Typist {
  private next = 0;
  private version = 1;

  constructor(
    private readonly client: LspClient,
    private readonly uri: string,
    private readonly edits: readonly PreparedEdit[],
  ) {}

  /** One keystroke: `didChange` sent → the publication of that version received, in ms. */
  async key(): Promise<number> {
    const e = this.edits[this.next];
    this.next = (this.next + 1) % this.edits.length;
    const v = ++this.version;
    const t0 = performance.now();
    this.client.change(this.uri, v, [{ range: e.range, text: e.text }]);
    await this.client.waitForDiagnostics(this.uri, (p) => p.version === v, 60_000);
    return performance.now() - t0;
  }
}

const CAPABILITIES = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
  window: { workDoneProgress: true },
};

interface Repeat {
  readyMs: number;
  before: number[];
  indexing: number[];
  after: number[];
  saveIndexing: number[];
  saveAfter: number[];
  rebuildMs: number[];
  rssBefore: number;
  rssAfter: number;
  modelFiles: number;
}

/**
 * A fresh server with the workspace as its folder. A loose document (`typed`, in no package) is
 * opened and typed into for a session; then every package's root file is opened, which has the
 * server model each package in the background, while the typing goes on with a save of a package
 * root every SAVE_EVERY keystrokes; once the progress ends (every model built), the typing goes on
 * for a session, and SAVES_AFTER saves are each timed to the rebuilt model.
 */
async function oneRun(ws: Workspace, roots: string[], typed: { file: string; text: string; edits: readonly PreparedEdit[] }): Promise<Repeat> {
  const client = await LspClient.start({ rootUri: pathToFileURL(ws.root).href, capabilities: CAPABILITIES });
  const pid = client.process.pid!;
  try {
    const uri = freshUri(typed.file);
    client.open(uri, typed.text, 1);
    await client.diagnostics(uri, 1, 60_000);
    const typist = new Typist(client, uri, typed.edits);
    for (const _ of typed.edits) await typist.key(); // warm-up, untimed
    const before: number[] = [];
    for (const _ of typed.edits) before.push(await typist.key());
    await sleep(SETTLE_MS);
    const rssBefore = rssMiB(pid);

    let ended = false;
    const ready = client.waitForProgress((p) => p.kind === 'end', 600_000).then(() => (ended = true));
    const saved = pathToFileURL(roots[0]).href;
    const save = () => void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: saved, type: 2 }] });
    const t0 = performance.now();
    for (const file of roots) client.open(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'), 1);
    const indexing: number[] = [];
    const saveIndexing: number[] = [];
    for (let i = 1; !ended; i++) {
      if (i % SAVE_EVERY) {
        indexing.push(await typist.key());
        continue;
      }
      save();
      saveIndexing.push(await typist.key());
    }
    await ready;
    const readyMs = performance.now() - t0;
    await sleep(SETTLE_MS);
    const rssAfter = rssMiB(pid);
    const modelFiles = modelledFiles(client.logs);

    const after: number[] = [];
    for (const _ of typed.edits) after.push(await typist.key());
    const saveAfter: number[] = [];
    const rebuildMs: number[] = [];
    for (let i = 0; i < SAVES_AFTER; i++) {
      const logs = client.logs.length;
      const s0 = performance.now();
      save();
      saveAfter.push(await typist.key());
      for (const end = Date.now() + 60_000; !client.logs.slice(logs).some((l) => l.startsWith('Crate model of ')); await sleep(1)) {
        if (Date.now() > end) throw new Error(`no rebuilt model within 60 s of saving ${saved}: ${client.logs.slice(logs).join('; ')}`);
      }
      rebuildMs.push(performance.now() - s0);
      for (let k = 0; k < 5; k++) await typist.key();
    }
    return { readyMs, before, indexing, after, saveIndexing, saveAfter, rebuildMs, rssBefore, rssAfter, modelFiles };
  } finally {
    await client.stop();
  }
}

/** The files the built models hold, from the server's log lines (the last line per package counts). */
function modelledFiles(logs: readonly string[]): number {
  const byPackage = new Map<string, number>();
  for (const l of logs) {
    const m = /^Crate model of (\S+): (\d+) files in/.exec(l);
    if (m) byPackage.set(m[1], Number(m[2]));
  }
  return [...byPackage.values()].reduce((a, b) => a + b, 0);
}

export async function crateModelRun(ws: Workspace, typed: { file: string; text: string; edits: readonly PreparedEdit[] }, repeats: number, log: (s: string) => void): Promise<CrateModelResult> {
  const empty = { before: latency([]), indexing: latency([]), after: latency([]) };
  const base = { workspace: ws.name, root: ws.root, saveEvery: SAVE_EVERY, savesAfter: SAVES_AFTER, packages: 0, rsFiles: 0, lines: 0, modelFiles: 0, typed: typed.file, readyMs: [], rssMiB: { before: [], after: [] }, keystrokes: empty, afterSave: { indexing: latency([]), after: latency([]) }, rebuildMs: latency([]) };
  if (ws.missing) {
    log(`crate model: ${ws.name} skipped: ${ws.missing}`);
    return { ...base, skipped: ws.missing };
  }
  const roots = packageRoots(ws.root);
  const files = rustFiles(ws.root);
  let lines = 0;
  for (const f of files) lines += lineCount(fs.readFileSync(f, 'utf8'));
  const runs: Repeat[] = [];
  for (let r = 0; r < repeats; r++) {
    log(`crate model: ${ws.name} (${roots.length} packages, ${lines} lines), repeat ${r + 1}/${repeats}`);
    runs.push(await oneRun(ws, roots, typed));
  }
  const fold = (pick: (r: Repeat) => number[]) => medianLatency(runs.map((r) => latency(pick(r))));
  return {
    ...base,
    packages: roots.length,
    rsFiles: files.length,
    lines,
    modelFiles: median(runs.map((r) => r.modelFiles)),
    readyMs: runs.map((r) => round(r.readyMs, 1)),
    rssMiB: { before: runs.map((r) => round(r.rssBefore, 1)), after: runs.map((r) => round(r.rssAfter, 1)) },
    keystrokes: { before: fold((r) => r.before), indexing: fold((r) => r.indexing), after: fold((r) => r.after) },
    afterSave: { indexing: fold((r) => r.saveIndexing), after: fold((r) => r.saveAfter) },
    rebuildMs: fold((r) => r.rebuildMs),
  };
}
