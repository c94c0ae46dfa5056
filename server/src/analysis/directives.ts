import type { Finding, Span } from './finding';

/** `// rust-patterns: allow(id, …)` (this line or the next) or `allow-file(id, …)` (whole file). */
export interface Directive extends Span {
  ids: string[];
  fileWide: boolean;
}

const DIRECTIVE = /rust-patterns:\s*(allow|allow-file)\s*\(([^)]*)\)/g;

export function parseDirectives(comment: string, start: number): Directive[] {
  const out: Directive[] = [];
  for (const m of comment.matchAll(DIRECTIVE)) {
    const ids = m[2].split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length) out.push({ start, end: start + comment.length, ids, fileWide: m[1] === 'allow-file' });
  }
  return out;
}

/** Drops the findings a directive allows. `lineOf` maps an offset to its 0-based line. */
export function applyDirectives(findings: Finding[], directives: Directive[], lineOf: (offset: number) => number): Finding[] {
  if (!directives.length) return findings;
  const fileWide = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  for (const d of directives) {
    if (d.fileWide) d.ids.forEach((id) => fileWide.add(id));
    else {
      // A directive covers its own line (trailing comment) and the line after it.
      const line = lineOf(d.start);
      for (const l of [line, line + 1]) {
        const set = byLine.get(l) ?? new Set<string>();
        d.ids.forEach((id) => set.add(id));
        byLine.set(l, set);
      }
    }
  }
  return findings.filter((f) => {
    if (fileWide.has(f.ruleId) || fileWide.has('all')) return false;
    const ids = byLine.get(lineOf(f.start));
    return !(ids && (ids.has(f.ruleId) || ids.has('all')));
  });
}
