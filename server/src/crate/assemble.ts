import * as path from 'path';
import type { FileDeclarations, ItemDecl, ModDecl, UseDecl } from './declarations';
import { type CrateReader, type Manifest, type TargetKind, readManifest } from './manifest';
import type { FileRole, PublicApi } from '../analysis/crateFacts';
import type { CrateFile, CrateModel } from './model';

/** Each file's declarations, read (and cached) by whoever holds a parser. */
export type DeclarationsOf = (file: string) => FileDeclarations | undefined;

const TARGET_ROLE: Record<TargetKind, FileRole> = { lib: 'production', bin: 'production', test: 'test', bench: 'bench', example: 'example', build: 'build' };
/** When two targets reach a file, the first of these wins: code the library compiles is production even if a test includes it too. */
const ROLE_RANK: FileRole[] = ['production', 'generated', 'build', 'test', 'bench', 'example', 'fixture'];
/** Directories whose `.rs` files, when no target compiles them, are input for some tool (a test harness, a syntax highlighter's samples under assets/). */
const FIXTURE_DIRS = new Set(['tests', 'test', 'ui', 'ui-tests', 'fixtures', 'fixture', 'testdata', 'test-data', 'test_data', 'compile-fail', 'compile-pass', 'run-pass', 'benches', 'examples', 'assets']);

/**
 * The package a file belongs to: its nearest Cargo.toml with a `[package]`. `fixture` when that
 * package itself sits in a fixture directory of an enclosing one (`tests/fixtures/demo/Cargo.toml`).
 * Undefined for a loose file, or one under a virtual workspace's root but in no package.
 */
