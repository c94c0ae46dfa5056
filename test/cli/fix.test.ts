import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LineIndex } from '../../server/src/analysis/lineIndex';
import { ALL_RULES } from '../../server/src/rules';
import { fullCode } from '../../server/src/rules/docs';
import { sharedEngine } from '../support/engine';
import { UNWRAP_FN, project, runJson } from '../support/cli';

/**
 * Every rule's documented example is a file of its own: whatever safe fixes the catalog has, `--fix`
 * must write exactly what the editor's fix-all produces, then report exactly what is left.
 */
describe('cli: --fix', () => {
  it("writes the engine's fix-all result and reports only the remaining findings", async () => {
    const engine = await sharedEngine();
    const files: Record<string, string> = {};
    for (const rule of ALL_RULES) files[`src/${rule.id}.rs`] = `${fullCode(rule.docs.example, rule.docs.setup)}\n`;
    files['src/crlf_bom.rs'] = `\uFEFF${ALL_RULES.map((r) => fullCode(r.docs.example, r.docs.setup)).join('\n\n').replace(/\n/g, '\r\n')}\r\n`;
    const root = project(files);

    const fixedRun = runJson(['check', '--fix', '--deny', 'none'], root);
    assert.strictEqual(fixedRun.status, 0, fixedRun.stderr);
    let expectedFixed = 0;
    for (const [rel, before] of Object.entries(files)) {
      const expected = engine.fixAll(before, { relativePath: rel, timeoutSeconds: 10 });
      expectedFixed += expected.fixed;
      const after = fs.readFileSync(path.join(root, rel), 'utf8');
      assert.strictEqual(after, expected.text, `${rel}: the file holds fix-all's output`);
      const lines = new LineIndex(after);
      const remaining = engine.lint(after, { relativePath: rel }).map((f) => `${f.ruleId}@${lines.positionAt(f.start).line + 1}:${lines.positionAt(f.start).character + 1}`);
      const reported = fixedRun.report.findings.filter((f) => f.path === rel).map((f) => `${f.rule}@${f.start.line}:${f.start.column}`);
      assert.deepStrictEqual(reported, remaining, `${rel}: only what is left is reported`);
    }
    assert.strictEqual(fixedRun.report.summary.fixed, expectedFixed);

    // The fixed tree is a fixed point: checking again reports the same, and --fix changes nothing more.
    const again = runJson(['check', '--fix', '--deny', 'none'], root);
    assert.deepStrictEqual(again.report.findings.map((f) => [f.path, f.rule, f.start]), fixedRun.report.findings.map((f) => [f.path, f.rule, f.start]));
    assert.strictEqual(again.report.summary.fixed, 0);
  });

  it('leaves files without a safe fix byte for byte as they were', () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN });
    const file = path.join(root, 'src/lib.rs');
    const before = fs.statSync(file).mtimeMs;
    const r = runJson(['check', '--fix', '--rule', 'unwrap_in_production'], root);
    assert.strictEqual(r.report.findings.length, 1);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), UNWRAP_FN);
    assert.strictEqual(fs.statSync(file).mtimeMs, before, 'not rewritten');
  });
});
