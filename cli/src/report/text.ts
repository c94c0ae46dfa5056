import type { Severity } from '../../../server/src/analysis/rule';
import type { LeveledFinding, Report } from './model';

export interface TextStyle {
  color: boolean;
}

const COLORS: Record<Severity | 'bold' | 'dim' | 'note', string> = { error: '31;1', warning: '33;1', info: '36;1', hint: '32;1', bold: '1', dim: '34;1', note: '2' };

/**
 * clippy's shape: `path:line:col: warning[rule_id]: message`, then the source line with carets under
 * the flagged span. Lines and columns are 1-based; columns count UTF-16 code units, as LSP and SARIF do.
 */
export function formatText(report: Report, style: TextStyle): string {
  const paint = (what: keyof typeof COLORS, s: string) => (style.color ? `\x1b[${COLORS[what]}m${s}\x1b[0m` : s);
  const out: string[] = [];
  for (const p of report.pathErrors) out.push(`${p.path}: ${paint('error', 'error')}: ${p.message}`);
  for (const p of report.configProblems) out.push(`${p.path}:${p.line}:${p.column}: ${paint(p.severity, `${p.severity}[config]`)}: ${p.message}`, '');
  let fixed = 0;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of report.files) {
    fixed += file.fixed;
    if (file.problem) out.push(`${file.path}: ${paint(file.problem.kind === 'error' ? 'error' : 'warning', file.problem.kind === 'error' ? 'error' : 'warning')}: ${file.problem.message}`);
    for (const f of file.findings) {
      counts[f.severity]++;
      out.push(`${paint('bold', `${file.path}:${f.start.line + 1}:${f.start.character + 1}:`)} ${paint(f.severity, `${f.severity}[${f.ruleId}]`)}${paint('bold', `: ${f.message}`)}`);
      out.push(...sourceExcerpt(f, (s) => paint('dim', s), (s) => paint(f.severity, s)));
      for (const r of f.related ?? []) out.push(`${' '.repeat(gutter(f))}${paint('dim', '=')} ${paint('note', `note: ${r.message} (line ${r.start.line + 1})`)}`);
      out.push('');
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const parts = (Object.keys(counts) as Severity[]).filter((k) => counts[k]).map((k) => `${counts[k]} ${k}${counts[k] === 1 || k === 'info' ? '' : 's'}`);
  const skipped = report.files.filter((f) => f.problem).length;
  const unread = report.pathErrors.length;
  // Only paths that could not be read: their errors say it all, a count of no findings would mislead.
  if (unread && !report.files.length) return `${out.join('\n')}\n`;
  out.push(
    `${total ? `${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')})` : 'No findings'} in ${report.files.length} file${report.files.length === 1 ? '' : 's'}` +
      (fixed ? `; fixed ${fixed} problem${fixed === 1 ? '' : 's'}` : '') +
      (skipped ? `; ${skipped} file${skipped === 1 ? '' : 's'} not checked` : '') +
      (unread ? `; ${unread} path${unread === 1 ? '' : 's'} not read` : '') +
      ` (${(report.elapsedMs / 1000).toFixed(2)} s).`,
  );
  return `${out.join('\n')}\n`;
}

function gutter(f: LeveledFinding): number {
  return String(f.start.line + 1).length + 1;
}

/** ` 6 |     let port = var("PORT").unwrap();` and the caret line under it. */
function sourceExcerpt(f: LeveledFinding, dim: (s: string) => string, mark: (s: string) => string): string[] {
  const n = String(f.start.line + 1);
  const pad = ' '.repeat(n.length);
  const line = f.lineText.replace(/\t/g, '    ');
  const before = [...f.lineText.slice(0, f.start.character)].map((c) => (c === '\t' ? '    ' : ' ')).join('');
  const endChar = f.end.line === f.start.line ? f.end.character : f.lineText.length;
  const width = Math.max(1, [...f.lineText.slice(f.start.character, endChar)].length);
  return [`${pad} ${dim('|')}`, `${dim(`${n} |`)} ${line}`, `${pad} ${dim('|')} ${before}${mark('^'.repeat(width))}`];
}
