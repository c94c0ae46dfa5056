import * as assert from 'assert';
import fc from 'fast-check';
import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
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
  /** Fractions of the text length, so edits land anywhere whatever the length. */
  at: number;
  len: number;
  text: string;
  analyse: boolean;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  len: fc.nat({ max: 12 }),
  text: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((a) => a.join('')),
  analyse: fc.boolean(),
});

describe('incremental parsing and analysis equal a fresh parse and analysis', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser();
  });

  it('for 600 random edit sequences with multi-byte text and CRLF', async () => {
    const engine = await sharedEngine();
    let sequences = 0;
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BASES), fc.array(editArb, { minLength: 1, maxLength: 25 }), async (base, edits) => {
        sequences++;
        const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, base, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }), () => 1 << 30);
        doc.analyze();
        let version = 1;
        for (const e of edits) {
          const text = doc.text;
          let start = Math.floor(e.at * text.length);
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
        const finalText = doc.text;
        const incremental = doc.analyze().findings;
        const fresh = engine.lint(finalText, { relativePath: 'src/lib.rs' });
        assert.deepStrictEqual(incremental, fresh);
        const freshTree = parser.parse(finalText)!;
        try {
          assert.strictEqual(doc.currentTree()!.rootNode.toString(), freshTree.rootNode.toString());
          assert.strictEqual(doc.currentTree()!.rootNode.endIndex, freshTree.rootNode.endIndex);
        } finally {
          freshTree.delete();
          doc.dispose();
        }
      }),
      { numRuns: 600, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
    );
    assert.strictEqual(sequences >= 600, true);
    // The cache must actually be exercised, or the equality above proves nothing about it.
    assert.ok(reused > 1000, `only ${reused} units came from the cache`);
  });
});
