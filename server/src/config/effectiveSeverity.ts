import type { Ignore } from 'ignore';
import type { RuleMeta, Severity, SeveritySetting } from '../analysis/rule';
import type { ConfigProblem } from './configFile';

/** The configuration that applies to one directory, merged from every file above it. */
export interface ProjectConfig {
  /** Per-rule levels from the files; rules not named keep their default. */
  rules: Record<string, SeveritySetting>;
  timeoutSeconds?: number;
  /** Every configuration file consulted, nearest last. */
  files: string[];
  /** Problems in those files (each file's problems are reported on that file). */
  problems: ConfigProblem[];
  /** `exclude` patterns (gitignore syntax) with the directory they are relative to. */
  exclude: { base: string; patterns: Ignore }[];
}

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, files: [], problems: [], exclude: [] };

/**
 * A rule's severity for a file: the editor's `rustPatterns.rules` setting first, then the project's
 * files, then the rule's default. `undefined` means the rule is off.
 */
export function effectiveSeverity(rule: RuleMeta, config: ProjectConfig, editor: Record<string, SeveritySetting> = {}): Severity | undefined {
  const level = editor[rule.id] ?? config.rules[rule.id] ?? rule.severity;
  return level === 'off' ? undefined : level;
}
