import type { Rule } from './rule';
import { unwrapInProduction } from './unwrap_in_production';
import { cloneThenReset } from './clone_then_reset';
import { memReplaceWithDefault } from './mem_replace_with_default';
import { redundantClone } from './redundant_clone';
import { cloneOnCopy } from './clone_on_copy';

/** The catalog: every rule the server, the CLI and the docs know. Order is the docs' order. */
export const ALL_RULES: readonly Rule[] = [unwrapInProduction, cloneThenReset, memReplaceWithDefault, redundantClone, cloneOnCopy];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
