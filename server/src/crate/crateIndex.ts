import * as path from 'path';
import type { Tree } from 'web-tree-sitter';
import { type ParserSource, parseWithin } from '../analysis/parsing';
import { withTreeLinks } from '../analysis/treeLinks';
import { type CrateWalk, crateModel, isFixturePath, locatePackage, walkCrate } from './assemble';
import type { Manifest } from './manifest';
import { type FileDeclarations, fileDeclarations } from './declarations';
import type { CrateReader } from './manifest';
import type { CrateFacts, FileRole } from '../analysis/crateFacts';
import { type CrateModel, crateFactsFor } from './model';

/**
 * The crate models of the packages a server or a CLI run looks at, built on demand from a reader,
 * with each file's declarations kept until its text changes. `buildNow` is what the CLI does before
 * it checks a package; the server uses `build`, which parses a few files at a time and yields in between.
 */
export class CrateIndex {
  private readonly declarations = new Map<string, { text: string | undefined; decls: FileDeclarations | undefined }>();
  /** Package manifest → its model, once built. */
  private readonly models = new Map<string, CrateModel>();
  /** File → its package's manifest (null: no package), found once. */
  private readonly packages = new Map<string, { manifest: string; fixture: boolean } | null>();

  constructor(
    private readonly reader: CrateReader,
    private readonly parsers: ParserSource,
  ) {}

  /** The manifest of the package holding `file`, if any. */
  packageOf(file: string): string | undefined {
    let known = this.packages.get(file);
    if (known === undefined) {
      const found = locatePackage(file, this.reader);
      known = found ? { manifest: found.manifest.file, fixture: found.fixture } : null;
      this.packages.set(file, known);
    }
    return known?.manifest;
  }

  /** The built model of `file`'s package, if it is built. */
  modelOf(file: string): CrateModel | undefined {
    const manifest = this.packageOf(file);
    return manifest ? this.models.get(manifest) : undefined;
  }

  /**
   * What analysis of `file` learns from its package's model (built already): its role, and, for a
   * file no target reaches (one pulled in by `include!`, say), `fixture` in a fixture directory,
   * `generated` when its header says a tool wrote it, and `production` elsewhere.
   */
  factsFor(file: string): CrateFacts | undefined {
    const model = this.modelOf(file);
    if (!model) return undefined;
    const relative = path.relative(model.root, file);
    const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
    return crateFactsFor(model, file, model.files.get(file)?.role ?? (inside ? this.unreachedRole(file, relative) : undefined));
  }

  private unreachedRole(file: string, relative: string): FileRole {
    if (isFixturePath(path.dirname(relative))) return 'fixture';
    if (this.declarations.get(file)?.text !== this.reader.readFile(file)) this.read(file);
    return this.declarations.get(file)?.decls?.generated ? 'generated' : 'production';
  }

  /** Builds (or rebuilds) the model of `file`'s package at once. */
  buildNow(file: string): CrateModel | undefined {
    const manifest = this.packageOf(file);
    if (!manifest) return undefined;
    for (;;) {
      const missing: string[] = [];
      const walk = this.walk(manifest, missing);
      if (!walk) return undefined;
      if (!missing.length) return this.finish(manifest, walk);
      for (const f of missing) this.read(f);
    }
  }

  /**
   * Builds the model of `file`'s package a few files at a time, handing control back (`pause`, told
   * how many files this build has read so far) between batches so that nothing waits long behind it:
   * after at most `sliceMs` of reading (one big file's parse is the floor), and between the last walk
   * of the module tree and the gathering of its facts.
   */
  async build(file: string, pause: (read: number) => Promise<void>, sliceMs = 15): Promise<CrateModel | undefined> {
    const manifest = this.packageOf(file);
    if (!manifest) return undefined;
    let read = 0;
    for (;;) {
      const missing: string[] = [];
      const walk = this.walk(manifest, missing);
      if (!walk) return undefined;
      await pause(read);
      if (!missing.length) return this.finish(manifest, walk);
      let started = Date.now();
      for (const f of missing) {
        this.read(f);
        read++;
        if (Date.now() - started > sliceMs) {
          await pause(read);
          started = Date.now();
        }
      }
    }
  }

  /** Whether the model of the package with this manifest is built. */
  isBuilt(manifest: string): boolean {
    return this.models.has(manifest);
  }

  /**
   * A file changed (on disk or in the editor): its declarations are read again on the next build.
   * Returns the manifests of the built models that must be rebuilt.
   */
  changed(file: string): string[] {
    this.declarations.delete(file);
    if (path.basename(file) === 'Cargo.toml') {
      this.packages.clear();
      const stale = [...this.models.keys()];
      this.models.clear();
      return stale;
    }
    return [...this.models].filter(([, m]) => m.files.has(file) || file.startsWith(m.root + path.sep)).map(([manifest]) => manifest);
  }

  /** One walk of the module tree with the declarations read so far; files not read yet go to `missing`. */
  private walk(manifestFile: string, missing: string[]): (CrateWalk & { manifest: Manifest }) | undefined {
    const found = locatePackage(manifestFile, this.reader);
    if (!found) return undefined;
    const walk = walkCrate(found.manifest, this.reader, (f) => {
      const text = this.reader.readFile(f);
      const cached = this.declarations.get(f);
      if (cached && cached.text === text) return cached.decls;
      missing.push(f);
      return undefined;
    }, found.fixture);
    return { ...walk, manifest: found.manifest };
  }

  /** The model of a walk that missed no file, kept as the package's. */
  private finish(manifestFile: string, walk: CrateWalk & { manifest: Manifest }): CrateModel {
    const model = crateModel(walk.manifest, walk);
    this.models.set(manifestFile, model);
    return model;
  }

  /** Takes the declarations of `file` from a tree of `text` its caller parsed anyway (the CLI, to analyse it): no parse of its own. */
  declare(file: string, text: string, tree: Tree): void {
    this.declarations.set(file, { text, decls: withTreeLinks(tree, () => fileDeclarations(tree)) });
  }

  private read(file: string): void {
    const text = this.reader.readFile(file);
    const tree = text === undefined ? undefined : parseWithin(this.parsers.parser, text, null);
    if (!tree) {
      this.declarations.set(file, { text, decls: undefined });
      return;
    }
    try {
      this.declare(file, text!, tree);
    } finally {
      tree.delete();
    }
  }
}
