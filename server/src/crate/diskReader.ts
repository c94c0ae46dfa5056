import * as fs from 'fs';
import * as path from 'path';
import type { CrateReader } from './manifest';

/** Reads the crate model's files from disk, each once until `forget` says it changed. */
export class DiskReader implements CrateReader {
  private readonly files = new Map<string, string | undefined>();
  private readonly dirs = new Map<string, { name: string; dir: boolean }[] | undefined>();

  readFile(file: string): string | undefined {
    if (this.files.has(file)) return this.files.get(file);
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    this.files.set(file, text);
    return text;
  }

  listDir(dir: string): { name: string; dir: boolean }[] | undefined {
    if (this.dirs.has(dir)) return this.dirs.get(dir);
    let entries: { name: string; dir: boolean }[] | undefined;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    } catch {
      entries = undefined;
    }
    this.dirs.set(dir, entries);
    return entries;
  }

  /** The file (or directory) changed, appeared or went away. */
  forget(file: string): void {
    this.files.delete(file);
    this.dirs.delete(file);
    this.dirs.delete(path.dirname(file));
  }
}
