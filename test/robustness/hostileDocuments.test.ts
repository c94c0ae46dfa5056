import * as assert from 'assert';
import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { parseWithin } from '../../server/src/analysis/parsing';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ALL_RULES } from '../../server/src/rules';
import { sharedEngine } from '../support/engine';
import { HOSTILE, noise } from '../support/hostileTexts';

const LIMIT = 4 * 1024 * 1024;

describe('hostile documents', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser();
  });

  const open = (text: string, maxSize = LIMIT) => new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser }), () => maxSize);

  for (const [name, make] of Object.entries(HOSTILE)) {
    it(`analyses ${name} like a fresh lint, every finding inside the text`, async () => {
      const text = make();
      const doc = open(text);
      try {
        const state = doc.analyze();
        if (state.skipped) {
          // Only the parse budget may skip a file under the size limit (binary bytes on a busy machine).
          assert.match(state.skipped, /^parsing took longer than [\d.]+ s \(is this Rust\?\)/);
          assert.deepStrictEqual(state.findings, []);
          return;
        }
        for (const f of state.findings) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.ruleId} ${f.start}-${f.end} outside 0-${text.length}`);
        assert.deepStrictEqual(state.findings, (await sharedEngine()).lint(text, { relativePath: 'src/lib.rs' }));
      } finally {
        doc.dispose();
      }
    });
  }

  it('finds the unwrap at the bottom of 100,000 nested parentheses', async () => {
    const findings = (await sharedEngine()).lint(HOSTILE['100,000 nested parentheses'](), { relativePath: 'src/lib.rs' });
    assert.deepStrictEqual(findings.map((f) => f.ruleId), ['unwrap_in_production']);
  });

  it('skips a 10 MB file with one explanation, and analyses it once it shrinks under the limit', () => {
    const line = 'fn f() { x.unwrap(); }\n';
    const doc = open(line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    try {
      const state = doc.analyze();
      assert.match(state.skipped ?? '', /10\.0 MB is over the 4\.0 MB limit \(rustPatterns\.maxFileSize\)/);
      assert.deepStrictEqual(state.findings, []);
      assert.strictEqual(doc.currentTree(), undefined);
      doc.applyChanges([{ text: line }], 2);
      assert.strictEqual(doc.analyze().skipped, undefined);
      assert.strictEqual(doc.analyze().findings.length, 1);
    } finally {
      doc.dispose();
    }
  });

  it('gives up parsing text that takes longer than the budget, and leaves the parser usable', () => {
    // Punctuation soup parses at about a tenth of a MB per second: far over a tiny budget.
    const soup = noise(300_000, '{}()[]<>;:,.|&"\'#!$%@x1 \n');
    assert.strictEqual(parseWithin(parser, soup, null, 50), undefined);
    const tree = parseWithin(parser, 'fn ok() {}', null)!;
    try {
      assert.strictEqual(tree.rootNode.toString(), '(source_file (function_item name: (identifier) parameters: (parameters) body: (block)))');
    } finally {
      tree.delete();
    }
  });

  // Incrementally, tree-sitter's changed ranges of this text took over five minutes for one keystroke;
  // the mocha timeout is what catches a return of that, not a stopwatch.
  it('types in the middle of 100,000 nested blocks and still equals a fresh lint', async () => {
    const text = HOSTILE['100,000 nested blocks']();
    const doc = open(text);
    try {
      doc.analyze();
      const middle = doc.textDocument.positionAt(Math.floor(text.length / 2));
      doc.applyChanges([{ range: { start: middle, end: middle }, text: 'x' }], 2);
      const state = doc.analyze();
      assert.deepStrictEqual(state.findings, (await sharedEngine()).lint(doc.text, { relativePath: 'src/lib.rs' }));
    } finally {
      doc.dispose();
    }
  });

  it('applies hostile edits to a hostile document and still equals a fresh lint', async () => {
    const doc = open('fn a() { x.unwrap(); }\n');
    try {
      let version = 1;
      const edit = (start: { line: number; character: number }, end: { line: number; character: number }, text: string) =>
        doc.applyChanges([{ range: { start, end }, text }], ++version);
      edit({ line: 0, character: 0 }, { line: 0, character: 0 }, '\0\uD800');
      edit({ line: 99, character: 5 }, { line: 120, character: 0 }, '\nfn b() { y.expect("\uDFFF"); }'); // past the end
      edit({ line: -3, character: -7 }, { line: 0, character: 1 }, '{'.repeat(5_000)); // negative
      edit({ line: 0, character: 40 }, { line: 0, character: 2 }, 'reversed'); // reversed
      assert.throws(() => doc.applyChanges([{ range: { start: { line: Number.NaN, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }], ++version), /malformed change/);
      assert.throws(() => doc.applyChanges([{ text: undefined } as never], ++version), /malformed change/);
      const state = doc.analyze();
      assert.deepStrictEqual(state.findings, (await sharedEngine()).lint(doc.text, { relativePath: 'src/lib.rs' }));
      const fresh = parser.parse(doc.text)!;
      try {
        assert.strictEqual(doc.currentTree()!.rootNode.toString(), fresh.rootNode.toString());
      } finally {
        fresh.delete();
      }
    } finally {
      doc.dispose();
    }
  });
});
