import * as fs from 'fs';
import type { Parser, Tree } from 'web-tree-sitter';
import { parentPort } from 'worker_threads';
import type { Engine } from '../../server/src/analysis/engine';
import { LineIndex } from '../../server/src/analysis/lineIndex';
import { createEngine, createParser } from '../../server/src/analysis/parser';
import { CrateIndex } from '../../server/src/crate/crateIndex';
import { DiskReader } from '../../server/src/crate/diskReader';
import type { Finding } from '../../server/src/analysis/finding';
import type { FileRule } from '../../server/src/analysis/fileRule';
import { lintOtherFile, otherFileFixes } from '../../server/src/analysis/otherFiles';
import { DEFAULT_MAX_FILE_SIZE } from '../../server/src/config/limits';
import { ALL_RULES, fileRuleById, ruleById } from '../../server/src/rules';
import type { Fix, Rule } from '../../server/src/analysis/rule';
import type { FileResult, ReportedFinding, Task } from './report/model';
import { ioErrorMessage } from './walk';

/** Strict decoding: a file that is not UTF-8 is reported, never analysed as mojibake. The BOM is kept. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** One worker thread: its own engine (parser and wasm instance), checking the files it is sent. */
export async function runWorker(): Promise<void> {
  const port = parentPort!;
  const engine = await createEngine(ALL_RULES);
  const models = new PackageModels(await createParser());
  const ruleSets = new Map<string, Rule[]>();
  const rulesFor = (ids: string[]) => {
    const key = ids.join(',');
    let rules = ruleSets.get(key);
    if (!rules) ruleSets.set(key, (rules = ids.map((id) => ruleById(id)!).filter(Boolean)));
    return rules;
  };
  port.on('message', (tasks: Task[]) => {
    const parsed = models.prepare(engine, tasks);
    try {
      port.postMessage(tasks.map((t) => checkFile(engine, t, t.other ? [] : rulesFor(t.ruleIds), parsed.get(t.file))));
    } finally {
      for (const p of parsed.values()) p.tree.delete();
    }
  });
  port.postMessage('ready');
}

/** The file's text, or why it is not checked. */
function readSource(file: string): string | Pick<FileResult, 'problem'> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { problem: { kind: 'error', message: `cannot read: ${ioErrorMessage(e)}` } };
  }
  if (bytes.length > DEFAULT_MAX_FILE_SIZE) {
    return { problem: { kind: 'skipped', message: `skipped: ${(bytes.length / 1024 / 1024).toFixed(1)} MB is over the ${DEFAULT_MAX_FILE_SIZE / 1024 / 1024} MB limit` } };
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    return { problem: { kind: 'skipped', message: 'skipped: not valid UTF-8' } };
  }
}

/** `parsed`: the file's text and tree, read already for its package's model. */
export function checkFile(engine: Engine, task: Task, rules: Rule[], parsed?: Parsed): FileResult {
  const result: FileResult = { file: task.file, findings: [], fixed: 0 };
  const source = parsed?.text ?? readSource(task.file);
  if (typeof source !== 'string') return { ...result, ...source };
  let text = source;
  let tree = parsed?.tree;
  const options = { rules, relativePath: task.relativePath, crate: task.crate, timeoutSeconds: task.timeoutSeconds };
  try {
    if (task.fix && rules.length && !task.other) {
      const fixed = engine.fixAll(text, options);
      if (fixed.fixed && fixed.text !== text) {
        try {
          fs.writeFileSync(task.file, fixed.text);
        } catch (e) {
          return { ...result, problem: { kind: 'error', message: `cannot write the fixes: ${ioErrorMessage(e)}` } };
        }
        text = fixed.text;
        tree = undefined;
        result.fixed = fixed.fixed;
      }
    }
    const lines = new LineIndex(text);
    const range = (start: number, end: number) => ({ start: lines.positionAt(start), end: lines.positionAt(end) });
    const found: { finding: Finding; fixes?: Fix[] }[] = task.other ? lintOther(task, text) : task.withFixes ? engine.lintWithFixes(text, options, tree) : engine.lint(text, options, tree).map((finding) => ({ finding }));
    result.findings = found.map(({ finding: f, fixes }) => {
      const r: ReportedFinding = { ruleId: f.ruleId, message: f.message, ...range(f.start, f.end), lineText: '' };
      r.lineText = lines.lineText(r.start.line);
      if (f.severity) r.severity = f.severity;
      if (f.related?.length) r.related = f.related.map((x) => ({ message: x.message, ...range(x.start, x.end) }));
      if (fixes?.length) r.fixes = fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => ({ ...range(e.start, e.end), newText: e.newText })) }));
      return r;
    });
  } catch (e) {
    // An engine failure on one file must not lose the others' results.
    return { ...result, findings: [], problem: { kind: 'skipped', message: `not analysed: ${e instanceof Error ? e.message : e}` } };
  }
  return result;
}

/** A Cargo.toml or Dockerfile: the file rules on the facts read beside it. Their fixes are never safe, so `--fix` leaves it. */
function lintOther(task: Task, text: string): { finding: Finding; fixes?: Fix[] }[] {
  const { kind, facts } = task.other!;
  const rules = task.ruleIds.map(fileRuleById).filter((r): r is FileRule => !!r);
  return lintOtherFile(kind, text, facts, rules).map((finding) => ({
    finding,
    fixes: task.withFixes ? otherFileFixes(kind, fileRuleById(finding.ruleId)!, finding, text, facts, rules) : undefined,
  }));
}

interface Parsed {
  text: string;
  tree: Tree;
}

/** Trees kept from the model's reading for the analysis, up to this much text a batch (a tree takes several times its text). */
const KEPT_TEXT = 8 * 1024 * 1024;

/**
 * The crate models a worker builds for the tasks that ask it to (`packageManifest`), from the trees
 * it parses for the analysis: each file of the batch is parsed once. The models of one package at
 * a time are kept (a package's files come in consecutive batches).
 */
class PackageModels {
  private manifest: string | undefined;
  private index: CrateIndex | undefined;

  constructor(private readonly parser: Parser) {}

  /** Builds the models the batch needs, setting each task's `crate`; returns the trees kept for the analysis. */
  prepare(engine: Engine, tasks: Task[]): Map<string, Parsed> {
    const parsed = new Map<string, Parsed>();
    let kept = 0;
    // A package at a time: the index holds one.
    for (const manifest of new Set(tasks.map((t) => t.packageManifest))) {
      if (!manifest) continue;
      const index = this.indexFor(manifest);
      const own = tasks.filter((t) => t.packageManifest === manifest);
      for (const task of own) {
        if (index.modelOf(task.file)) break;
        const text = readSource(task.file);
        if (typeof text !== 'string') continue;
        let tree: Tree;
        try {
          tree = engine.parse(text);
        } catch {
          continue;
        }
        index.declare(task.file, text, tree);
        if (kept + text.length <= KEPT_TEXT) {
          kept += text.length;
          parsed.set(task.file, { text, tree });
        } else tree.delete();
      }
      for (const task of own) {
        if (!index.modelOf(task.file)) index.buildNow(task.file);
        task.crate = index.factsFor(task.file);
      }
    }
    return parsed;
  }

  private indexFor(manifest: string): CrateIndex {
    if (this.manifest !== manifest || !this.index) {
      this.manifest = manifest;
      this.index = new CrateIndex(new DiskReader(), { parser: this.parser });
    }
    return this.index;
  }
}
