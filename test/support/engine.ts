import type { Engine } from '../../server/src/analysis/engine';
import { createEngine } from '../../server/src/analysis/parser';
import type { Finding } from '../../server/src/analysis/finding';
import type { CrateFacts, Version } from '../../server/src/analysis/crateFacts';
import { ALL_RULES, ruleById } from '../../server/src/rules';

let engine: Promise<Engine> | undefined;

export function sharedEngine(): Promise<Engine> {
  engine ??= createEngine(ALL_RULES);
  return engine;
}

/** Lints `text` with one rule (or all) and returns the findings with their flagged text. */
export async function lint(text: string, ruleId?: string, relativePath = 'src/lib.rs', crate?: CrateFacts): Promise<(Finding & { text: string })[]> {
  const rule = ruleId ? ruleById(ruleId) : undefined;
  if (ruleId && !rule) throw new Error(`no rule ${ruleId}`);
  const findings = (await sharedEngine()).lint(text, { relativePath, rules: rule ? [rule] : undefined, crate });
  return findings.map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
}

/** The crate facts of production code in a package that declares `rust-version` (nothing else known about it). */
export function packageDeclaring(msrv: Version, edition = '2021'): CrateFacts {
  return { role: 'production', edition, msrv, published: true, asyncFns: new Set(), modules: new Set(), timeouts: { fns: new Set(), fields: new Set(), statics: new Set(), allClientsTimed: false, routerTimeout: false }, publicTypes: new Set() };
}
