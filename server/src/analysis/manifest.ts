import { type AST, getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import type { Span } from './finding';

/**
 * What the host (server or CLI) knows about a Cargo.toml beyond its text: the files beside it and
 * the crate's sources. Plain data, so that rules never read a file. A fact the host could not learn
 * (an unsaved or remote document) is left out, and the rules needing it stay silent.
 */
export interface ManifestFacts {
  /** `src/main.rs` exists beside the manifest: the package builds a binary of its own name. */
  hasMainFile?: boolean;
  /** `src/lib.rs` exists beside the manifest. */
  hasLibFile?: boolean;
  /** For a workspace root: some member package builds a binary. */
  memberHasBinary?: boolean;
  /** For a workspace root: the crates its member packages depend on (normal dependencies, renames seen through). */
  memberDependencies?: string[];
  /** A Cargo.toml with `[workspace]` above this package governs it: Cargo ignores this file's profiles. */
  underWorkspaceRoot?: boolean;
  /**
   * The package sits in the examples, benchmarks, tests or fuzz targets of another package (outside
   * any workspace of it): shipped with that package, never what is deployed.
   */
  auxiliaryPackage?: boolean;
  /** That root's `[workspace.package] publish`, which `publish.workspace = true` takes (absent: unset or unknown). */
  workspacePublish?: boolean | string[];
  /** The crate's sources rely on unwinding (`catch_unwind`, `CatchPanic`, `JoinError::is_panic`…). */
  reliesOnUnwinding?: boolean;
  /** `[profile.release]` keys set in `.cargo/config.toml` at or above the manifest. */
  releaseKeysElsewhere?: string[];
  /** crates.io would take the package as the crate model reads it (`Manifest.published`: a description, a license, not `publish = false`). */
  publishable?: boolean;
  /** The governing workspace root's `[workspace.dependencies]`, which `dep = { workspace = true }` takes. */
  workspaceDependencies?: TomlTable;
}

type Value = string | number | boolean | Date | Value[] | { [key: string]: Value };
export type TomlTable = { [key: string]: Value };

/** A key, a table header or a value as written, with where it is written. */
export interface Located extends Span {
  node: AST.TOMLNode;
}

/** A parsed Cargo.toml: its plain value for questions, its syntax tree for exact places. */
export class Manifest {
  readonly value: TomlTable;
  private readonly program: AST.TOMLProgram;

  private constructor(readonly text: string, program: AST.TOMLProgram, readonly facts: ManifestFacts) {
    this.program = program;
    this.value = getStaticTOMLValue(program) as TomlTable;
  }

  /** Undefined when the text is not valid TOML (the configuration reader reports that). */
  static parse(text: string, facts: ManifestFacts = {}): Manifest | undefined {
    try {
      return new Manifest(text, parseTOML(text), facts);
    } catch {
      return undefined;
    }
  }

  get comments(): { text: string; start: number }[] {
    return this.program.comments.map((c) => ({ text: `#${c.value}`, start: c.range[0] }));
  }

  /** The plain value at a dotted path (`['profile', 'release', 'lto']`). */
  get(path: readonly string[]): Value | undefined {
    let v: Value | undefined = this.value;
    for (const key of path) v = v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? v[key] : undefined;
    return v;
  }

  get isPackage(): boolean {
    return table(this.value.package) !== undefined;
  }

  get isWorkspaceRoot(): boolean {
    return table(this.value.workspace) !== undefined;
  }

  /**
   * Where the value at `path` is written: a `[table]` header, a `key = value`'s value, or an element
   * of an inline table or array, whichever way the file spells it (dotted keys, inline tables).
   */
  locate(path: readonly (string | number)[]): Located | undefined {
    const want = path.join('\u0000');
    for (const { path: p, node } of this.entries()) {
      if (p.join('\u0000') === want) return { start: node.range[0], end: node.range[1], node };
    }
    return undefined;
  }

  /** The `[header]` of a standard table, as written (for pointing at a table). */
  header(name: readonly string[]): Span | undefined {
    const want = name.join('\u0000');
    for (const t of this.tables()) {
      if (t.kind === 'standard' && t.resolvedKey.join('\u0000') === want) return { start: t.range[0], end: this.text.indexOf(']', t.key.range[1]) + 1 };
    }
    return undefined;
  }

  /** The standard table `[name]` (its last key-value tells where to append). */
  table(name: readonly string[]): AST.TOMLTable | undefined {
    const want = name.join('\u0000');
    return this.tables().find((t) => t.kind === 'standard' && t.resolvedKey.join('\u0000') === want);
  }

  private tables(): AST.TOMLTable[] {
    return this.program.body[0].body.filter((n): n is AST.TOMLTable => n.type === 'TOMLTable');
  }

  /** Every value in the file with its full path; iterative, as nothing here should recurse on input. */
  private *entries(): Generator<{ path: (string | number)[]; node: AST.TOMLNode }> {
    const stack: { path: (string | number)[]; node: AST.TOMLNode }[] = [];
    for (const n of [...this.program.body[0].body].reverse()) {
      if (n.type === 'TOMLTable') stack.push({ path: n.resolvedKey, node: n });
      else stack.push({ path: keyPath(n), node: n.value });
    }
    while (stack.length) {
      const item = stack.pop()!;
      const { path, node } = item;
      // A table's header stands for the table; its key-values follow.
      if (node.type === 'TOMLTable') {
        yield { path, node: node.key };
        for (const kv of [...node.body].reverse()) stack.push({ path: [...path, ...keyPath(kv)], node: kv.value });
        continue;
      }
      yield item;
      if (node.type === 'TOMLInlineTable') for (const kv of [...node.body].reverse()) stack.push({ path: [...path, ...keyPath(kv)], node: kv.value });
      else if (node.type === 'TOMLArray') for (let i = node.elements.length - 1; i >= 0; i--) stack.push({ path: [...path, i], node: node.elements[i] });
    }
  }
}

function keyPath(kv: AST.TOMLKeyValue): string[] {
  return kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

export function table(v: Value | undefined): TomlTable | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? v : undefined;
}

/** The names a dependency table lists, with the crate each really is (`package = "tokio"` renames). */
export function dependencyCrate(name: string, spec: Value | undefined): string {
  const pkg = table(spec)?.package;
  return typeof pkg === 'string' ? pkg : name;
}

/** A dependency as Cargo reads it: the crate, and the features its own entry and the workspace's entry each turn on. */
export interface ResolvedDependency {
  crate: string;
  features: string[];
  /** From `[workspace.dependencies]`, for an entry saying `workspace = true` (Cargo adds its own `features` to these). */
  inheritedFeatures: string[];
}

/**
 * `name = spec` under a dependency table, with `{ workspace = true }` read as Cargo reads it: the
 * workspace's entry of the same name gives the crate (renames included) and its features, to which
 * this entry's `features` are added. The workspace's table comes from the host, or from this file when
 * it is the root.
 */
export function resolveDependency(m: Manifest, name: string, spec: Value | undefined): ResolvedDependency {
  const own = table(spec);
  const strings = (v: Value | undefined) => (Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string') : []);
  const inherited = own?.workspace === true ? (table(m.get(['workspace', 'dependencies'])) ?? m.facts.workspaceDependencies)?.[name] : undefined;
  return {
    crate: inherited === undefined ? dependencyCrate(name, spec) : dependencyCrate(name, inherited),
    features: strings(own?.features),
    inheritedFeatures: strings(table(inherited)?.features),
  };
}
