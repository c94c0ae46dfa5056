import * as path from 'path';
import type { CrateReader } from './manifest';
import { parseToml, table } from './toml';

/** A Cargo workspace: its root manifest's `[workspace]` and the packages it holds. */
export interface Workspace {
  /** The root Cargo.toml. */
  file: string;
  /** Its `[workspace]` table. */
  table: Record<string, unknown>;
  /** Its whole manifest (a root may be a package too). */
  manifest: Record<string, unknown>;
}

/**
 * The workspace governing a package in `dir`: the nearest Cargo.toml with `[workspace]`, at `dir`
 * itself or above it, not beyond the repository's root (a `.git` there), as one repository does
 * not take part in another's workspace.
 */
export function workspaceAt(dir: string, reader: CrateReader): Workspace | undefined {
  const found = manifestAbove(dir, reader, (m) => !!table(m.workspace));
  return found && { file: found.file, table: table(found.manifest.workspace)!, manifest: found.manifest };
}

/**
 * The nearest Cargo.toml at `dir` or above it whose manifest `wanted` accepts, not beyond the
 * repository's root (a `.git` there).
 */
export function manifestAbove(dir: string, reader: CrateReader, wanted: (manifest: Record<string, unknown>) => boolean): { file: string; manifest: Record<string, unknown> } | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, 'Cargo.toml');
    const manifest = parseToml(reader.readFile(file));
    if (manifest && wanted(manifest)) return { file, manifest };
    if (reader.listDir(path.join(d, '.git')) !== undefined || path.dirname(d) === d) return undefined;
  }
}

/**
 * The manifests of the member packages a workspace lists, its root's own when it is a package too:
 * `members` entries with `dir/*` globs expanded (the common form), `exclude` left out, and only
 * directories holding a Cargo.toml with `[package]`.
 */
export function workspaceMembers(ws: Workspace, reader: CrateReader): string[] {
  const root = path.dirname(ws.file);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string') : []);
  const excluded = new Set(strings(ws.table.exclude).map((e) => path.join(root, e)));
  const dirs = [root];
  for (const m of strings(ws.table.members)) {
    if (!m.includes('*')) {
      dirs.push(path.join(root, m));
      continue;
    }
    const parent = path.join(root, m.slice(0, m.indexOf('*')).replace(/[^/]*$/, ''));
    for (const e of reader.listDir(parent) ?? []) if (e.dir) dirs.push(path.join(parent, e.name));
  }
  const out = new Set<string>();
  for (const dir of dirs) {
    const file = path.join(dir, 'Cargo.toml');
    if (!excluded.has(dir) && table(parseToml(reader.readFile(file))?.package)) out.add(file);
  }
  return [...out];
}
