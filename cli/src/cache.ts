import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { crateFactsKey } from '../../server/src/analysis/crateFacts';
import type { FileResult, Task } from './report/model';

/**
 * Results of earlier runs, so that CI re-checking an unchanged tree only reads and hashes it (as
 * ruff's `.ruff_cache` does). A result is found by a hash of everything it depends on: the file's
 * bytes, the path the test-code exemptions look at, the rules that run and the settings the fixes
 * read. What the tool itself is (its version and its code) names the directory the results live
 * in, so a new version starts from an empty cache and removes the old one. Severities are applied
 * after the cache, so changing one in the configuration does not re-analyse anything.
 */
export const DEFAULT_CACHE_DIR = '.rust-patterns-cache';

/** Entries no run has asked for in this long are dropped when the cache is written. */
const UNUSED_FOR_MS = 30 * 24 * 3600 * 1000;

const USE_GRANULARITY_MS = 24 * 3600 * 1000;

/** Schema of the stored file; a change of it is a change of the tool's code, which renames the directory anyway. */
interface Stored {
  entries: Record<string, { used: number; result: Omit<FileResult, 'file'> }>;
}

export class ResultCache {
  private readonly file: string;
  private readonly entries: Stored['entries'];
  /** The key of each file looked up in this run (a miss is stored under it once its result comes). */
  private readonly keys = new Map<string, string>();
  private readonly now = Date.now();
  private changed = false;

  private constructor(
    private readonly root: string,
    private readonly toolDir: string,
  ) {
    this.file = path.join(root, toolDir, 'results.json');
    this.entries = readStored(this.file)?.entries ?? {};
  }

  /** The cache under `dir` for the tool whose code is `script` (the CLI bundle the workers run too). */
  static open(dir: string, script: string, version: string): ResultCache {
    return new ResultCache(dir, `v${version}-${hash(fs.readFileSync(script)).slice(0, 16)}`);
  }

  /** The cached result of `task`, or undefined (then `store` takes the fresh one). Unreadable files are left to the worker to report. */
  lookup(task: Task): FileResult | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(task.file);
    } catch {
      return undefined;
    }
    // What the package says about the file, and what was read beside a Cargo.toml or Dockerfile, change its findings too.
    const settings = JSON.stringify([task.relativePath, task.ruleIds, task.timeoutSeconds, task.withFixes, crateFactsKey(task.crate), task.other ?? null]);
    const key = createHash('sha256').update(settings).update('\0').update(bytes).digest('hex');
    this.keys.set(task.file, key);
    const entry = this.entries[key];
    if (!entry) return undefined;
    // Marked as used at most once a day: a run that found everything in the cache leaves the file alone.
    if (this.now - entry.used > USE_GRANULARITY_MS) {
      entry.used = this.now;
      this.changed = true;
    }
    return { ...entry.result, file: task.file };
  }

  /** Keeps a fresh result. One that could not be checked (unreadable, a worker that died) is not kept. */
  store(result: FileResult): void {
    const key = this.keys.get(result.file);
    if (!key || result.problem) return;
    const { file: _file, ...rest } = result;
    this.entries[key] = { used: this.now, result: rest };
    this.changed = true;
  }

  /**
   * Writes the results (atomically: a concurrent run reads the old file or the new one), marks the
   * directory as a cache for backup tools and git, and removes the caches of other tool versions.
   * A cache that cannot be written costs the next run its speed, not this run its report: the
   * reason is returned for a warning.
   */
  save(): string | undefined {
    if (!this.changed) return undefined;
    try {
      for (const [key, entry] of Object.entries(this.entries)) if (this.now - entry.used > UNUSED_FOR_MS) delete this.entries[key];
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      writeIfMissing(path.join(this.root, '.gitignore'), '# Created by rust-patterns: results of earlier runs, safe to delete.\n*\n');
      writeIfMissing(path.join(this.root, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# This directory is a cache of rust-patterns results; see https://bford.info/cachedir/\n');
      const temporary = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ entries: this.entries } satisfies Stored));
      fs.renameSync(temporary, this.file);
      for (const other of fs.readdirSync(this.root, { withFileTypes: true })) {
        if (other.isDirectory() && other.name !== this.toolDir && /^v\d/.test(other.name)) fs.rmSync(path.join(this.root, other.name), { recursive: true, force: true });
      }
      return undefined;
    } catch (e) {
      return `cannot write the cache in ${this.root}: ${e instanceof Error ? e.message : e}`;
    }
  }
}

function readStored(file: string): Stored | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Stored;
    return stored && typeof stored.entries === 'object' ? stored : undefined;
  } catch {
    // Missing, or cut short by a crash: start empty.
    return undefined;
  }
}

function writeIfMissing(file: string, content: string): void {
  if (!fs.existsSync(file)) fs.writeFileSync(file, content);
}

function hash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
