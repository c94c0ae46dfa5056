/**
 * What a reviewer knows about a Cargo package beyond the file in front of them: which target each
 * file belongs to, the module tree that reaches it, the MSRV and edition, and a few cross-file facts
 * the rules need. Plain data: the server and the CLI build it (`assemble.ts`), rules read the slice
 * of it that concerns one file (`CrateFacts`), and nothing here reads a file.
 */

import type { CrateFacts, FileRole, MsrvSource, PublicApi, TimeoutFacts, Version } from '../analysis/crateFacts';

export interface CrateFile {
  role: FileRole;
  /** `crate::net::tcp` for `src/net/tcp.rs` reached from `src/lib.rs`; `''` for a file no target reaches. */
  module: string;
  /** Every `mod` path reaching it passes a `#[cfg]` naming more than the platform (see `gatesOnVersion`). */
  versionGated?: boolean;
}

/** The cross-file facts of one package (see `FileDeclarations` for what each file contributes). */
export interface CrateModel {
  /** The package's directory (where its Cargo.toml is). */
  root: string;
  name: string;
  edition: string;
  msrv?: Version;
  msrvFrom?: MsrvSource;
  /** Whether crates.io would take the package (see `Manifest.published`). */
  published: boolean;
  /** Absolute path → role and module. Only files some target reaches, or fixtures. */
  files: Map<string, CrateFile>;
  /** Names of `async fn`s declared in the package's production and test code, that no sync fn shares. */
  asyncFns: Set<string>;
  /** Names of the package's modules (any depth), to tell `db::save(..)` (ours) from an external crate's path. */
  modules: Set<string>;
  timeouts: TimeoutFacts;
  /** Which items of each module are reachable from the library's root (see `PublicApi`). */
  api: Map<string, PublicApi>;
  /** Names of types and traits reachable from the library's root, whose methods are then public API. */
  publicTypes: Set<string>;
  /** Its production code catches panics or keeps them inside tasks: `panic = "abort"` would change what it does. */
  reliesOnUnwinding: boolean;
}

const NOTHING_PUBLIC: PublicApi = { modules: new Set(), items: new Set() };

/** The facts for one file of the model, in the role the model gives it (or undefined when it has none). */
export function crateFactsFor(model: CrateModel, file: string, role = model.files.get(file)?.role): CrateFacts | undefined {
  if (!role) return undefined;
  return {
    role,
    edition: model.edition,
    msrv: model.msrv,
    msrvFrom: model.msrvFrom,
    published: model.published,
    asyncFns: model.asyncFns,
    modules: model.modules,
    timeouts: model.timeouts,
    api: model.api.get(file) ?? (model.files.has(file) ? NOTHING_PUBLIC : undefined),
    publicTypes: model.publicTypes,
    ...(model.files.get(file)?.versionGated ? { versionGated: true } : {}),
  };
}

