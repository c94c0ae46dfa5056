import * as assert from 'assert';
import * as fs from 'fs';
import fc from 'fast-check';
import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { applyDirectives } from '../../server/src/analysis/directives';
import type { Engine } from '../../server/src/analysis/engine';
import { createParser } from '../../server/src/analysis/parser';
import { withTreeLinks } from '../../server/src/analysis/treeLinks';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ALL_RULES } from '../../server/src/rules';
import { sharedEngine } from '../support/engine';

/** Base texts: several items, nested impls and mods, non-ASCII, CRLF, attributes and directives. */
const BASES = [
  [
    'use std::fs;',
    'use std::collections::{HashMap, LinkedList as List};',
    '',
    '/// Größe 😀',
    'pub fn load(path: &str) -> String {',
    '    let s = "héllo 🦀";',
    '    fs::read_to_string(path).unwrap()',
    '}',
    '',
    'impl Store {',
    '    pub async fn get(&self, k: &str) -> Option<u8> { self.map.get(k).copied().unwrap() }',
    '    fn set(&mut self) { let v = self.items.clone(); self.items = Vec::new(); }',
    '}',
    '',
    '#[cfg(test)]',
    'mod tests {',
    '    #[test]',
    '    fn t() { Some(1).unwrap(); }',
    '}',
    '',
  ].join('\n'),
  'fn a() { x.unwrap(); }\r\nfn b() {\r\n    // rust-patterns: allow(unwrap_in_production)\r\n    y.unwrap();\r\n}\r\nmod m { fn c() { z.expect("é"); } }\r\n',
  // Rules that read beyond a statement: comments above an item (SAFETY), async fns of the file, later awaits.
  [
    'async fn save() {}',
    '// SAFETY: single-threaded',
    'unsafe impl Send for X {}',
    'static mut N: u8 = 0;',
    'impl S {',
    '    async fn run(&self, m: &std::sync::Mutex<u8>) {',
    '        let g = m.lock().unwrap();',
    '        save();',
    '        let a = fetch_a().await;',
    '        let b = fetch_b().await;',
    '        // SAFETY: checked',
    '        let v = unsafe { *p };',
    '    }',
    '}',
    '',
  ].join('\n'),
  '',
];

const FRAGMENTS = ['x', '.unwrap()', '(', ')', '{', '}', ';', '\n', '\r\n', 'é', '😀', '🦀', '"', '//', ' ', 'fn f() { a.unwrap(); }\n', '#[test]\n', '#[cfg(test)]\n', 'mod t {', 'impl X {', 'async ', 'use std::fs;\n', '.await', 'unsafe { p }', '// SAFETY: ok\n', 'let g = m.lock();\n', '/*', '*/', "'", '\\'];

interface Edit {
  /** Per mille of the text length, so edits land anywhere whatever the length. */
  at: number;
  len: number;
  text: string;
  analyse: boolean;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  // Not fc.double: it crowds its values near 0 and 1, the two ends of the text.
  at: fc.integer({ min: 0, max: 999 }),
  len: fc.nat({ max: 12 }),
  text: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((a) => a.join('')),
  analyse: fc.boolean(),
});

