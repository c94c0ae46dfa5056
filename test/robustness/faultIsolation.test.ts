import * as assert from 'assert';
import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ruleById } from '../../server/src/rules';
import type { Rule } from '../../server/src/analysis/rule';

/** A rule that throws on every `fn` named `boom`, and reports the others. */
const throwing: Rule = {
  ...ruleById('unwrap_in_production')!,
  id: 'throws_sometimes',
  visit: {
    function_item(node, ctx) {
      if (node.childForFieldName('name')?.text === 'boom') throw new Error('rule bug');
      ctx.report(node.childForFieldName('name')!, 'fine');
    },
  },
};

describe('fault isolation: a rule that throws', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser();
  });

  it('loses only its own findings in the unit where it threw, and each failure is reported with the rule', () => {
    const failures: string[] = [];
    const analyzer = new IncrementalAnalyzer([throwing, ruleById('unwrap_in_production')!], { testFile: false }, { parser }, (rule, error) => failures.push(`${rule.id}: ${(error as Error).message}`));
    const text = 'fn boom() { a.unwrap(); }\nfn calm() { b.unwrap(); }\n';
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, analyzer, () => 1 << 30);
    try {
      const found = doc.analyze().findings.map((f) => `${f.ruleId}@${text.slice(f.start, f.end)}`);
      assert.deepStrictEqual(found, ['unwrap_in_production@.unwrap()', 'throws_sometimes@calm', 'unwrap_in_production@.unwrap()']);
      assert.deepStrictEqual(failures, ['throws_sometimes: rule bug']);

      // An edit elsewhere re-runs only the edited unit: the broken unit is not retried, nothing is lost.
      doc.applyChanges([{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 13 } }, text: 'c' }], 2);
      assert.strictEqual(doc.analyze().findings.length, 3);
      assert.deepStrictEqual(failures, ['throws_sometimes: rule bug']);
    } finally {
      doc.dispose();
    }
  });
});
