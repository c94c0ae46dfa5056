import * as fs from 'fs';
import * as path from 'path';
import type { DockerFacts } from '../analysis/dockerfile';
import type { ManifestFacts, TomlTable } from '../analysis/manifest';
import type { OtherFileFacts } from '../analysis/otherFiles';
import type { FileKind } from '../analysis/fileRule';
import type { CrateModel } from '../crate/model';
import { DiskReader } from '../crate/diskReader';
import { readManifest } from '../crate/manifest';
import { parseToml, table } from '../crate/toml';
import { manifestAbove, workspaceAt, workspaceMembers } from '../crate/workspace';

/**
 * The host's side of the file rules: what the files beside a Cargo.toml or a Dockerfile say, read
 * from disk by the server and the CLI alike and handed to the rules as data. Nothing here runs
 * anything from the workspace; it only reads.
 */
export function otherFileFacts(kind: FileKind, file: string, models: PackageModels): OtherFileFacts {
  return kind === 'cargo' ? { manifest: manifestFacts(file, models) } : { docker: dockerFacts(file) };
}

/** The built crate model of the package whose Cargo.toml this is; undefined when it is not built (yet), or no package. */
export type PackageModels = (manifest: string) => CrateModel | undefined;

export function manifestFacts(manifest: string, models: PackageModels): ManifestFacts {
  const file = path.resolve(manifest);
  const dir = path.dirname(file);
  const reader = new DiskReader();
  // The nearest workspace: this manifest's own, or a root above that governs it.
  const nearest = workspaceAt(dir, reader);
  const workspace = nearest?.file === file ? nearest : undefined;
  const root = workspace ? undefined : nearest;
  const publish = table(root?.table.package)?.publish;
  const members = workspace ? workspaceMembers(workspace, reader) : [];
  const facts: ManifestFacts = {
    hasMainFile: isFile(path.join(dir, 'src', 'main.rs')),
    hasLibFile: isFile(path.join(dir, 'src', 'lib.rs')),
    underWorkspaceRoot: !!root,
    auxiliaryPackage: !root && auxiliaryOfPackageAbove(dir, reader),
    ...(typeof publish === 'boolean' ? { workspacePublish: publish } : Array.isArray(publish) ? { workspacePublish: publish.filter((r): r is string => typeof r === 'string') } : {}),
    releaseKeysElsewhere: releaseKeysInCargoConfig(dir),
  };
  const pkg = readManifest(file, reader);
  if (pkg) facts.publishable = pkg.published;
  const inherited = table(nearest?.table.dependencies);
  if (inherited) facts.workspaceDependencies = inherited as TomlTable;
  const unwinding = reliesOnUnwinding(workspace ? members : [file], models);
  if (unwinding !== undefined) facts.reliesOnUnwinding = unwinding;
  if (workspace) {
    const manifests = members.map((m) => parseToml(reader.readFile(m)));
    facts.memberHasBinary = members.some((m, i) => packageBuildsBinary(path.dirname(m), manifests[i]));
    facts.memberDependencies = [...new Set(manifests.flatMap(packageDependencies))].sort();
  }
  return facts;
}

/** Whether some package's code relies on unwinding; undefined while a model that could say so is not built. */
function reliesOnUnwinding(manifests: string[], models: PackageModels): boolean | undefined {
  let unknown = false;
  for (const m of manifests) {
    const model = models(m);
    if (model?.reliesOnUnwinding) return true;
    unknown ||= !model;
  }
  return unknown ? undefined : false;
}

export function dockerFacts(dockerfile: string): DockerFacts {
  const abs = path.resolve(dockerfile);
  // BuildKit reads `<name>.dockerignore` beside the Dockerfile first, then the context's `.dockerignore`.
  // The context is often the Dockerfile's directory or one above it: the nearest file up to the repository counts.
  const candidates = [`${abs}.dockerignore`];
  // The project's root: the repository's, else the outermost directory holding a Cargo.toml.
  let project: string | undefined;
  for (let d = path.dirname(abs); ; d = path.dirname(d)) {
    candidates.push(path.join(d, '.dockerignore'));
    if (isDir(path.join(d, '.git'))) {
      project = d;
      break;
    }
    if (isFile(path.join(d, 'Cargo.toml'))) project = d;
    if (path.dirname(d) === d) break;
  }
  const inProject = path.relative(project ?? path.dirname(abs), abs).split(path.sep).join('/');
  for (const c of candidates) {
    const text = readText(c);
    if (text !== undefined) return { path: inProject, dockerignore: text };
  }
  return { path: inProject, dockerignore: null };
}

/** Where packages keep what ships with them but is no product: examples, benchmarks, tests, fuzz targets. */
const AUXILIARY_DIR = /^(?:examples?|bench(?:es|marks?)?(?:[-_]\w+)?|tests?|fuzz(?:[-_]\w+)?|\w+[-_]fuzz)$/i;

/**
 * The package in `dir` lies in such a directory of a package above it (up to the repository's root):
 * `examples/tls/`, `benchmark_tools/`, `fuzz/`. A package merely nested in another (a second service
 * kept beside the first) is not one.
 */
function auxiliaryOfPackageAbove(dir: string, reader: DiskReader): boolean {
  const above = manifestAbove(path.dirname(dir), reader, (m) => !!table(m.package));
  return !!above && path.relative(path.dirname(above.file), dir).split(path.sep).some((part) => AUXILIARY_DIR.test(part));
}

function packageBuildsBinary(dir: string, manifest: Record<string, unknown> | undefined): boolean {
  const bins = manifest?.bin;
  return (Array.isArray(bins) && bins.length > 0) || isFile(path.join(dir, 'src', 'main.rs'));
}

/** The crates a member package depends on: `[dependencies]` and `[target.….dependencies]`, renames seen through. */
function packageDependencies(manifest: Record<string, unknown> | undefined): string[] {
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
      const release = table(table(table(parseToml(readText(path.join(d, '.cargo', name))))?.profile)?.release);
      for (const k of Object.keys(release ?? {})) keys.add(k);
    }
    if (path.dirname(d) === d) break;
  }
  return [...keys];
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
