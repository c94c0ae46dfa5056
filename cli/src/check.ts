import * as path from 'path';
import { type ProjectConfig, effectiveSeverity } from '../../server/src/config/effectiveSeverity';
import { ProjectConfigs } from '../../server/src/config/projectConfig';
import { DEFAULT_TIMEOUT_SECONDS } from '../../server/src/config/limits';
import { createParser } from '../../server/src/analysis/parser';
import { CrateIndex } from '../../server/src/crate/crateIndex';
import { DiskReader } from '../../server/src/crate/diskReader';
import { type OtherFileFacts, fileKindOf } from '../../server/src/analysis/otherFiles';
import { otherFileFacts } from '../../server/src/config/fileFacts';
import { ALL_RULES, CATALOG, catalogRule, fileRulesFor } from '../../server/src/rules';
import type { FileKind } from '../../server/src/analysis/fileRule';
import { type RuleMeta, type Severity, SEVERITY_RANK, findingLevel } from '../../server/src/analysis/rule';
import type { Command, DenyLevel } from './args';
import { ResultCache } from './cache';
import { runPool } from './pool';
import { Progress } from './progress';
import type { CheckedFile, FileResult, Report, Task } from './report/model';
import { collectFiles } from './walk';

type CheckCommand = Extract<Command, { kind: 'check' }>;

/** Walks, configures, lints on worker threads, and gathers one report in file order. */
export async function runCheck(cmd: CheckCommand, workerScript: string, version: string, cwd = process.cwd()): Promise<Report> {
  const started = Date.now();
  const { files, errors } = collectFiles(cmd.paths);
  const configs = new ProjectConfigs();
  const crates = new CrateIndex(new DiskReader(), { parser: await createParser() });
  const tasks: Task[] = [];
  const levels = new Map<string, Map<string, Severity>>();
  const consulted: ProjectConfig[] = [];
  const cache = cmd.cacheDir === undefined ? undefined : ResultCache.open(path.resolve(cwd, cmd.cacheDir), workerScript, version);
  // The cache keys each file by its crate facts, and --fix must read the models before it changes a file: else the workers build them, parsing each file once.
  const workersBuildModels = !cache && !cmd.fix;
  const models = (manifest: string) => crates.modelOf(manifest) ?? crates.buildNow(manifest);
  // A Cargo.toml's facts come from its packages' models, built here: first, so that their .rs files take them rather than have a worker build them again.
  const otherFacts = new Map<string, OtherFileFacts>();
  for (const file of files) {
    const kind = fileKindOf(file);
    const config = kind && configs.forFile(file);
    if (kind && config && !configs.isExcluded(file, config)) otherFacts.set(file, otherFileFacts(kind, file, models));
  }
  for (const file of files) {
    const config = configs.forFile(file);
    consulted.push(config);
    if (configs.isExcluded(file, config)) continue;
    const kind = fileKindOf(file);
    const severities = new Map<string, Severity>();
    for (const rule of selectedRules(cmd.rules, kind)) {
      const level = effectiveSeverity(rule, config);
      // A rule asked for by --rule runs even where the configuration turns it off.
      if (level) severities.set(rule.id, level);
      else if (cmd.rules) severities.set(rule.id, rule.severity);
    }
    levels.set(file, severities);
    const relativePath = relativeTo(cwd, file, config);
    const manifest = !kind && workersBuildModels && !crates.modelOf(file) ? crates.packageOf(file) : undefined;
    if (!kind && !manifest && !crates.modelOf(file)) crates.buildNow(file);
    tasks.push({
      file,
      relativePath,
      ...(kind ? { other: { kind, facts: otherFacts.get(file)! } } : manifest ? { packageManifest: manifest } : { crate: crates.factsFor(file) }),
      ruleIds: [...severities.keys()],
      timeoutSeconds: config.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      fix: cmd.fix,
      withFixes: cmd.format !== 'text',
    });
  }

  const results = new Map<string, FileResult>();
  for (const task of tasks) {
    const cached = cache?.lookup(task);
    if (cached) results.set(task.file, cached);
  }
  const cached = results.size;
  const progress = new Progress(tasks.length - cached);
  let found = 0;
  await runPool(workerScript, tasks.filter((t) => !results.has(t.file)), cmd.jobs, (r) => {
    results.set(r.file, r);
    cache?.store(r);
    found += r.findings.length;
    progress.update(results.size - cached, found);
  });
  progress.end();
  const cacheProblem = cache?.save();

  const checked: CheckedFile[] = tasks.map(({ file }) => {
    const r = results.get(file) ?? { file, findings: [], fixed: 0, problem: { kind: 'error' as const, message: 'not analysed' } };
    const severities = levels.get(file)!;
    return { ...r, path: display(cwd, file), findings: r.findings.map((f) => ({ ...f, severity: findingLevel(catalogRule(f.ruleId)!, severities.get(f.ruleId) ?? catalogRule(f.ruleId)!.severity, f) })) };
  });

  const seen = new Set<string>();
  const configProblems = consulted
    .flatMap((c) => c.problems)
    .filter((p) => {
      const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
      return !seen.has(key) && !!seen.add(key);
    })
    .map((p) => ({ ...p, path: display(cwd, p.file) }));
  return { cwd, files: checked, configProblems, pathErrors: errors, elapsedMs: Date.now() - started, cached, cacheProblem };
}

/** 2 when something could not be read, else 1 when a finding (or configuration problem) reaches `deny`. */
export function exitCode(report: Report, deny: DenyLevel): number {
  if (report.pathErrors.length || report.files.some((f) => f.problem?.kind === 'error')) return 2;
  if (deny === 'none') return 0;
  const levels: Severity[] = [...report.files.flatMap((f) => f.findings.map((x) => x.severity)), ...report.configProblems.map((p) => p.severity)];
  return levels.some((l) => SEVERITY_RANK[l] >= SEVERITY_RANK[deny]) ? 1 : 0;
}

/** The rules asked for (all by default) that read this kind of file: Rust sources, or a Cargo.toml or Dockerfile. */
function selectedRules(ids: string[] | undefined, kind: FileKind | undefined): readonly RuleMeta[] {
  const forKind: readonly RuleMeta[] = kind ? fileRulesFor(kind) : ALL_RULES;
  return ids ? CATALOG.filter((r) => ids.includes(r.id) && forKind.includes(r)) : forKind;
}

/**
 * The path the test-code exemptions look at: relative to the working directory (the editor's
 * workspace folder) when the file is inside it, else to the file's Cargo package.
 */
function relativeTo(cwd: string, file: string, config: ProjectConfig): string {
  const rel = path.relative(cwd, file);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  const cargo = [...config.files].reverse().find((f) => path.basename(f) === 'Cargo.toml');
  return cargo ? path.relative(path.dirname(cargo), file) : path.basename(file);
}

function display(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
