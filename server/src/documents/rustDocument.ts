import { type Position, type Range, TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser, Point, Tree } from 'web-tree-sitter';
import type { IncrementalAnalyzer } from '../analysis/analyzer';
import { applyDirectives } from '../analysis/directives';
import type { Finding } from '../analysis/finding';
import { parseBudgetMs, parseWithin } from '../analysis/parsing';
import { withTreeLinks } from '../analysis/treeLinks';
import type { TreeBudget, TreeHolder } from './treeBudget';

const RETRY_PARSE_AFTER_MS = 30_000;

export interface AnalysisState {
  findings: Finding[];
  /** Set when the document was not analysed (too large), with the reason. */
  skipped?: string;
  analysedUnits: number;
  totalUnits: number;
  /** Only the units the edits touched were read from the tree. */
  local?: boolean;
}

/**
 * One open Rust file: its text, its tree-sitter tree kept in step with every edit, and the
 * incremental analyzer's cache. Offsets everywhere are UTF-16 code units: web-tree-sitter parses JS
 * strings as UTF-16, so LSP offsets and tree offsets are the same numbers, emoji and all.
 */
export class RustDocument implements TreeHolder {
  private doc: TextDocument;
  private tree: Tree | undefined;
  /** Edits were applied to the tree but it was not re-parsed yet. */
  private stale = true;
  private state: AnalysisState | undefined;
  /** When parsing last gave up on this document. */
  private gaveUpAt: number | undefined;
  /** At least the text's deepest bracket nesting: exact after a full count, raised by each edit's opening brackets. */
  private nestingBound = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    text: string,
    private parser: Parser,
    private analyzer: IncrementalAnalyzer,
    private readonly maxSize: () => number,
    private readonly trees?: TreeBudget,
  ) {
    this.doc = TextDocument.create(uri, languageId, version, text);
  }

  get version(): number {
    return this.doc.version;
  }

  get text(): string {
    return this.doc.getText();
  }

  get textDocument(): TextDocument {
    return this.doc;
  }

  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      // Checked before anything moves: a half-applied change would part the text from the tree.
      if (typeof change?.text !== 'string' || ('range' in change && !isRange(change.range))) throw new Error(`malformed change ${JSON.stringify(change)?.slice(0, 200)}`);
      if (!('range' in change)) {
        this.doc = TextDocument.create(this.uri, this.languageId, version, change.text);
        this.dropTree();
        continue;
      }
      // Positions past the end are clamped to it, and a reversed range is read end-first, as vscode-languageserver-textdocument does.
      const from = this.doc.offsetAt(change.range.start);
      const to = this.doc.offsetAt(change.range.end);
      const startIndex = Math.min(from, to);
      const oldEndIndex = Math.max(from, to);
      const startPosition = this.point(startIndex);
      const oldEndPosition = this.point(oldEndIndex);
      TextDocument.update(this.doc, [{ range: { start: this.doc.positionAt(startIndex), end: this.doc.positionAt(oldEndIndex) }, text: change.text }], version);
      const newEndIndex = startIndex + change.text.length;
      this.nestingBound += openingBrackets(change.text);
      if (this.tree) {
        this.tree.edit({ startIndex, oldEndIndex, newEndIndex, startPosition, oldEndPosition, newEndPosition: this.point(newEndIndex) });
        this.analyzer.noteEdit(startIndex, oldEndIndex, newEndIndex);
      }
    }
    // A notification with no changes still moves the version forward.
    if (this.doc.version !== version) this.doc = TextDocument.create(this.uri, this.languageId, version, this.doc.getText());
    this.stale = true;
    this.state = undefined;
  }

  /** Swaps the analyzer (settings changed): the next analysis starts from scratch. */
  setAnalyzer(analyzer: IncrementalAnalyzer): void {
    this.analyzer = analyzer;
    this.state = undefined;
    this.stale = true;
  }

  /** Parses what changed and analyses what the edits touched; cheap when nothing changed. */
  analyze(): AnalysisState {
    if (this.state) return this.state;
    const text = this.doc.getText();
    if (text.length > this.maxSize()) {
      this.dropTree();
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      this.state = { findings: [], skipped: `${mb(text.length)} MB is over the ${mb(this.maxSize())} MB limit (rustPatterns.maxFileSize)`, analysedUnits: 0, totalUnits: 0 };
      return this.state;
    }
    if (this.gaveUpAt !== undefined && Date.now() - this.gaveUpAt < RETRY_PARSE_AFTER_MS) return this.gaveUp();
    const old = this.tree;
    const tree = parseWithin(this.parser, text, old ?? null);
    if (!tree) {
      this.gaveUpAt = Date.now();
      return this.gaveUp();
    }
    this.gaveUpAt = undefined;
    this.trees?.use(this, text.length);
    if (!old || this.nestingBound > DEEP_NESTING) this.nestingBound = deepestNesting(text);
    // tree-sitter's changed ranges take minutes on thousands of nested blocks: such a text is analysed afresh.
    const incremental = !!old && this.nestingBound <= DEEP_NESTING;
    const changed = incremental ? old.getChangedRanges(tree) : [];
    old?.delete();
    if (!incremental) this.analyzer.reset();
    this.tree = tree;
    this.stale = false;
    const result = withTreeLinks(tree, () => this.analyzer.analyze(tree, text, changed));
    this.state = {
      findings: applyDirectives(result.findings, result.directives, (o) => this.doc.positionAt(o).line),
      analysedUnits: result.analysedUnits,
      totalUnits: result.totalUnits,
      local: result.local,
    };
    return this.state;
  }

  /** Parsing took too long (random bytes, not Rust): skipped, and not retried on every keystroke. */
  private gaveUp(): AnalysisState {
    this.dropTree();
    this.state = { findings: [], skipped: `parsing took longer than ${(parseBudgetMs(this.text.length) / 1000).toFixed(1)} s (is this Rust?); retried on an edit after ${RETRY_PARSE_AFTER_MS / 1000} s`, analysedUnits: 0, totalUnits: 0 };
    return this.state;
  }

  /** The current tree, parsed up to the latest edit (undefined for skipped documents). */
  currentTree(): Tree | undefined {
    // Released to the tree budget since its last analysis: parse again (same findings, a live tree).
    if (!this.tree && this.state && !this.state.skipped) this.state = undefined;
    if (this.stale) this.analyze();
    return this.tree;
  }

  dispose(): void {
    this.dropTree();
  }

  /**
   * Moves to `parser`, of another wasm heap. An up-to-date tree is parsed again there from the
   * same text, so the analysis cache and the findings stay valid; a tree behind edits is dropped
   * (tree-sitter's changed ranges would be lost with it) and the next analysis starts afresh.
   */
  moveTo(parser: Parser): void {
    this.parser = parser;
    const tree = this.tree && !this.stale ? parseWithin(parser, this.text, null) : undefined;
    if (tree) {
      this.tree?.delete();
      this.tree = tree;
    } else if (this.tree) {
      this.trees?.forget(this);
      this.releaseTree();
    }
  }

  /** Frees the tree and the incremental cache, keeping the findings until the next edit. */
  releaseTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.analyzer.reset();
    this.stale = true;
  }

  private dropTree(): void {
    this.trees?.forget(this);
    this.tree?.delete();
    this.tree = undefined;
    this.analyzer.reset();
    this.stale = true;
    this.state = undefined;
  }

  /**
   * tree-sitter's row/column for an offset. Rows end at `\n` in tree-sitter and at `\r\n`, `\r`
   * or `\n` in LSP; they agree except for a lone `\r`, which rustc rejects anyway. The offsets,
   * which everything here relies on, are exact either way.
   */
  private point(offset: number): Point {
    const p = this.doc.positionAt(offset);
    return { row: p.line, column: p.character };
  }
}

