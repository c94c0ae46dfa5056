import type { DockerModel } from '../analysis/dockerfile';
import type { Finding } from '../analysis/finding';
import type { Manifest } from '../analysis/manifest';
import type { Fix, RuleMeta } from './rule';

/** A rule on a Cargo.toml: reads the parsed manifest and the facts the host gathered beside it. */
export interface CargoRule extends RuleMeta {
  file: 'cargo';
  check: (manifest: Manifest) => Finding[];
  /** `enabled`: the ids of the rules that run on this file (a fix for several findings takes only theirs). */
  fixes?: (finding: Finding, manifest: Manifest, enabled: ReadonlySet<string>) => Fix[];
}

/** A rule on a Dockerfile. */
export interface DockerRule extends RuleMeta {
  file: 'docker';
  check: (dockerfile: DockerModel) => Finding[];
  fixes?: (finding: Finding, dockerfile: DockerModel) => Fix[];
}

/** Rules on the files beside the Rust code. */
export type FileRule = CargoRule | DockerRule;
export type FileKind = FileRule['file'];
