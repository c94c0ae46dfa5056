import * as assert from 'assert';
import { applyEdits } from '../../server/src/analysis/fixes';
import { type OtherFileFacts, lintOtherFile, otherFileFixes } from '../../server/src/analysis/otherFiles';
import { FILE_RULES, fileRuleById } from '../../server/src/rules';
import type { FileRule } from '../../server/src/analysis/fileRule';
import { compareFindings, dedent, parseFixture } from './checkRule';

/**
 * `checkRule` for the rules on Cargo.toml and Dockerfiles: the fixture is the expectation, with
 * `#^^^ message` lines under each finding, and the facts the host would have gathered beside it.
 */
export function checkFileRule(ruleId: string, fixture: string, facts: OtherFileFacts): void {
  const rule = fileRule(ruleId);
  const parsed = parseFixture(fixture, '#');
  compareFindings(parsed, lintOtherFile(rule.file, parsed.code, facts, [rule], (_r, e) => assert.fail(e as Error)), '#');
}

/**
 * Applies the rule's fix (the first, or the one whose title contains `title`) to its only finding in
 * `before`, compares the whole result with `after`, and checks the finding is gone from it.
 */
export function checkFileFix(ruleId: string, before: string, after: string, facts: OtherFileFacts, title?: string): void {
  const rule = fileRule(ruleId);
  const text = dedent(before);
  const findings = lintOtherFile(rule.file, text, facts, [rule]);
  assert.strictEqual(findings.length, 1, `one finding expected, got ${JSON.stringify(findings)}`);
  const fixes = otherFileFixes(rule.file, rule, findings[0], text, facts, FILE_RULES);
  const fix = title ? fixes.find((f) => f.title.includes(title)) : fixes[0];
  assert.ok(fix, `no fix${title ? ` titled “${title}”` : ''} among ${JSON.stringify(fixes.map((f) => f.title))}`);
  const fixed = applyEdits(text, fix.edits);
  assert.strictEqual(fixed, dedent(after));
  assert.deepStrictEqual(lintOtherFile(rule.file, fixed, facts, [rule]), [], 'the fix leaves the finding');
}

function fileRule(id: string): FileRule {
  const rule = fileRuleById(id);
  if (!rule) throw new Error(`no file rule ${id}`);
  return rule;
}
