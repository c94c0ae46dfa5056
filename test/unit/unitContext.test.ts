import * as assert from 'assert';
import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { enclosingImplHeader, leadingDocs } from '../../server/src/analysis/attributes';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ruleById } from '../../server/src/rules';
import type { Rule } from '../../server/src/analysis/rule';

/** A rule that reads what lies just outside its unit: the doc comments and the impl header. */
const probe: Rule = {
  id: 'probe',
  severity: 'hint',
  section: 'test',
  summary: 'test',
  docs: { what: '', why: '', example: '', instead: '' },
  visit: {
    function_item(node, ctx) {
      const docs = leadingDocs(node).map((d) => d.text.trim()).join(' ');
      ctx.report(node.childForFieldName('name')!, `${docs} @ ${enclosingImplHeader(node) ?? '-'}`);
    },
  },
};

describe('a unit is analysed again when the context rules may read outside it changes', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser();
  });

  const messages = (doc: RustDocument) => doc.analyze().findings.map((f) => f.message);
  const edit = (doc: RustDocument, version: number, from: string, to: string) => {
    const at = doc.text.indexOf(from);
    const range = { start: doc.textDocument.positionAt(at), end: doc.textDocument.positionAt(at + from.length) };
    doc.applyChanges([{ range, text: to }], version);
  };

  it('its doc comments (across attributes and plain comments) and its impl header', () => {
    const text = 'impl S {\n    /// Loads.\n    #[inline]\n    // plain\n    pub fn load() {}\n}\n';
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer([probe], { testFile: false }, { parser }), () => 1 << 30);
    try {
      assert.deepStrictEqual(messages(doc), ['/// Loads. @ impl S ']);
      edit(doc, 2, 'Loads.', 'Loads.\n    /// # Errors');
      assert.deepStrictEqual(messages(doc), ['/// Loads. /// # Errors @ impl S ']);
      edit(doc, 3, 'impl S', 'impl Deref for S');
      assert.deepStrictEqual(messages(doc), ['/// Loads. /// # Errors @ impl Deref for S ']);
      edit(doc, 4, '/// Loads.', '//! inner, not outer');
      assert.deepStrictEqual(messages(doc), ['/// # Errors @ impl Deref for S ']);
    } finally {
      doc.dispose();
    }
  });

  it('the text before it on its line, however long the line, and the lines above it', () => {
    // `undocumented_unsafe` reads a SAFETY comment before an item on its own line: edits inside the
    // fn before it change its finding, on a short line and after 5,000 other fns on one long line.
    const rule = ruleById('undocumented_unsafe')!;
    const padding = Array.from({ length: 5_000 }, (_, i) => `fn p${i}() {}`).join(' ');
    for (const before of ['', `${padding} `]) {
      const text = `${before}fn a() { /* SAFETY: sole owner */ } unsafe impl Send for X {}\n// note\nunsafe impl Sync for X {}\n`;
      const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer([rule], { testFile: false }, { parser }), () => 1 << 30);
      const flagged = () => doc.analyze().findings.map((f) => doc.text.slice(f.start, doc.text.indexOf('{', f.start)).trim());
      try {
        assert.deepStrictEqual(flagged(), ['unsafe impl Sync for X']);
        edit(doc, 2, 'SAFETY: sole', 'sole');
        assert.deepStrictEqual(flagged(), ['unsafe impl Send for X', 'unsafe impl Sync for X']);
        assert.ok(doc.analyze().local, 'the edit inside fn a is analysed without reading the unit lists');
        edit(doc, 3, '// note', '// SAFETY: X is Sync');
        assert.deepStrictEqual(flagged(), ['unsafe impl Send for X']);
      } finally {
        doc.dispose();
      }
    }
  });
});
