import type { Severity } from './rule';

/** A place in the document text, in UTF-16 code units (what JS strings, LSP and web-tree-sitter share). */
export interface Span {
  start: number;
  end: number;
}

export interface RelatedSpan extends Span {
  message: string;
}

/** Rule-specific facts a quick fix needs later: small and JSON-safe, as they travel with the diagnostic. */
export type FindingData = Record<string, string | number | boolean | null>;

/** One problem found by one rule. Spans are absolute offsets into the document text. */
export interface Finding<D extends FindingData = FindingData> extends Span {
  ruleId: string;
  /**
   * A level below the rule's for this finding alone (a milder case of the same pattern); it can
   * only lower what the rule is configured to, never raise it (see findingLevel).
   */
  severity?: Severity;
  /** Names the actual code, e.g. "`config.unwrap()` panics when …". Markdown. */
  message: string;
  related?: RelatedSpan[];
  /** What the rule's `fixes` read back: the type its `Rule<D>` declares. */
  data?: D;
}

export function shiftFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const shifted: Finding = { ...f, start: f.start + delta, end: f.end + delta };
  if (f.related) shifted.related = f.related.map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }));
  return shifted;
}
