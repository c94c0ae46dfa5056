import pkg from '../../../package.json';
import type { Severity } from '../../../server/src/analysis/rule';
import type { Position, Report } from './model';

/** 1-based line and column (UTF-16 code units), as shown in the text report. */
const pos = (p: Position) => ({ line: p.line + 1, column: p.character + 1 });

/**
 * The JSON report (schema version 1, documented in docs/cli.md). Additive changes keep the version;
 * anything else bumps it.
 */
export function formatJson(report: Report): string {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const findings = report.files.flatMap((file) =>
    file.findings.map((f) => {
      bySeverity[f.severity]++;
      return {
        path: file.path,
        rule: f.ruleId,
        severity: f.severity,
        message: f.message,
        start: pos(f.start),
        end: pos(f.end),
        related: (f.related ?? []).map((r) => ({ message: r.message, start: pos(r.start), end: pos(r.end) })),
        fixes: (f.fixes ?? []).map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => ({ start: pos(e.start), end: pos(e.end), newText: e.newText })) })),
      };
    }),
  );
  return `${JSON.stringify(
    {
      version: 1,
      tool: { name: 'rust-patterns', version: pkg.version },
      findings,
      configProblems: report.configProblems.map((p) => ({ path: p.path, severity: p.severity, message: p.message, start: { line: p.line, column: p.column } })),
      notChecked: [
        ...report.pathErrors.map((p) => ({ path: p.path, kind: 'error', message: p.message })),
        ...report.files.filter((f) => f.problem).map((f) => ({ path: f.path, kind: f.problem!.kind, message: f.problem!.message })),
      ],
      summary: {
        files: report.files.length,
        findings: findings.length,
        bySeverity,
        fixed: report.files.reduce((n, f) => n + f.fixed, 0),
        cached: report.cached,
        elapsedMs: report.elapsedMs,
      },
    },
    null,
    2,
  )}\n`;
}
