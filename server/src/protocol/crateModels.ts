import * as path from 'path';
import { URI } from 'vscode-uri';
import type { ParserSource } from '../analysis/parsing';
import { CrateIndex } from '../crate/crateIndex';
import { DiskReader } from '../crate/diskReader';
import type { CrateReader } from '../crate/manifest';
import type { CrateFacts } from '../analysis/crateFacts';
import type { CrateModel } from '../crate/model';
import { fsPath } from '../documents/documentStore';
import type { CrateModelHooks, CrateModelHost, CrateModelProgress } from './platform';

/** How long edits of an open file wait before the crate model takes them in: typing a name changes it at every key. */
const EDIT_SETTLE_MS = 400;
/** While documents are opened or edited closer than this, the build yields to them between its slices... */
const TYPING_MS = 1000;
/**
 * ...in steps of this long, for as long as they keep coming, up to the length of the slice before:
 * the editor's messages and the build share the time, and a burst of them (a restored session's
 * opens) is taken in before the build goes on.
 */
const TYPING_GAP_MS = 4;

/**
 * The server's crate models: built in the background for the package of each opened document,
 * from the disk and the open documents' texts, and rebuilt when a watched file or an open document
 * changes. `onChange` hears when a rebuild finished, so the documents whose facts differ are
 * analysed and published again. A document is analysed at once without its model meanwhile, as a
 * loose file would be.
 */
export class CrateModels implements CrateModelHost {
  private readonly disk = new DiskReader();
  private readonly index: CrateIndex;
  /** Packages (by manifest) waiting for a build, in order. */
  private readonly queue = new Set<string>();
  private running = false;
  /** The package being built now. */
  private building: string | undefined;
  private settle: NodeJS.Timeout | undefined;
  /** Packages whose build gave no model: not queued again on request until a file changes. */
  private readonly unbuildable = new Set<string>();
  /** Edited open files, taken in when the edits settle. */
  private readonly edited = new Set<string>();
  /** When a document was last opened or edited (ms since the epoch), and how many times. */
  private lastActivity = 0;
  private activity = 0;
  /** When the build's current slice began. */
  private resumed = 0;

  private readonly onChange: () => void;
  private readonly log: (message: string) => void;
  private readonly progress: CrateModelHooks['progress'];

  constructor(parsers: ParserSource, hooks: CrateModelHooks) {
    this.onChange = () => hooks.onChange();
    this.log = (message) => hooks.log(message);
    this.progress = (title) => hooks.progress(title);
    const reader: CrateReader = {
      readFile: (file) => hooks.openText(URI.file(file).toString()) ?? this.disk.readFile(file),
      listDir: (dir) => this.disk.listDir(dir),
    };
    this.index = new CrateIndex(reader, parsers);
  }

  factsFor(uri: string): CrateFacts | undefined {
    const file = fsPath(uri);
    return file ? this.index.factsFor(file) : undefined;
  }

  packageModel(manifest: string): CrateModel | undefined {
    const model = this.index.modelOf(manifest);
    if (!model && !this.unbuildable.has(manifest) && this.building !== manifest && this.index.packageOf(manifest) === manifest) this.enqueue(manifest);
    return model;
  }

  /** The document's package is being modelled for the first time: its findings are about to change. */
  firstBuildPending(uri: string): boolean {
    const file = fsPath(uri);
    const manifest = file && this.index.packageOf(file);
    return !!manifest && !this.index.modelOf(file) && (this.queue.has(manifest) || this.building === manifest);
  }

  /** A document opened: its package's model is built, if it is not yet. */
  opened(uri: string): void {
    this.active();
    const file = fsPath(uri);
    const manifest = file && this.index.packageOf(file);
    if (manifest && !this.index.modelOf(file)) this.enqueue(manifest);
  }

  /** An open document was edited (or closed: its disk text counts again). */
  documentChanged(uri: string): void {
    const file = fsPath(uri);
    if (!file) return;
    this.active();
    this.edited.add(file);
    clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      for (const f of this.edited) for (const manifest of this.index.changed(f)) this.enqueue(manifest);
      this.edited.clear();
    }, EDIT_SETTLE_MS);
  }

  /** Files changed on disk (`workspace/didChangeWatchedFiles`). */
  filesChanged(uris: readonly string[]): void {
    for (const uri of uris) {
      const file = fsPath(uri);
      if (!file) continue;
      this.disk.forget(file);
      this.unbuildable.clear();
      for (const manifest of this.index.changed(file)) this.enqueue(manifest);
    }
  }

  private enqueue(file: string): void {
    this.queue.add(file);
    if (!this.running) void this.run();
  }

  /**
   * Builds the queued packages one after the other, yielding to the message loop as it goes. A
   * package modelled for the first time shows a progress until the queue is empty (its findings may
   * change meanwhile); the rebuilds that follow edits and saves are quick and frequent, and show none.
   */
  private async run(): Promise<void> {
    this.running = true;
    let progress: CrateModelProgress | undefined;
    try {
      // The edit, save or opening that asked for the build is handled and published first.
      this.resumed = Date.now();
      await this.pause();
      while (this.queue.size) {
        const [file] = this.queue;
        this.queue.delete(file);
        this.building = file;
        const started = Date.now();
        const name = path.basename(path.dirname(file));
        if (!this.index.isBuilt(file)) {
          progress ??= this.progress('Rust Patterns: crate models');
          progress.report(name);
        }
        try {
          const model = await this.index.build(file, (read) => {
            progress?.report(`${name}: ${read} files read`);
            return this.pause();
          });
          if (model) this.log(`Crate model of ${model.name}: ${model.files.size} files in ${Date.now() - started} ms`);
          else this.unbuildable.add(file);
        } catch (error) {
          this.unbuildable.add(file);
          this.log(`Could not build the crate model for ${file}: ${error instanceof Error ? error.message : error}`);
        }
        this.building = undefined;
        this.onChange();
      }
    } finally {
      this.running = false;
      this.building = undefined;
      progress?.done();
    }
  }

  private active(): void {
    this.lastActivity = Date.now();
    this.activity++;
  }

  /** Hands control back to the message loop: at once, or while documents are opened and edited, as TYPING_GAP_MS says. */
  private async pause(): Promise<void> {
    const until = Date.now() + Math.max(TYPING_GAP_MS, Date.now() - this.resumed);
    for (;;) {
      const seen = this.activity;
      const typing = Date.now() - this.lastActivity < TYPING_MS;
      await new Promise((resolve) => (typing ? setTimeout(resolve, TYPING_GAP_MS) : setImmediate(resolve)));
      if (!typing || this.activity === seen || Date.now() >= until) break;
    }
    this.resumed = Date.now();
  }
}
