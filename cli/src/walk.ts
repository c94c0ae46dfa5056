import * as fs from 'fs';
import ignore, { type Ignore } from 'ignore';
import * as path from 'path';
import { fileKindOf } from '../../server/src/analysis/otherFiles';

/** A `.gitignore` and the directory its patterns are relative to. */
interface IgnoreFile {
  base: string;
  rules: Ignore;
}

export interface WalkResult {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths given on the command line that do not exist or cannot be listed. */
  errors: { path: string; message: string }[];
}

/**
 * The files to check: files named on the command line as they are, and the `.rs` files, Cargo.toml
 * files and Dockerfiles under directories, honouring `.gitignore` files (those above the directory up to the repository root
 * too) and skipping `.git` and Cargo's `target/` output. Symbolic links to directories are not followed.
 */
export function collectFiles(paths: readonly string[]): WalkResult {
  const files = new Set<string>();
  const errors: WalkResult['errors'] = [];
  for (const given of paths) {
    const abs = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      errors.push({ path: given, message: ioErrorMessage(e) });
      continue;
    }
    if (!stat.isDirectory()) files.add(abs);
    else walk(abs, ancestorIgnores(abs), files, errors);
  }
  return { files: [...files].sort(), errors };
}

function walk(root: string, inherited: IgnoreFile[], out: Set<string>, errors: WalkResult['errors']): void {
  const stack: [string, IgnoreFile[]][] = [[root, inherited]];
  while (stack.length) {
    const [dir, parentIgnores] = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir, message: ioErrorMessage(e) });
      continue;
    }
    const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? readIgnore(dir) : undefined;
    const ignores = own ? [...parentIgnores, own] : parentIgnores;
    const hasCargo = entries.some((e) => e.name === 'Cargo.toml');
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === '.git' || (e.name === 'target' && (hasCargo || isCargoOutput(full)))) continue;
        if (!isIgnored(full, true, ignores)) stack.push([full, ignores]);
      } else if ((e.name.endsWith('.rs') || fileKindOf(e.name)) && (e.isFile() || isFileLink(full)) && !isIgnored(full, false, ignores)) {
        out.add(full);
      }
    }
  }
}

/** The deepest `.gitignore` with an opinion decides, as in git (`!pattern` re-includes). */
function isIgnored(full: string, isDir: boolean, ignores: readonly IgnoreFile[]): boolean {
  for (let i = ignores.length - 1; i >= 0; i--) {
    const rel = path.relative(ignores[i].base, full).split(path.sep).join('/');
    const r = ignores[i].rules.test(isDir ? `${rel}/` : rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/** `.gitignore` files above `dir`, up to the repository root (a directory holding `.git`), outermost first. */
function ancestorIgnores(dir: string): IgnoreFile[] {
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) break;
  }
  if (!fs.existsSync(path.join(chain[0], '.git'))) return [];
  return chain.map(readIgnore).filter((i): i is IgnoreFile => !!i);
}

function readIgnore(dir: string): IgnoreFile | undefined {
  try {
    return { base: dir, rules: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** Cargo marks its build directories with CACHEDIR.TAG. */
function isCargoOutput(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'CACHEDIR.TAG')) || fs.existsSync(path.join(dir, '.rustc_info.json'));
}

function isFileLink(full: string): boolean {
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

export function ioErrorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or directory';
  if (err?.code === 'EACCES') return 'permission denied';
  return err?.message ?? String(e);
}
