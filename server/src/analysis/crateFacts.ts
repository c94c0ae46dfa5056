/**
 * The slice of a Cargo package's crate model (`crate/model.ts`) that analysing one file uses: plain
 * data the server and the CLI fill, which rules read as `ctx.crate`.
 */

/**
 * What a file is to cargo. `fixture`: a `.rs` file inside the package that no target compiles
 * (`tests/ui/*.rs`, `ui-tests/`, `testdata/`): input for some tool, not production code.
 * `generated`: production code a tool wrote (its header says so, or a generated module declares it):
 * what it does is the generator's to change, so no rule reports in it.
 */
export type FileRole = 'production' | 'generated' | 'test' | 'build' | 'bench' | 'example' | 'fixture';

/** `[major, minor, patch]` from `rust-version = "1.31"` (missing parts are 0). */
export type Version = [number, number, number];

/** Where a package's MSRV was read: clippy.toml's `msrv`, which clippy prefers, or Cargo.toml's `rust-version`. */
export type MsrvSource = 'clippy.toml' | 'rust-version';

/**
 * Where the package builds HTTP clients and database pools that carry a timeout: a request sent
 * through one of them cannot wait forever, whichever file it is sent from.
 */
export interface TimeoutFacts {
  /** Fns whose body builds a client or pool with a timeout (`fn http() -> Client { Client::builder().timeout(..) … }`). */
  fns: Set<string>;
  /** Struct fields initialised with such a client or pool (`AppState { http: Client::builder().timeout(..) … }`). */
  fields: Set<string>;
  /** Statics and consts holding one (`static HTTP: Lazy<Client> = Lazy::new(|| Client::builder().timeout(..) …)`). */
  statics: Set<string>;
  /** Every reqwest client the package's production code builds has a timeout (and it builds at least one). */
  allClientsTimed: boolean;
  /** The package's production code puts a `TimeoutLayer` (tower, tower-http) on a router or service: its handlers have a deadline. */
  routerTimeout: boolean;
}

/** What of one module is public API: everything `pub` in it, or the names re-exported from it. */
export interface PublicApi {
  /** Inline module paths inside the file (`''` for the file's own module, `inner::deep`) that are reachable. */
  modules: Set<string>;
  /** Items reachable by a `pub use` although their module is not: `name` or `inner::name`. */
  items: Set<string>;
}

/** The slice of the crate model that analysing one file uses. Plain data (it crosses to CLI workers). */
export interface CrateFacts {
  role: FileRole;
  edition: string;
  msrv?: Version;
  msrvFrom?: MsrvSource;
  /** crates.io would take the package: its public API has users outside it (see `crate/manifest.ts`). */
  published: boolean;
  asyncFns: Set<string>;
  modules: Set<string>;
  timeouts: TimeoutFacts;
  /**
   * This file's public API: nothing for a file only a binary, a test or `#[cfg(test)]` reaches;
   * undefined for a file no target reaches (unknown: every `pub` item counts, as without a model).
   */
  api?: PublicApi;
  publicTypes: Set<string>;
  /** Compiled only under a `#[cfg]` on its `mod` naming more than the platform (a `nightly` feature, a version probe). */
  versionGated?: boolean;
}

/** `[major, minor, patch]` of `rust-version = "1.31"` (missing parts are 0). */
export function parseVersion(text: string): Version | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

export function versionBelow(a: Version, b: Version): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

const setKeys = new WeakMap<Set<string>, string>();

/** A string that changes exactly when the facts do (the crate-wide sets are shared, and keyed once each). */
export function crateFactsKey(facts: CrateFacts | undefined): string {
  if (!facts) return '';
  const key = (set: Set<string>) => {
    let k = setKeys.get(set);
    // The size first: `{''}` (a file's own module is public) and `{}` would both join to ''.
    if (k === undefined) setKeys.set(set, (k = `${set.size}:${[...set].sort().join(',')}`));
    return k;
  };
  const { role, edition, msrv, msrvFrom, published, asyncFns, modules, timeouts, api, publicTypes, versionGated } = facts;
  const timeoutKey = [key(timeouts.fns), key(timeouts.fields), key(timeouts.statics), timeouts.allClientsTimed, timeouts.routerTimeout].join(';');
  return [role, edition, msrv?.join('.'), msrvFrom, published, key(asyncFns), key(modules), timeoutKey, api ? `${key(api.modules)}/${key(api.items)}` : '?', key(publicTypes), !!versionGated].join('|');
}