describe('incremental parsing and analysis equal a fresh parse and analysis', () => {
  let parser: Parser;
  let engine: Engine;
  before(async () => {
    parser = await createParser();
    engine = await sharedEngine();
  });

  it('for 600 random edit sequences with multi-byte text and CRLF', async () => {
    let sequences = 0;
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BASES), fc.array(editArb, { minLength: 1, maxLength: 25 }), async (base, edits) => {
        sequences++;
        const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, base, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser }), () => 1 << 30);
        doc.analyze();
        let version = 1;
        for (const e of edits) {
          const text = doc.text;
          let start = Math.floor((e.at / 1000) * text.length);
          // Never split a surrogate pair: editors do not, and LSP positions cannot express it.
          if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
          let end = Math.min(text.length, start + e.len);
          if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
          const range = { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(end) };
          doc.applyChanges([{ range, text: e.text }], ++version);
          if (e.analyse) {
            const state = doc.analyze();
            reused += state.totalUnits - state.analysedUnits;
          }
        }
        assertEqualsFresh(doc);
      }),
      { numRuns: 600, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
    );
    assert.strictEqual(sequences >= 600, true);
    // The cache must actually be exercised, or the equality above proves nothing about it.
    assert.ok(reused > 1000, `only ${reused} units came from the cache`);
  });

  /** Typing as people do, in real code: mostly inside fn bodies and comments, where only the touched unit is read again. */
  it('for 300 typing sessions in a std source file, with only the touched units read again in most analyses', async () => {
    const tcp = fs.readFileSync('/usr/src/rustc-1.63.0/library/std/src/net/tcp.rs', 'utf8');
    const base = tcp.slice(0, tcp.indexOf('\n}\n', 12_000) + 3); // whole items: the impl it cuts into is closed
    const typing = fc.record({
      at: fc.integer({ min: 0, max: 999 }),
      remove: fc.constantFrom(0, 0, 0, 1, 2),
      text: fc.constantFrom('x', 'e', ' ', '1', '.unwrap()', '.clone()', '.await', '// todo', '\n', ''),
    });
    let local = 0;
    let lists = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(typing, { minLength: 1, maxLength: 20 }), async (edits) => {
        const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, base, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser }), () => 1 << 30);
        doc.analyze();
        let version = 1;
        for (const e of edits) {
          const start = Math.floor((e.at / 1000) * doc.text.length);
          // Backspacing over words and spaces, as in typing; an unbalanced brace or quote would break every item after it.
          const removed = doc.text.slice(start, start + e.remove);
          const end = /^[\w ]*$/.test(removed) ? start + removed.length : start;
          doc.applyChanges([{ range: { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(end) }, text: e.text }], ++version);
          if (doc.analyze().local) local++;
          else lists++;
        }
        assertEqualsFresh(doc);
      }),
      { numRuns: 300, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
    );
    // Both ways of finding what to analyse again must be exercised, or the equality proves nothing about one of them.
    assert.ok(local > lists && lists > 100, `${local} analyses read only the touched units, ${lists} the unit lists`);
  });

  /**
   * An unbalanced `(` typed in a method of iterator.rs's 3,600-line trait makes tree-sitter pull the
   * trait apart into top-level items; deleting it puts the trait back. Each shape's records must be
   * found again when it comes back, not analysed afresh on every keystroke.
   */
  it('remembers both shapes of a trait an unbalanced bracket pulls apart and puts back', () => {
    const text = fs.readFileSync('/usr/src/rustc-1.63.0/library/core/src/iter/traits/iterator.rs', 'utf8');
    const at = text.indexOf('let mut other = other.into_iter();');
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser }), () => 1 << 30);
    try {
      const total = doc.analyze().totalUnits;
      const typed = 'let r = a.get(';
      const position = doc.textDocument.positionAt(at);
      const end = { line: position.line, character: position.character + typed.length };
      let version = 1;
      const analysed: number[] = [];
      for (let round = 0; round < 2; round++) {
        doc.applyChanges([{ range: { start: position, end: position }, text: typed }], ++version);
        const open = doc.analyze();
        assert.strictEqual(open.local, false, 'the bracket restructures the file');
        assertEqualsFreshAnalysis(doc);
        doc.applyChanges([{ range: { start: position, end }, text: '' }], ++version);
        const closed = doc.analyze();
        assertEqualsFreshAnalysis(doc);
        analysed.push(open.analysedUnits, closed.analysedUnits);
      }
      // The first pull-apart is new; after it, each shape comes back from the records but for the units around the edit.
      assert.ok(analysed[0] > total / 2, `the first restructuring analysed ${analysed[0]} of ${total} units`);
      for (const n of analysed.slice(1)) assert.ok(n <= total / 100, `a shape seen before analysed ${n} of ${total} units again (${analysed.join(', ')})`);
    } finally {
      doc.dispose();
    }
  });

  /** The document's findings equal a fresh analysis of the tree it has (which, with syntax errors, a fresh parse may not give). */
  function assertEqualsFreshAnalysis(doc: RustDocument): void {
    const tree = doc.currentTree()!;
    const analyzer = new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser });
    const { findings, directives } = withTreeLinks(tree, () => analyzer.analyze(tree, doc.text));
    assert.deepStrictEqual(doc.analyze().findings, applyDirectives(findings, directives, (o) => doc.textDocument.positionAt(o).line));
  }

  /**
   * The document's findings equal a fresh analysis of its tree, and its tree a fresh parse of its
   * text. Only where the text has syntax errors may tree-sitter's incremental parse recover from
   * them differently than a fresh parse does (tree-sitter/tree-sitter#633, tree-sitter-haskell#129):
   * then the findings must still equal a fresh analysis of the tree the document has. Disposes of it.
   */
  function assertEqualsFresh(doc: RustDocument): void {
    const text = doc.text;
    const incremental = doc.analyze().findings;
    const tree = doc.currentTree()!;
    const freshTree = parser.parse(text)!;
    try {
      if (tree.rootNode.hasError && tree.rootNode.toString() !== freshTree.rootNode.toString()) {
        const analyzer = new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser });
        const { findings, directives } = withTreeLinks(tree, () => analyzer.analyze(tree, text));
        assert.deepStrictEqual(incremental, applyDirectives(findings, directives, (o) => doc.textDocument.positionAt(o).line));
        return;
      }
      assert.strictEqual(tree.rootNode.toString(), freshTree.rootNode.toString());
      assert.strictEqual(tree.rootNode.endIndex, freshTree.rootNode.endIndex);
      assert.deepStrictEqual(incremental, engine.lint(text, { relativePath: 'src/lib.rs' }));
    } finally {
      freshTree.delete();
      doc.dispose();
    }
  }
});
