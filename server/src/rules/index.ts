import type { Rule } from './rule';
import { unwrapInProduction } from './unwrap_in_production';
import { cloneThenReset } from './clone_then_reset';
import { memReplaceWithDefault } from './mem_replace_with_default';

/** The catalog: every rule the server, the CLI and the docs know. Order is the docs' order. */
export const ALL_RULES: readonly Rule[] = [unwrapInProduction, cloneThenReset, memReplaceWithDefault];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
