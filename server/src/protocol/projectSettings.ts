import { type Diagnostic, DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { fsPath } from '../documents/documentStore';
import { EMPTY_CONFIG, type ProjectConfig, effectiveSeverity } from '../config/effectiveSeverity';
import type { ProjectConfigs } from '../config/projectConfig';
import { ALL_RULES, FILE_RULES } from '../rules';
import type { FileRule } from '../analysis/fileRule';
import type { Rule, RuleMeta, Severity } from '../analysis/rule';
import { SOURCE } from './diagnostics';
import { DEFAULT_TIMEOUT_SECONDS } from '../config/limits';
import type { Settings } from './settings';

/** Files the server watches: a change to any of them reloads the configuration. */
export const CONFIG_GLOBS = ['**/Cargo.toml', '**/rust-patterns.toml'];

/**
 * What applies to one document: the editor's settings over the project's configuration files
 * (Cargo.toml metadata and lints, rust-patterns.toml) over the rules' defaults. Also publishes the
 * problems found in those files as diagnostics on them. Without `configs` (no file system to read
 * them from) only the editor's settings apply.
 */
export class ProjectSettings {
  /** Configuration files with problems published, by URI, with what was published. */
  private published = new Map<string, string>();
  /** The same, as diagnostics: a Cargo.toml open in the editor gets them with its findings. */
  private current = new Map<string, Diagnostic[]>();

  constructor(
    private readonly settings: () => Settings,
    private readonly configs?: ProjectConfigs,
  ) {}

  /** The rules to run on a document: none when disabled or excluded by the project. */
  rulesFor(uri: string): Rule[] {
    return this.enabled(ALL_RULES, uri);
  }

  /** The same for a Cargo.toml or a Dockerfile. */
  fileRulesFor(uri: string): FileRule[] {
    return this.enabled(FILE_RULES, uri);
  }

  private enabled<R extends RuleMeta>(rules: readonly R[], uri: string): R[] {
    if (!this.settings().enable) return [];
    const file = fsPath(uri);
    const config = this.configFor(uri);
    if (file && this.configs?.isExcluded(file, config)) return [];
    return rules.filter((r) => effectiveSeverity(r, config, this.settings().rules) !== undefined);
  }

  severityOf(rule: RuleMeta, uri: string): Severity | undefined {
    return effectiveSeverity(rule, this.configFor(uri), this.settings().rules);
  }

  timeoutSeconds(uri: string): number {
    return this.settings().timeoutSeconds ?? this.configFor(uri).timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  }

  /** A configuration file changed on disk: everything is read again on next use. */
  reload(): void {
    this.configs?.clear();
  }

  /**
   * Diagnostics for the configuration files the open documents use: one per problem on each file
   * with problems, and an empty list for a file whose problems are gone. Only what changed.
   */
  configDiagnostics(openUris: readonly string[]): PublishDiagnosticsParams[] {
    const byFile = new Map<string, Diagnostic[]>();
    const seen = new Set<string>();
    for (const uri of openUris) {
      for (const p of this.configFor(uri).problems) {
        const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const at = { line: p.line - 1, character: p.column - 1 };
        const list = byFile.get(p.file) ?? [];
        list.push({ range: { start: at, end: { line: at.line + 1, character: 0 } }, severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, source: SOURCE, message: p.message });
        byFile.set(p.file, list);
      }
    }
    const out: PublishDiagnosticsParams[] = [];
    const next = new Map<string, string>();
    this.current = new Map();
    for (const [file, diagnostics] of byFile) {
      const uri = URI.file(file).toString();
      this.current.set(uri, diagnostics);
      const key = JSON.stringify(diagnostics);
      next.set(uri, key);
      if (this.published.get(uri) !== key) out.push({ uri, diagnostics });
    }
    for (const uri of this.published.keys()) if (!next.has(uri)) out.push({ uri, diagnostics: [] });
    this.published = next;
    return out;
  }

  /** The problems last published on a configuration file (none when it has none). */
  configDiagnosticsOn(uri: string): Diagnostic[] {
    return this.current.get(URI.parse(uri).toString()) ?? [];
  }

  private configFor(uri: string): ProjectConfig {
    const file = fsPath(uri);
    return file && this.configs ? this.configs.forFile(file) : EMPTY_CONFIG;
  }
}
