import * as path from 'path';
import { type MsrvSource, type Version, parseVersion } from '../analysis/crateFacts';
import { parseToml, table } from './toml';
import { workspaceAt } from './workspace';

/** Reads files and directories for the crate model: from disk in the CLI, disk plus open documents in the server. */
export interface CrateReader {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(file: string): string | undefined;
  /** The directory's entries, or undefined when it does not exist. */
  listDir(dir: string): { name: string; dir: boolean }[] | undefined;
}

export type TargetKind = 'lib' | 'bin' | 'test' | 'bench' | 'example' | 'build';

export interface Target {
  kind: TargetKind;
  /** The target's root source file, absolute. */
  file: string;
}

/** What a package's Cargo.toml says about building it. */
export interface Manifest {
  file: string;
  name: string;
  edition: string;
  msrv?: Version;
  msrvFrom?: MsrvSource;
  /**
   * crates.io would take it: it has a description and a license and does not say `publish = false`.
   * A package that cannot be published (a service's internal crates) has no outside users of its API.
   */
  published: boolean;
  targets: Target[];
}

/** What a workspace root's `[workspace.package]` lends to members that say `x.workspace = true`. */
interface Inherited {
  edition?: unknown;
  rustVersion?: unknown;
  description?: unknown;
  license?: unknown;
  licenseFile?: unknown;
  publish?: unknown;
}

/**
 * Reads a package's Cargo.toml the way cargo does: `[package]` edition and rust-version (inherited
 * from the workspace with `{ workspace = true }`), the build script (`build = "…"`, `build.rs`
 * unless `build = false`), and the targets, declared (`[lib]`, `[[bin]]`, `[[test]]`, `[[bench]]`,
 * `[[example]]`) and discovered (`src/lib.rs`, `src/main.rs`, `src/bin/`, `tests/`, `benches/`,
 * `examples/`, unless `autobins = false` and so on). Undefined for a file that is not a package
 * manifest (a virtual workspace, invalid TOML).
 */
export function readManifest(file: string, reader: CrateReader): Manifest | undefined {
  const doc = parseToml(reader.readFile(file));
  const pkg = table(doc?.package);
  if (!doc || !pkg) return undefined;
  const root = path.dirname(file);
  const inherited = needsWorkspace(pkg) ? workspacePackage(root, reader) : {};
  const edition = stringValue(pkg.edition, inherited.edition) ?? '2015';
  const rustVersion = stringValue(pkg['rust-version'], inherited.rustVersion);
  const clippyMsrv = clippyTomlMsrv(root, reader);
  const publish = table(pkg.publish)?.workspace === true ? inherited.publish : pkg.publish;
  const published =
    publish !== false && !(Array.isArray(publish) && !publish.length) && !!stringValue(pkg.description, inherited.description) &&
    !!(stringValue(pkg.license, inherited.license) ?? stringValue(pkg['license-file'], inherited.licenseFile));
  const targets: Target[] = [];
  const at = (p: string) => path.resolve(root, p);
  const exists = (p: string) => reader.readFile(p) !== undefined;

  const lib = table(doc.lib);
  const libFile = typeof lib?.path === 'string' ? at(lib.path) : at('src/lib.rs');
  if (exists(libFile)) targets.push({ kind: 'lib', file: libFile });

  const build = pkg.build;
  const buildFile = typeof build === 'string' ? at(build) : build === false ? undefined : at('build.rs');
  if (buildFile && exists(buildFile)) targets.push({ kind: 'build', file: buildFile });

  const sections: [TargetKind, string, string, string][] = [
    ['bin', 'bin', 'autobins', 'src/bin'],
    ['test', 'test', 'autotests', 'tests'],
    ['bench', 'bench', 'autobenches', 'benches'],
    ['example', 'example', 'autoexamples', 'examples'],
  ];
  for (const [kind, key, auto, dir] of sections) {
    const declared = Array.isArray(doc[key]) ? (doc[key] as unknown[]).map(table) : [];
    for (const t of declared) {
      if (!t) continue;
      const named = typeof t.path === 'string' ? at(t.path) : typeof t.name === 'string' ? conventionalFile(at(dir), t.name, reader) : undefined;
      if (named && exists(named)) targets.push({ kind, file: named });
    }
    if (kind === 'bin') {
      const main = at('src/main.rs');
      if (pkg.autobins !== false && exists(main)) targets.push({ kind, file: main });
    }
    // Edition 2015 turned discovery off as soon as one target of the kind was declared.
    if (pkg[auto] === false || (edition === '2015' && declared.length)) continue;
    for (const file of discover(at(dir), reader)) targets.push({ kind, file });
  }
  const seen = new Set<string>();
  return {
    file,
    name: typeof pkg.name === 'string' ? pkg.name : path.basename(root),
    edition,
    ...msrvOf(clippyMsrv, rustVersion),
    published,
    targets: targets.filter((t) => !seen.has(t.file) && !!seen.add(t.file)),
  };
}

