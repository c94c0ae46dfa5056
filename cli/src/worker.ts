import * as fs from 'fs';
import { parentPort } from 'worker_threads';
import type { Engine } from '../../server/src/analysis/engine';
import { LineIndex } from '../../server/src/analysis/lineIndex';
import { createEngine } from '../../server/src/analysis/parser';
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
  const ruleSets = new Map<string, Rule[]>();
  const rulesFor = (ids: string[]) => {
    const key = ids.join(',');
    let rules = ruleSets.get(key);
    if (!rules) ruleSets.set(key, (rules = ids.map((id) => ruleById(id)!).filter(Boolean)));
    return rules;
  };
  port.on('message', (tasks: Task[]) => {
    port.postMessage(tasks.map((t) => checkFile(engine, t, t.other ? [] : rulesFor(t.ruleIds))));
  });
  port.postMessage('ready');
}

export function checkFile(engine: Engine, task: Task, rules: Rule[]): FileResult {
  const result: FileResult = { file: task.file, findings: [], fixed: 0 };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(task.file);
  } catch (e) {
    return { ...result, problem: { kind: 'error', message: `cannot read: ${ioErrorMessage(e)}` } };
  }
  if (bytes.length > DEFAULT_MAX_FILE_SIZE) {
    return { ...result, problem: { kind: 'skipped', message: `skipped: ${(bytes.length / 1024 / 1024).toFixed(1)} MB is over the ${DEFAULT_MAX_FILE_SIZE / 1024 / 1024} MB limit` } };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ...result, problem: { kind: 'skipped', message: 'skipped: not valid UTF-8' } };
  }
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
        result.fixed = fixed.fixed;
      }
    }
    const lines = new LineIndex(text);
    const range = (start: number, end: number) => ({ start: lines.positionAt(start), end: lines.positionAt(end) });
    const found: { finding: Finding; fixes?: Fix[] }[] = task.other ? lintOther(task, text) : task.withFixes ? engine.lintWithFixes(text, options) : engine.lint(text, options).map((finding) => ({ finding }));
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
