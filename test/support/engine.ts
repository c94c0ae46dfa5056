import type { Engine } from '../../server/src/analysis/engine';
import { createEngine } from '../../server/src/analysis/parser';
import type { Finding } from '../../server/src/analysis/finding';
import { ALL_RULES, ruleById } from '../../server/src/rules';

let engine: Promise<Engine> | undefined;

export function sharedEngine(): Promise<Engine> {
  engine ??= createEngine(ALL_RULES);
  return engine;
}

/** Lints `text` with one rule (or all) and returns the findings with their flagged text. */
export async function lint(text: string, ruleId?: string, relativePath = 'src/lib.rs'): Promise<(Finding & { text: string })[]> {
  const rule = ruleId ? ruleById(ruleId) : undefined;
  if (ruleId && !rule) throw new Error(`no rule ${ruleId}`);
  const findings = (await sharedEngine()).lint(text, { relativePath, rules: rule ? [rule] : undefined });
  return findings.map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
}