function isRange(range: unknown): boolean {
  const isPosition = (p: unknown) => Number.isInteger((p as Position | undefined)?.line) && Number.isInteger((p as Position | undefined)?.character);
  return isPosition((range as Range | undefined)?.start) && isPosition((range as Range | undefined)?.end);
}

/**
 * Bracket nesting past which a keystroke is analysed as a fresh open (its changed ranges cost 17 ms at
 * 500, 1.4 s at 5,000). Real code stays far below it (207 at most over a third of the corpus, strings included);
 * the robustness tests' 100,000 nested blocks took tree-sitter's `getChangedRanges` over five minutes.
 */
const DEEP_NESTING = 500;

/** `(`, `[` or `{`. */
const opens = (c: number) => c === 0x28 || c === 0x5b || c === 0x7b;
/** `)`, `]` or `}`. */
const closes = (c: number) => c === 0x29 || c === 0x5d || c === 0x7d;

function openingBrackets(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (opens(text.charCodeAt(i))) n++;
  return n;
}

/** The deepest nesting of (), [] and {} in `text`, counting brackets wherever they stand (an upper bound for code). */
function deepestNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (opens(c)) deepest = Math.max(deepest, ++depth);
    else if (closes(c) && depth > 0) depth--;
  }
  return deepest;
}
