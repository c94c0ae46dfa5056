import type { DockerModel } from './dockerfile';
import type { Finding } from './finding';
import type { Manifest } from './manifest';
import type { Fix, FixPromise, RuleMeta } from './rule';

/** A rule on a Cargo.toml: reads the parsed manifest and the facts the host gathered beside it. */
interface CargoRuleBase extends RuleMeta {
  file: 'cargo';
  check: (manifest: Manifest) => Finding[];
}

/** A rule on a Dockerfile. */
interface DockerRuleBase extends RuleMeta {
  file: 'docker';
  check: (dockerfile: DockerModel) => Finding[];
}

/**
 * A file rule with fixes declares what they promise, as a Rust rule does (`Rule.fix`). `enabled`: the
 * ids of the rules that run on this file (a fix for several findings takes only theirs).
 */
type WithFixes<Base, M> = (Base & { fix: FixPromise; fixes: (finding: Finding, model: M, enabled: ReadonlySet<string>) => Fix[] }) | (Base & { fix?: undefined; fixes?: undefined });

export type CargoRule = WithFixes<CargoRuleBase, Manifest>;
export type DockerRule = WithFixes<DockerRuleBase, DockerModel>;

/** Rules on the files beside the Rust code. */
export type FileRule = CargoRule | DockerRule;
export type FileKind = FileRule['file'];
