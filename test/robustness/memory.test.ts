import * as assert from 'assert';
import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { TreeBudget } from '../../server/src/documents/treeBudget';
import { ALL_RULES } from '../../server/src/rules';
import { sharedEngine } from '../support/engine';

describe('memory: trees are freed and capped', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser();
  });

  const open = (name: string, text: string, trees: TreeBudget) =>
    new RustDocument(`file:///w/src/${name}.rs`, 'rust', 1, text, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser }), () => 1 << 30, trees);

  it('keeps at most the budget of parsed text alive, and a document whose tree went still answers right', async () => {
    const text = (n: number) => `fn f${n}() { x.unwrap(); }\n`.repeat(40); // 1,000 characters
    const trees = new TreeBudget(2_500);
    const docs = [0, 1, 2, 3].map((n) => open(`d${n}`, text(n), trees));
    try {
      for (const d of docs) d.analyze();
      assert.strictEqual(trees.liveTrees, 2); // d2 and d3, the last analysed
      // d0's tree went: its findings stay; an edit or a quick fix parses it again.
      assert.strictEqual(docs[0].analyze().findings.length, 40);
      const tree = docs[0].currentTree()!;
      assert.strictEqual(tree.rootNode.namedChildCount, 40);
      assert.strictEqual(trees.liveTrees, 2); // d0 back in, d2 out
      docs[2].applyChanges([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'fn g() { y.unwrap(); }\n' }], 2);
      assert.deepStrictEqual(docs[2].analyze().findings, (await sharedEngine()).lint(docs[2].text, { relativePath: 'src/d2.rs' }));
    } finally {
      for (const d of docs) d.dispose();
    }
    assert.strictEqual(trees.liveTrees, 0);
  });

  it('frees the old tree on every reparse and every tree on close: memory stays flat over 1,000 edits', () => {
    const trees = new TreeBudget();
    const doc = open('churn', 'fn f() { x.unwrap(); }\n'.repeat(500), trees);
    doc.analyze();
    const before = process.memoryUsage().rss;
    for (let v = 2; v < 1_002; v++) {
      doc.applyChanges([{ range: { start: { line: 5, character: 9 }, end: { line: 5, character: 9 } }, text: v % 2 ? 'y' : '' }], v);
      doc.analyze();
    }
    doc.dispose();
    assert.strictEqual(trees.liveTrees, 0);
    // A tree of this file takes about 0.2 MB: 1,000 leaked ones could not hide in 50 MB.
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    assert.ok(grown < 50, `RSS grew ${grown.toFixed(1)} MB over 1,000 reparses`);
  });
});
