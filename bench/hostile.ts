import type { Parser } from 'web-tree-sitter';
import { IncrementalAnalyzer } from '../server/src/analysis/analyzer';
import { parseWithin } from '../server/src/analysis/parsing';
import { RustDocument } from '../server/src/documents/rustDocument';
import { ALL_RULES } from '../server/src/rules';
import { HOSTILE } from '../test/support/hostileTexts';
import { median } from './stats';
import { applyEdit, prepare } from './typing';

export interface HostileResult {
  name: string;
  chars: number;
  /** A document opened and analysed (parse included), and tree-sitter's parse of the same text alone. */
  openMs: number;
  parseMs: number;
  /** One character typed in the middle, analysed, against tree-sitter's incremental reparse of it. */
  editMs: number;
  reparseMs: number;
  skipped?: string;
}

/**
 * The robustness tests' hostile documents, timed in-process the way the server handles them, each
 * beside tree-sitter's own time on the same text: a rule or analyzer change that makes one of them
 * 25 times slower shows as a jump of the ratio, whatever the machine's load.
 */
export function hostileTimings(parser: Parser, repeats: number): HostileResult[] {
  return Object.entries(HOSTILE).map(([name, make]) => {
    const text = make();
    // One character typed in the middle (after a whole surrogate pair, as editors do).
    const middle = Math.floor(text.length / 2) + (/[\uDC00-\uDFFF]/.test(text[Math.floor(text.length / 2)] ?? '') ? 1 : 0);
    const [typed] = prepare(text, [{ start: middle, end: middle, text: 'x' }]);
    const open: number[] = [];
    const parse: number[] = [];
    const edit: number[] = [];
    const reparse: number[] = [];
    let skipped: string | undefined;
    for (let r = 0; r < repeats; r++) {
      const doc = new RustDocument('file:///bench/src/lib.rs', 'rust', 1, text, parser, new IncrementalAnalyzer(ALL_RULES, { testFile: false }, { parser }), () => 4 * 1024 * 1024);
      try {
        let t0 = performance.now();
        skipped = doc.analyze().skipped;
        open.push(performance.now() - t0);
        t0 = performance.now();
        doc.applyChanges([{ range: typed.range, text: typed.text }], 2);
        doc.analyze();
        edit.push(performance.now() - t0);
      } finally {
        doc.dispose();
      }
      let t0 = performance.now();
      const tree = parseWithin(parser, text, null);
      parse.push(performance.now() - t0);
      if (!tree) continue;
      const edited = applyEdit(text, typed);
      t0 = performance.now();
      tree.edit({ startIndex: middle, oldEndIndex: middle, newEndIndex: middle + 1, startPosition: typed.startPoint, oldEndPosition: typed.oldEndPoint, newEndPosition: typed.newEndPoint });
      const next = parseWithin(parser, edited, tree);
      reparse.push(performance.now() - t0);
      next?.delete();
      tree.delete();
    }
    return { name, chars: text.length, openMs: median(open), parseMs: median(parse), editMs: median(edit), reparseMs: median(reparse), skipped };
  });
}
