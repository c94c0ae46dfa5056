import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'smol-toml';
import type { DockerFacts } from '../analysis/dockerfile';
import type { ManifestFacts } from '../analysis/manifest';
import type { OtherFileFacts } from '../analysis/otherFiles';
import type { FileKind } from '../analysis/fileRule';
import { table } from './configFile';

/**
 * The host's side of the file rules: what the files beside a Cargo.toml or a Dockerfile say, read
 * from disk by the server and the CLI alike and handed to the rules as data. Nothing here runs
 * anything from the workspace; it only reads.
 */
export function otherFileFacts(kind: FileKind, file: string, displayPath: string): OtherFileFacts {
  return kind === 'cargo' ? { manifest: manifestFacts(file) } : { docker: dockerFacts(file, displayPath) };
}

/**
 * Code that only works because panics unwind: catching them, reading a task's panic, or spawning
 * tasks, which the runtime keeps a panic inside (the process serves on; with abort it dies).
 */
const UNWINDING = /\bcatch_unwind\b|\bCatchPanic(?:Layer)?\b|\.is_panic\(\)|\.into_panic\(\)|\bresume_unwind\b|\b(?:tokio|task|async_std|actix_rt)::spawn(?:_blocking|_local)?\b|\bspawn_blocking\b|\bJoinSet\b|\bJoinHandle\b/;
/** Bounds the scan of a crate's sources: the answer is a hint, not worth reading a monorepo for. */
const MAX_SOURCE_FILES = 2000;
const MAX_SOURCE_BYTES = 32 << 20;

export function manifestFacts(manifest: string): ManifestFacts {
  const dir = path.dirname(path.resolve(manifest));
  const own = readToml(manifest);
  const workspace = table(own?.workspace);
  const root = workspace ? undefined : workspaceRootAbove(dir);
  const publish = table(table(root?.workspace)?.package)?.publish;
  const facts: ManifestFacts = {
    hasMainFile: isFile(path.join(dir, 'src', 'main.rs')),
    hasLibFile: isFile(path.join(dir, 'src', 'lib.rs')),
    underWorkspaceRoot: !!root,
    ...(typeof publish === 'boolean' ? { workspacePublish: publish } : Array.isArray(publish) ? { workspacePublish: publish.filter((r): r is string => typeof r === 'string') } : {}),
    reliesOnUnwinding: sourcesMatch(workspace ? dir : path.join(dir, 'src'), UNWINDING),
    releaseKeysElsewhere: releaseKeysInCargoConfig(dir),
  };
  if (workspace) {
    const members = memberDirs(dir, workspace);
    facts.memberHasBinary = members.some(packageBuildsBinary);
    facts.memberDependencies = [...new Set(members.flatMap(packageDependencies))].sort();
  }
  return facts;
}

export function dockerFacts(dockerfile: string, displayPath: string): DockerFacts {
  const abs = path.resolve(dockerfile);
  // BuildKit reads `<name>.dockerignore` beside the Dockerfile first, then the context's `.dockerignore`.
  // The context is often the Dockerfile's directory or one above it: the nearest file up to the repository counts.
  const candidates = [`${abs}.dockerignore`];
  for (let d = path.dirname(abs); ; d = path.dirname(d)) {
    candidates.push(path.join(d, '.dockerignore'));
    if (isDir(path.join(d, '.git')) || path.dirname(d) === d) break;
  }
  for (const c of candidates) {
    const text = readText(c);
    if (text !== undefined) return { path: displayPath, dockerignore: text };
  }
  return { path: displayPath, dockerignore: null };
}

/** The manifest of the workspace root above `dir`, up to the repository's root. */
function workspaceRootAbove(dir: string): Record<string, unknown> | undefined {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const manifest = readToml(path.join(d, 'Cargo.toml'));
    if (table(manifest?.workspace)) return manifest;
    if (isDir(path.join(d, '.git'))) return undefined;
  }
  return undefined;
}

/** The member directories a `[workspace]` lists, with `dir/*` globs expanded (the common form). */
function memberDirs(root: string, workspace: Record<string, unknown>): string[] {
  const members = Array.isArray(workspace.members) ? workspace.members.filter((m): m is string => typeof m === 'string') : [];
  const out = [root];
  for (const m of members) {
    if (!m.includes('*')) {
      out.push(path.join(root, m));
      continue;
    }
    const parent = path.join(root, m.slice(0, m.indexOf('*')).replace(/[^/]*$/, ''));
    try {
      for (const e of fs.readdirSync(parent, { withFileTypes: true })) if (e.isDirectory()) out.push(path.join(parent, e.name));
    } catch {
      // A glob over a directory that does not exist lists nothing.
    }
  }
  return out;
}

function packageBuildsBinary(dir: string): boolean {
  const manifest = readToml(path.join(dir, 'Cargo.toml'));
  if (!table(manifest?.package)) return false;
  const bins = manifest?.bin;
  return (Array.isArray(bins) && bins.length > 0) || isFile(path.join(dir, 'src', 'main.rs'));
}

/** The crates a member package depends on: `[dependencies]` and `[target.….dependencies]`, renames seen through. */
function packageDependencies(dir: string): string[] {
  const manifest = readToml(path.join(dir, 'Cargo.toml'));
  const tables = [table(manifest?.dependencies), ...Object.values(table(manifest?.target) ?? {}).map((t) => table(table(t)?.dependencies))];
  return tables.flatMap((deps) =>
    Object.entries(deps ?? {}).map(([name, spec]) => {
      const renamed = table(spec)?.package;
      return typeof renamed === 'string' ? renamed : name;
    }),
  );
}

/** `[profile.release]` keys in `.cargo/config.toml` (or `.cargo/config`) here and above: they apply as if in the manifest. */
function releaseKeysInCargoConfig(dir: string): string[] {
  const keys = new Set<string>();
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of ['config.toml', 'config']) {
      const release = table(table(table(readToml(path.join(d, '.cargo', name)))?.profile)?.release);
      for (const k of Object.keys(release ?? {})) keys.add(k);
    }
    if (path.dirname(d) === d) break;
  }
  return [...keys];
}

/** Whether a `.rs` file under `dir` (not in `target/` or hidden directories) matches, within the scan's bounds. */
function sourcesMatch(dir: string, pattern: RegExp): boolean {
  const stack = [dir];
  let files = 0;
  let bytes = 0;
  while (stack.length && files < MAX_SOURCE_FILES && bytes < MAX_SOURCE_BYTES) {
    const d = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'target' && !e.name.startsWith('.')) stack.push(full);
      } else if (e.isFile() && e.name.endsWith('.rs')) {
        const text = readText(full) ?? '';
        files++;
        bytes += text.length;
        if (pattern.test(text)) return true;
      }
    }
  }
  return false;
}

function readToml(file: string): Record<string, unknown> | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
