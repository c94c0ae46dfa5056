import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../../server/src/analysis/analyzer';
import { createParser } from '../../server/src/analysis/parser';
import { RustDocument } from '../../server/src/documents/rustDocument';
import { ALL_RULES } from '../../server/src/rules';
import { sharedEngine } from '../support/engine';
import { rustFiles } from '../support/rustFiles';

/** Real Rust nobody here wrote: std, the compiler's tests and the async stack from Debian's packages. */
const CORPUS_DIRS = [
  '/usr/src/rustc-1.63.0/library/std/src',
  '/usr/src/rustc-1.63.0/src/test/ui/parser',
  '/usr/src/rustc-1.63.0/compiler/rustc_parse/src',
  ...['tokio', 'hyper', 'h2', 'reqwest', 'serde', 'rayon', 'tokio-postgres', 'rusqlite'].flatMap((name) => {
    const registry = '/usr/share/cargo/registry';
    return fs.existsSync(registry) ? fs.readdirSync(registry).filter((d) => d.startsWith(`${name}-`) && /^[\d.]+$/.test(d.slice(name.length + 1))).map((d) => path.join(registry, d, 'src')) : [];
  }),
];
const MAX_FILE = 40_000;

function corpusFiles(): string[] {
  const files = CORPUS_DIRS.filter((d) => fs.existsSync(d)).flatMap(rustFiles);
  return files.filter((f) => fs.statSync(f).size <= MAX_FILE).sort();
}

/** Inserted text: Rust that rules care about, half-written Rust, and bytes no Rust file holds. */
const RUST_BITS = ['.unwrap()', '.clone()', '.await', 'async ', 'unsafe { ', 'fn f() {', '}', '{', '(', ')', ';', '\n', '\r\n', '"', "'", '//', '/*', '*/', '#[test]\n', 'mod t {', 'impl X {', 'std::fs::read("p")', 'let v = Vec::new();', 'r#"', '\\'];
const textArb = fc.oneof(
  fc.array(fc.constantFrom(...RUST_BITS), { maxLength: 4 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 12 }), // any code point, NUL included
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }), // lone surrogates
  fc.string({ unit: fc.constantFrom('\0', '\u0001', '\u00ff', '\uFFFE', '\uFEFF'), maxLength: 6 }),
);

interface Edit {
  at: number;
  len: number;
  text: string;
  analyse: boolean;
}
const editArb: fc.Arbitrary<Edit> = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat({ max: 40 }), text: textArb, analyse: fc.boolean() });

describe('fuzz: random edit scripts over real Rust and over garbage', function () {
  this.timeout(180_000);
  let parser: Parser;
  const files = corpusFiles();
  before(async () => {
    parser = await createParser();
  });

  /** Applies the script to a document analysed incrementally, then checks it against a fresh parse and analysis. */
  async function check(base: string, edits: Edit[]): Promise<void> {
    const doc = new RustDocument('file:///w/src/lib.rs', 'rust', 1, base, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser }), () => 1 << 30);
    try {
      doc.analyze();
      let version = 1;
      for (const e of edits) {
        const length = doc.text.length;
        const start = Math.floor(e.at * length);
        // Edits may split surrogate pairs and CRLFs: LSP positions can express both.
        const range = { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(Math.min(length, start + e.len)) };
        doc.applyChanges([{ range, text: e.text }], ++version);
        if (e.analyse) doc.analyze();
      }
      const text = doc.text;
      const state = doc.analyze();
      if (state.skipped) {
        assert.match(state.skipped, /^parsing took longer than/); // only the parse budget may skip here
        return;
      }
      for (const f of state.findings) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.ruleId} at ${f.start}-${f.end} outside 0-${text.length}`);
      assert.deepStrictEqual(state.findings, (await sharedEngine()).lint(text, { relativePath: 'src/lib.rs' }));
      const fresh = parser.parse(text)!;
      try {
        assert.strictEqual(doc.currentTree()!.rootNode.toString(), fresh.rootNode.toString());
        assert.strictEqual(doc.currentTree()!.rootNode.endIndex, fresh.rootNode.endIndex);
      } finally {
        fresh.delete();
      }
    } finally {
      doc.dispose();
    }
  }

  it('finds a corpus of real Rust to edit', () => {
    assert.ok(files.length > 500, `only ${files.length} corpus files: run scripts/setup-test-deps.sh`);
  });

  it('keeps incremental results equal to fresh ones for 120 edit scripts over real corpus files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 15 }), async (i, edits) => check(fs.readFileSync(files[i], 'utf8'), edits)),
      { numRuns: 120, seed: Number(process.env.PROPERTY_SEED ?? 8) },
    );
  });

  it('keeps incremental results equal to fresh ones for 150 edit scripts over garbage', async () => {
    const garbage = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.array(fc.constantFrom(...RUST_BITS, '\0', '\uD800', '\uDC00', '😀'), { maxLength: 200 }).map((a) => a.join('')));
    await fc.assert(fc.asyncProperty(garbage, fc.array(editArb, { minLength: 1, maxLength: 20 }), check), { numRuns: 150, seed: Number(process.env.PROPERTY_SEED ?? 8) });
  });
});