/** `dir/<name>.rs` or `dir/<name>/main.rs`, where cargo looks for a target declared by name only. */
function conventionalFile(dir: string, name: string, reader: CrateReader): string | undefined {
  for (const candidate of [path.join(dir, `${name}.rs`), path.join(dir, name, 'main.rs')]) if (reader.readFile(candidate) !== undefined) return candidate;
  return undefined;
}

/** The targets cargo discovers in a directory: each `x.rs`, and each `x/main.rs`. */
function discover(dir: string, reader: CrateReader): string[] {
  const out: string[] = [];
  for (const e of reader.listDir(dir) ?? []) {
    if (!e.dir && e.name.endsWith('.rs')) out.push(path.join(dir, e.name));
    else if (e.dir && reader.readFile(path.join(dir, e.name, 'main.rs')) !== undefined) out.push(path.join(dir, e.name, 'main.rs'));
  }
  return out.sort();
}

const INHERITABLE = ['edition', 'rust-version', 'description', 'license', 'license-file', 'publish'];

function needsWorkspace(pkg: Record<string, unknown>): boolean {
  return INHERITABLE.some((key) => table(pkg[key])?.workspace === true);
}

/** `[workspace.package]` of the workspace governing the package in `root` (see `workspaceAt`). */
function workspacePackage(root: string, reader: CrateReader): Inherited {
  const pkg = table(workspaceAt(root, reader)?.table.package);
  return { edition: pkg?.edition, rustVersion: pkg?.['rust-version'], description: pkg?.description, license: pkg?.license, licenseFile: pkg?.['license-file'], publish: pkg?.publish };
}

/** The value as written, or the workspace's when it says `{ workspace = true }`. */
function stringValue(own: unknown, inherited: unknown): string | undefined {
  if (typeof own === 'string') return own;
  if (table(own)?.workspace === true && typeof inherited === 'string') return inherited;
  return undefined;
}

function msrvOf(clippyMsrv: string | undefined, rustVersion: string | undefined): { msrv?: Version; msrvFrom?: MsrvSource } {
  const clippy = clippyMsrv === undefined ? undefined : parseVersion(clippyMsrv);
  if (clippy) return { msrv: clippy, msrvFrom: 'clippy.toml' };
  const cargo = rustVersion === undefined ? undefined : parseVersion(rustVersion);
  return cargo ? { msrv: cargo, msrvFrom: 'rust-version' } : {};
}

/**
 * The `msrv` of the clippy.toml (or .clippy.toml) clippy would read for the package: the first found
 * from its directory up.
 */
function clippyTomlMsrv(root: string, reader: CrateReader): string | undefined {
  for (let d = root; ; d = path.dirname(d)) {
    for (const name of ['clippy.toml', '.clippy.toml']) {
      const text = reader.readFile(path.join(d, name));
      if (text === undefined) continue;
      const msrv = parseToml(text)?.msrv;
      return typeof msrv === 'string' || typeof msrv === 'number' ? String(msrv) : undefined;
    }
    if (path.dirname(d) === d) return undefined;
  }
}
