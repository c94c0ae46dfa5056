import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import pkg from '../../../package.json';
import { CATALOG } from '../../../server/src/rules';
import { explain } from '../../../server/src/rules/docs';
import type { FileRule } from '../../../server/src/analysis/fileRule';
import type { Rule, Severity } from '../../../server/src/analysis/rule';
import type { CheckedFile, LeveledFinding, Range, Report } from './model';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const ROOT = '%SRCROOT%';

/** Our fingerprint's key in `partialFingerprints`; bump the version when what it hashes changes. */
export const FINGERPRINT_KEY = 'rustPatterns/v1';

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: the driver lists every rule with its help (the
 * hover's text), security rules tagged with their CWE and a `security-severity`; results carry
 * 1-based regions (UTF-16 columns, end exclusive) relative to %SRCROOT% (the working directory), a
 * fingerprint that survives lines moving, and the rule's repairs as `fixes`.
 */
export function formatSarif(report: Report): string {
  const index = new Map(CATALOG.map((r, i) => [r.id, i]));
  const artifact = (p: string) =>
    path.isAbsolute(p) ? { uri: pathToFileURL(p).href } : { uri: p.split('/').map(encodeURIComponent).join('/'), uriBaseId: ROOT };
  const region = (r: Range) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

  const results = report.files.flatMap((file) =>
    fingerprinted(file).map(([f, fingerprint]) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
      locations: [{ physicalLocation: { artifactLocation: artifact(file.path), region: { ...region(f), snippet: { text: f.lineText } } } }],
      ...(f.related?.length
        ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: artifact(file.path), region: region(r) } })) }
        : {}),
      ...(f.fixes?.length
        ? {
            fixes: f.fixes.map((x) => ({
              description: { text: x.title },
              artifactChanges: [{ artifactLocation: artifact(file.path), replacements: x.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })) }],
              properties: { safe: x.safe },
            })),
          }
        : {}),
    })),
  );

  const notification = (level: 'error' | 'warning', text: string, p: string, at?: { line: number; column: number }) => ({
    level,
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: artifact(p), ...(at ? { region: { startLine: at.line, startColumn: at.column } } : {}) } }],
  });
  const failed = report.pathErrors.length > 0 || report.files.some((f) => f.problem?.kind === 'error');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rust-patterns',
            version: pkg.version,
            semanticVersion: pkg.version,
            rules: CATALOG.map(descriptor),
          },
        },
        originalUriBaseIds: { [ROOT]: { uri: `${pathToFileURL(report.cwd).href}/` } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: !failed,
            toolExecutionNotifications: [
              ...report.pathErrors.map((p) => notification('error', p.message, p.path)),
              ...report.files.filter((f) => f.problem).map((f) => notification(f.problem!.kind === 'error' ? 'error' : 'warning', f.problem!.message, f.path)),
            ],
            toolConfigurationNotifications: report.configProblems.map((p) => notification(p.severity, p.message, p.path, p)),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(rule: Rule | FileRule) {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: plain(rule.summary) },
    fullDescription: { text: plain(rule.docs.what) },
    help: { text: plain(`${rule.docs.what}\n\n${rule.docs.why}`), markdown: explain(rule) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['rust', ...('file' in rule ? [rule.file === 'cargo' ? 'cargo' : 'docker'] : []), ...(rule.security ? ['security', `external/cwe/cwe-${rule.security.cwe}`] : []), ...(rule.clippy ?? []).map((l) => `clippy::${l}`)],
      precision: 'high',
      ...(rule.security ? { 'security-severity': rule.security.score.toFixed(1) } : {}),
      section: rule.section,
    },
  };
}

/**
 * Code scanning matches a result across runs by its fingerprint: ours hashes the rule, the file and
 * the flagged line's text (white space folded) with how many identical ones come before it in the
 * file, never the line number, so an alert keeps its identity (and its dismissal) when code above it moves.
 */
function fingerprinted(file: CheckedFile): [LeveledFinding, string][] {
  const seen = new Map<string, number>();
  return file.findings.map((f) => {
    const key = [f.ruleId, file.path, f.lineText.trim().replace(/\s+/g, ' ')].join('\0');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return [f, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}`];
  });
}

/** Drops the Markdown backticks for the plain-text fields. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}
