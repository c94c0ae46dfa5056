import * as assert from 'assert';
import type { Finding } from '../../server/src/analysis/finding';
import type { CrateFacts } from '../../server/src/analysis/crateFacts';
import { lint } from './engine';
import { type VerifyOptions, verifyFix } from './fixHarness';

/**
 * Rule tests whose fixture is the expectation, as in rust-analyzer's `check_diagnostics` and clippy's
 * UI tests. Under each flagged line, a comment of carets marks the columns of the finding and a text
 * that its message must contain:
 *
 *   checkRule('static_mut', `
 *       pub static mut COUNTER: u64 = 0;
 *     //^^^^^^^^^^^^^^^^^^^^^^ global mutable state
 *       static OK: u8 = 0;
 *   `);
 *
 * The fixture is dedented by its code lines' common indent (so a finding at column 0 can still be
 * marked), the annotation lines are removed, the rest is linted, and the findings are drawn back
 * into the fixture the same way: the two texts must be equal, so a missing, extra or shifted finding
 * shows as a diff. A caret run ending in `…` marks a finding that goes on past the end of its line.
 */
export interface CheckOptions {
  /** Workspace-relative path of the fixture (default `src/lib.rs`): test files, build scripts… */
  path?: string;
  /** The package's facts, as the crate model would give them (its MSRV, edition…). */
  crate?: CrateFacts;
}

interface Annotation {
  /** Index of the code line it marks. */
  line: number;
  start: number;
  end: number;
  continues: boolean;
  text: string;
}

/** How annotation lines start: `//` in Rust fixtures, `#` in Cargo.toml and Dockerfile ones. */
export type Marker = '//' | '#';

const ANNOTATIONS: Record<Marker, RegExp> = { '//': /^(\s*)\/\/(\s*)(\^+)(…?)(?:\s(.*))?$/, '#': /^(\s*)#(\s*)(\^+)(…?)(?:\s(.*))?$/ };

export async function checkRule(ruleId: string, fixture: string, options: CheckOptions = {}): Promise<void> {
  const parsed = parseFixture(fixture);
  compareFindings(parsed, await lint(parsed.code, ruleId, options.path, options.crate));
}

/** Draws the findings into the fixture and compares the two texts (see `checkRule`). */
export function compareFindings(parsed: ReturnType<typeof parseFixture>, findings: readonly Finding[], marker: Marker = '//'): void {
  const actual = findings.map((f) => annotationOf(f, parsed.code, parsed.expected));
  assert.strictEqual(render(parsed.codeLines, parsed.indent, actual, marker), render(parsed.codeLines, parsed.indent, parsed.expected, marker));
}

/**
 * Applies the rule's fix (the first, or as `options` chooses) to `before` and compares the whole
 * result with `after`; the fix harness's checks run too (parses, finding gone, nothing new, fix-all
 * idempotent, and with `compile` the compiler accepts both texts).
 */
export async function checkFix(ruleId: string, before: string, after: string, options: VerifyOptions = {}): Promise<void> {
  const fixed = await verifyFix(dedent(before), ruleId, options);
  assert.strictEqual(fixed, dedent(after));
}

/** The fixture's code, without annotations, dedented; and the annotations in code coordinates. */
export function parseFixture(fixture: string, marker: Marker = '//'): { code: string; codeLines: string[]; indent: number; expected: Annotation[] } {
  const ANNOTATION = ANNOTATIONS[marker];
  const lines = trimFixture(fixture).split('\n');
  const indent = commonIndent(lines.filter((l) => !ANNOTATION.test(l)));
  const codeLines: string[] = [];
  const expected: Annotation[] = [];
  for (const line of lines) {
    const m = ANNOTATION.exec(line);
    if (!m) {
      codeLines.push(line.slice(indent));
      continue;
    }
    if (!codeLines.length) throw new Error(`an annotation before any code line: ${line}`);
    const start = m[1].length + marker.length + m[2].length - indent;
    if (start < 0) throw new Error(`an annotation left of the code's indent: ${line}`);
    expected.push({ line: codeLines.length - 1, start, end: start + m[3].length, continues: m[4] === '…', text: (m[5] ?? '').trim() });
  }
  return { code: codeLines.join('\n'), codeLines, indent, expected };
}

/** Where a finding stands, and the expected text when the message contains it (else the whole message). */
function annotationOf(f: Finding, code: string, expected: readonly Annotation[]): Annotation {
  const line = code.slice(0, f.start).split('\n').length - 1;
  const lineStart = code.lastIndexOf('\n', f.start - 1) + 1;
  const lineEnd = code.indexOf('\n', f.start);
  const continues = lineEnd >= 0 && f.end > lineEnd;
  const start = f.start - lineStart;
  const end = (continues ? lineEnd : f.end) - lineStart;
  const same = expected.find((e) => e.line === line && e.start === start && e.end === end && e.continues === continues && f.message.includes(e.text));
  return { line, start, end: Math.max(end, start + 1), continues, text: same ? same.text : f.message.replace(/\s*\n\s*/g, ' ') };
}

/** The code with each annotation drawn under its line, in a canonical form (the marker right before the carets). */
function render(codeLines: readonly string[], indent: number, annotations: readonly Annotation[], marker: Marker): string {
  const byLine = new Map<number, Annotation[]>();
  for (const a of annotations) byLine.set(a.line, [...(byLine.get(a.line) ?? []), a]);
  const out: string[] = [];
  codeLines.forEach((line, i) => {
    out.push(line);
    const marks = (byLine.get(i) ?? []).sort((a, b) => a.start - b.start || a.end - b.end || a.text.localeCompare(b.text));
    for (const a of marks) {
      const column = indent + a.start - marker.length;
      const lead = column >= 0 ? ' '.repeat(column) + marker : `(indent the fixture by ${-column} more)`;
      out.push(`${lead}${'^'.repeat(a.end - a.start)}${a.continues ? '…' : ''}${a.text ? ` ${a.text}` : ''}`);
    }
  });
  return out.join('\n');
}

/** Drops the newline after the opening backtick and the whitespace before the closing one. */
function trimFixture(fixture: string): string {
  return fixture.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
}

function commonIndent(lines: readonly string[]): number {
  const indents = lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  return indents.length ? Math.min(...indents) : 0;
}

/** A fixture as code: trimmed like `checkRule`'s and dedented, with a final newline. */
export function dedent(fixture: string): string {
  const lines = trimFixture(fixture).split('\n');
  const indent = commonIndent(lines);
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}