export function locatePackage(file: string, reader: CrateReader): { manifest: Manifest; fixture: boolean } | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const cargo = path.join(dir, 'Cargo.toml');
    if (reader.readFile(cargo) !== undefined) {
      const manifest = readManifest(cargo, reader);
      return manifest && { manifest, fixture: insideFixtureOfEnclosingPackage(dir, reader) };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function insideFixtureOfEnclosingPackage(root: string, reader: CrateReader): boolean {
  for (let dir = path.dirname(root); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (reader.readFile(path.join(dir, 'Cargo.toml')) !== undefined) return isFixturePath(path.relative(dir, root));
  }
  return false;
}

/** A path (relative to its package) through a fixture directory. */
export function isFixturePath(relative: string): boolean {
  return relative.split(/[\\/]+/).some((part) => FIXTURE_DIRS.has(part));
}

interface Visit {
  file: string;
  role: FileRole;
  /** The module path, for files the library reaches outside `#[cfg(test)]`. */
  module?: string;
  /** Its `mod x;` are looked up beside it (a target root, a `mod.rs`, a `#[path]` file) rather than in a directory named after it. */
  ownsDirectory: boolean;
  /** Reached through a `mod` behind a version-gating `#[cfg]`. */
  gated: boolean;
}

/** The module under construction for the public-API question. */
interface ModuleNode {
  file: string;
  /** Its inline module path inside the file (`''` for the file's own). */
  inline: string;
  pub: boolean;
  parent?: string;
  items: ItemDecl[];
  uses: UseDecl[];
}

/** A package that exists for tests (`client-api-test`, `cdk-integration-tests`, `foo-test-utils`): its code is test code. */
const TEST_SUPPORT_PACKAGE = /(?:^|[-_])(?:tests?|testing|test[-_]utils?|test[-_]support|test[-_]helpers?)$/;

/** A walk of the package's module tree: the files reached, their declarations, and the library's modules. */
export interface CrateWalk {
  files: Map<string, CrateFile>;
  read: Map<string, FileDeclarations>;
  modules: Map<string, ModuleNode>;
}

/**
 * Walks the module tree from every target, giving each file the role of the targets that reach it (a
 * file reached only through `#[cfg(test)] mod x;` is test code). With `fixture`, every file is a
 * fixture. A walk is cheap next to `crateModel`, so a build walks again as it reads files, and
 * gathers the facts once, when no file is missing.
 */
export function walkCrate(manifest: Manifest, reader: CrateReader, declarationsOf: DeclarationsOf, fixture = false): CrateWalk {
  const files = new Map<string, CrateFile>();
  const read = new Map<string, FileDeclarations>();
  const modules = new Map<string, ModuleNode>();
  const testSupport = TEST_SUPPORT_PACKAGE.test(manifest.name);
  const stack: Visit[] = manifest.targets.map((t) => ({ file: t.file, role: fixture ? 'fixture' : testSupport ? 'test' : TARGET_ROLE[t.kind], module: t.kind === 'lib' && !fixture ? 'crate' : undefined, ownsDirectory: true, gated: false }));
  if (stack.some((v) => v.module)) modules.set('crate', { file: stack.find((v) => v.module)!.file, inline: '', pub: true, items: [], uses: [] });
  const seen = new Set<string>();
  while (stack.length) {
    const v = stack.pop()!;
    const key = `${v.file}|${v.role}|${v.module ?? ''}|${v.gated}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const decls = read.get(v.file) ?? declarationsOf(v.file);
    // A tool's output, and the modules it declares, stay the tool's (gir's src/auto/, prost's, bindgen's).
    const role = decls?.generated && v.role === 'production' ? 'generated' : v.role;
    const prev = files.get(v.file);
    // Gated only when every path to it is.
    const versionGated = v.gated && (prev?.versionGated ?? true);
    if (!prev || ROLE_RANK.indexOf(role) < ROLE_RANK.indexOf(prev.role) || (!prev.module && v.module)) files.set(v.file, { role, module: v.module ?? prev?.module ?? '', ...(versionGated ? { versionGated } : {}) });
    else if (prev.versionGated && !versionGated) files.set(v.file, { role: prev.role, module: prev.module });
    if (!decls) continue;
    read.set(v.file, decls);
    if (v.module) addModuleItems(v.module, v.file, decls, modules);
    for (const mod of decls.mods) {
      const child = moduleFile(v.file, v.ownsDirectory, mod, reader);
      if (!child) continue;
      const module = v.module && !mod.test ? [v.module, ...mod.within, mod.name].join('::') : undefined;
      if (module) modules.set(module, { file: child, inline: '', pub: mod.pub, parent: [v.module, ...mod.within].join('::'), items: [], uses: [] });
      stack.push({ file: child, role: mod.test && role === 'production' ? 'test' : role, module, ownsDirectory: mod.path !== undefined || path.basename(child) === 'mod.rs', gated: v.gated || mod.versionGated });
    }
  }
  return { files, read, modules };
}

/** The package's model from a complete walk: the cross-file facts. */
export function crateModel(manifest: Manifest, { files, read, modules }: CrateWalk): CrateModel {
  const root = path.dirname(manifest.file);
  const all = [...read.values()];
  const production = [...read].filter(([f]) => files.get(f)?.role === 'production').map(([, d]) => d);
  const sync = new Set(all.flatMap((d) => d.syncFns));
  const timeoutFns = new Set(all.flatMap((d) => d.timeouts.fns));
  const { publicModules, reachable } = publicApi(modules, manifest.edition);
  return {
    root,
    name: manifest.name,
    edition: manifest.edition,
    msrv: manifest.msrv,
    msrvFrom: manifest.msrvFrom,
    published: manifest.published,
    files,
    asyncFns: new Set(all.flatMap((d) => d.asyncFns).filter((n) => !sync.has(n))),
    modules: new Set(all.flatMap((d) => [...d.mods.map((m) => m.name), ...d.items.filter((i) => i.kind === 'mod').map((i) => i.name)])),
    timeouts: {
      fns: timeoutFns,
      fields: new Set(all.flatMap((d) => [...d.timeouts.fields, ...d.timeouts.fieldsFromFns.filter(([, fn]) => timeoutFns.has(fn)).map(([field]) => field)])),
      statics: new Set(all.flatMap((d) => d.timeouts.statics)),
      allClientsTimed: production.some((d) => d.timeouts.timedClients > 0) && production.every((d) => d.timeouts.untimedClients === 0),
      routerTimeout: production.some((d) => d.timeouts.routerTimeout),
    },
    api: apiByFile(modules, publicModules, reachable),
    publicTypes: publicTypes(modules, publicModules, reachable),
    reliesOnUnwinding: production.some((d) => d.unwinding),
  };
}

/**
 * The file `mod x;` in `file` loads: `#[path]` relative to the file's directory (or, inside inline
 * modules, to the directory they stand for), else `x.rs` or `x/mod.rs` in the directory the file
 * owns (`src/` for `lib.rs`, `src/net/` for `src/net.rs`), as rustc looks them up.
 */
function moduleFile(file: string, ownsDirectory: boolean, mod: ModDecl, reader: CrateReader): string | undefined {
  const owned = ownsDirectory ? path.dirname(file) : path.join(path.dirname(file), path.basename(file, '.rs'));
  if (mod.path !== undefined) {
    const candidate = path.resolve(mod.within.length ? path.join(owned, ...mod.within) : path.dirname(file), mod.path);
    return reader.readFile(candidate) !== undefined ? candidate : undefined;
  }
  const dir = path.join(owned, ...mod.within);
  for (const candidate of [path.join(dir, `${mod.name}.rs`), path.join(dir, mod.name, 'mod.rs')]) if (reader.readFile(candidate) !== undefined) return candidate;
  return undefined;
}

/** Registers a library file's items, inline modules and `pub use`s under their module paths. */
function addModuleItems(module: string, file: string, decls: FileDeclarations, modules: Map<string, ModuleNode>): void {
  const at = (within: string[]) => [module, ...within].join('::');
  for (const item of decls.items) {
    if (item.kind === 'mod' && !decls.mods.some((m) => m.name === item.name && m.within.join() === item.within.join())) {
      modules.set(at([...item.within, item.name]), { file, inline: [...item.within, item.name].join('::'), pub: item.pub, parent: at(item.within), items: [], uses: [] });
    }
  }
  for (const item of decls.items) modules.get(at(item.within))?.items.push(item);
  for (const use of decls.pubUses) modules.get(at(use.within))?.uses.push(use);
}

/**
 * Which modules and items a user of the library can name: a module is public when it and every
 * module above it are `pub`; an item when it is `pub` in a public module, or a `pub use` that is
 * itself reachable names it (or its module, with a glob). Re-exports of re-exports settle in a few rounds.
 */
function publicApi(modules: Map<string, ModuleNode>, edition: string): { publicModules: Set<string>; reachable: Set<string> } {
  const exported = new Set<string>();
  const reachable = new Set<string>();
  const isPublic = (key: string): boolean => {
    for (let k: string | undefined = key; k; k = modules.get(k)?.parent) {
      if (exported.has(k)) return true;
      const m = modules.get(k);
      if (!m || (!m.pub && k !== 'crate')) return false;
    }
    return true;
  };
  const resolve = (from: string, written: string): string | undefined => {
    const segments = written.split('::');
    let at: string | undefined = from;
    const first = segments[0];
    if (first === 'crate') at = 'crate';
    else if (first === 'self') at = from;
    else if (first === 'super') at = modules.get(from)?.parent;
    else if (modules.has(`${from}::${first}`)) at = `${from}::${first}`;
    else if (edition === '2015' && modules.has(`crate::${first}`)) at = `crate::${first}`;
    else return undefined;
    for (const s of segments.slice(1)) {
      if (!at) return undefined;
      at = s === 'super' ? modules.get(at)?.parent : s === 'self' ? at : `${at}::${s}`;
    }
    return at;
  };
  for (let round = 0, changed = true; changed && round < 8; round++) {
    changed = false;
    const add = (set: Set<string>, key: string) => {
      if (!set.has(key)) {
        set.add(key);
        changed = true;
      }
    };
    for (const [key, m] of modules) {
      for (const use of m.uses) {
        if (!isPublic(key) && !reachable.has(`${key}::${use.alias}`)) continue;
        const target = resolve(key, use.path.replace(/::\*$/, ''));
        if (!target) continue;
        if (use.alias !== '*') {
          if (modules.has(target)) add(exported, target);
          else add(reachable, target);
          continue;
        }
        const globbed = modules.get(target);
        for (const item of globbed?.items.filter((i) => i.pub) ?? []) {
          if (item.kind === 'mod') add(exported, `${target}::${item.name}`);
          else add(reachable, `${target}::${item.name}`);
        }
        for (const u of globbed?.uses ?? []) if (u.alias !== '*') add(reachable, `${target}::${u.alias}`);
      }
    }
  }
  return { publicModules: new Set([...modules.keys()].filter(isPublic)), reachable };
}

function apiByFile(modules: Map<string, ModuleNode>, publicModules: Set<string>, reachable: Set<string>): Map<string, PublicApi> {
  const api = new Map<string, PublicApi>();
  for (const [key, m] of modules) {
    const entry = api.get(m.file) ?? { modules: new Set<string>(), items: new Set<string>() };
    api.set(m.file, entry);
    if (publicModules.has(key)) entry.modules.add(m.inline);
    for (const item of m.items) if (reachable.has(`${key}::${item.name}`)) entry.items.add(m.inline ? `${m.inline}::${item.name}` : item.name);
  }
  return api;
}

function publicTypes(modules: Map<string, ModuleNode>, publicModules: Set<string>, reachable: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const [key, m] of modules) {
    for (const item of m.items) {
      if (item.kind !== 'type') continue;
      if ((item.pub && publicModules.has(key)) || reachable.has(`${key}::${item.name}`)) out.add(item.name);
    }
  }
  return out;
}
