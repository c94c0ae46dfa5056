import type { FileKind, FileRule } from './fileRule';
import type { Fix } from './rule';
import { applyDirectives, parseDirectives } from './directives';
import { type DockerFacts, DockerModel } from './dockerfile';
import type { Finding } from './finding';
import { LineIndex } from './lineIndex';
import { Manifest, type ManifestFacts } from './manifest';

/** What the host learnt beside a Cargo.toml or a Dockerfile (see `ManifestFacts`, `DockerFacts`). */
export interface OtherFileFacts {
  manifest?: ManifestFacts;
  docker?: DockerFacts;
}

/** Which rules a file gets from its name: `Cargo.toml`; `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function fileKindOf(pathOrUri: string): FileKind | undefined {
  const name = decodedName(pathOrUri.slice(Math.max(pathOrUri.lastIndexOf('/'), pathOrUri.lastIndexOf('\\')) + 1));
  if (name === 'Cargo.toml') return 'cargo';
  // `Dockerfile.dockerignore` is the ignore file BuildKit pairs with `Dockerfile`, not a Dockerfile.
  if (name.endsWith('.dockerignore')) return undefined;
  if (/^(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$/.test(name) || /\.(?:dockerfile|containerfile)$/i.test(name)) return 'docker';
  return undefined;
}

/** A URI's last segment decoded; a plain file name may hold a `%` that is no escape (docs.rs has `%3C%=-…`). */
function decodedName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The parsed file; each rule of `kind` takes exactly this model (the rule types say which). */
type Model = Manifest | DockerModel;
type Checks = { check: (m: Model) => Finding[]; fixes?: (f: Finding, m: Model, enabled: ReadonlySet<string>) => Fix[] };

function parse(kind: FileKind, text: string, facts: OtherFileFacts): Model | undefined {
  return kind === 'cargo' ? Manifest.parse(text, facts.manifest) : new DockerModel(text, facts.docker);
}

/**
 * The findings of the file rules on one Cargo.toml or Dockerfile, after `# rust-patterns: allow(…)`
 * comments. A text that does not parse has none; a rule that throws loses only its own findings.
 */
export function lintOtherFile(kind: FileKind, text: string, facts: OtherFileFacts, rules: readonly FileRule[], onRuleError?: (rule: FileRule, error: unknown) => void): Finding[] {
  const parsed = parse(kind, text, facts);
  if (!parsed) return [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.file !== kind) continue;
    try {
      findings.push(...(rule as Checks).check(parsed));
    } catch (error) {
      onRuleError?.(rule, error);
    }
  }
  const directives = parsed.comments.flatMap((c) => parseDirectives(c.text, c.start));
  const lines = new LineIndex(text);
  return applyDirectives(findings, directives, (o) => lines.positionAt(o).line).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The rule's repairs for one of its findings on this text, `rules` being those that run on it. */
export function otherFileFixes(kind: FileKind, rule: FileRule, finding: Finding, text: string, facts: OtherFileFacts, rules: readonly FileRule[]): Fix[] {
  const parsed = parse(kind, text, facts);
  if (!parsed || rule.file !== kind) return [];
  return (rule as Checks).fixes?.(finding, parsed, new Set(rules.map((r) => r.id))) ?? [];
}
