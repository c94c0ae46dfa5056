import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { linkTrees } from './treeLinks';

type TreeSitter = typeof import('web-tree-sitter');

/**
 * Where the library and the two wasm files are: beside `dist/server.js` in the bundle, in
 * node_modules when running from sources (tests, CLI under ts).
 */
function locate(file: string, specifier: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(specifier);
}

/**
 * web-tree-sitter keeps its wasm instance in module state that `Parser.init` fills only once, so
 * a second heap takes a second evaluation of the library: required past the module cache, then
 * unlinked from it, so that nothing but its own objects keeps it (and its heap) alive.
 */
function freshLibrary(): TreeSitter {
  const file = locate('tree-sitter.cjs', 'web-tree-sitter');
  delete require.cache[file];
  try {
    return require(file) as TreeSitter;
  } finally {
    delete require.cache[file];
    module.children = module.children.filter((child) => child.id !== file);
  }
}

/** web-tree-sitter's own sizes for the heap: 32 MB to start with, 2 GB at most (64 KiB pages). */
const INITIAL_PAGES = 512;
const MAXIMUM_PAGES = 32768;

/** One evaluation of the library: its wasm heap, with the Rust grammar loaded into it. */
interface Instance {
  memory: WebAssembly.Memory;
  newParser(): Parser;
}

async function instantiate(): Promise<Instance> {
  const lib = freshLibrary();
  // Handed in rather than made by the runtime, so that its size can be read.
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES });
  const runtime = locate('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
  await lib.Parser.init({ locateFile: () => runtime, wasmMemory: memory });
  const language: Language = await lib.Language.load(locate('tree-sitter-rust.wasm', 'tree-sitter-rust/tree-sitter-rust.wasm'));
  linkTrees(lib.Node);
  const newParser = () => {
    const parser = new lib.Parser();
    parser.setLanguage(language);
    return parser;
  };
  return { memory, newParser };
}

/** What parses for someone: a parser that stays, or the server's `ParserHeap` whose parser is renewed. */
export interface ParserSource {
  readonly parser: Parser;
}

/**
 * The server's parser, in a wasm heap of its own. A wasm memory only ever grows: once 200 files
 * were open it keeps their peak however many close. `renew` moves to a fresh heap and lets the
 * old one go, which needs every tree of the old heap re-parsed or dropped by the caller.
 */
export class ParserHeap implements ParserSource {
  private constructor(
    private memory: WebAssembly.Memory,
    private current: Parser,
  ) {}

  static async load(): Promise<ParserHeap> {
    const instance = await instantiate();
    return new ParserHeap(instance.memory, instance.newParser());
  }

  get parser(): Parser {
    return this.current;
  }

  /** What the heap holds now: the most its trees and parses ever needed since it was made. */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Starts a fresh heap, hands its parser to `move`, which must re-parse or delete every tree of
   * the old heap there and then (synchronously), and lets the old heap be collected.
   */
  async renew(move: (parser: Parser) => void): Promise<void> {
    const next = await instantiate();
    const parser = next.newParser();
    move(parser);
    this.current.delete();
    this.current = parser;
    this.memory = next.memory;
    // Nothing else would collect it soon: an idle server allocates nothing that triggers a GC. Not
    // from here: until this call chain unwinds, its frames may still hold the old parser. Once more
    // after V8's 5 s window of allocation rate: only a GC that finds the rate low shrinks V8's young
    // generation and compacts (30 to 50 MB after a few hundred files were open and closed).
    setImmediate(collectGarbage);
    setTimeout(collectGarbage, 6000).unref();
  }
}

let runGc: (() => void) | undefined;

/** A full GC, which frees a dropped wasm heap's pages now rather than at some later collection. */
function collectGarbage(): void {
  if (!runGc) {
    v8.setFlagsFromString('--expose-gc');
    runGc = vm.runInNewContext('gc') as () => void;
  }
  runGc();
}

/** The instance that `createParser` parsers share (CLI workers, tests, the one-shot engine). */
let shared: Promise<Instance> | undefined;

export async function createParser(): Promise<Parser> {
  shared ??= instantiate();
  return (await shared).newParser();
}

/**
 * Parsing real Rust runs at megabytes a second, random bytes or punctuation soup at a tenth of a
 * megabyte: a few MB of it would hold the server for minutes. A parse gets 2 s plus 2 s per MB, ten
 * times what real Rust needs even on a busy machine, and is given up past that.
 */
export function parseBudgetMs(length: number): number {
  return Math.round(2000 + (length / (1024 * 1024)) * 2000);
}

/** Parses `text`, or returns undefined when that takes longer than `budgetMs`. */
export function parseWithin(parser: Parser, text: string, oldTree: Tree | null, budgetMs = parseBudgetMs(text.length)): Tree | undefined {
  const deadline = Date.now() + budgetMs;
  const tree = parser.parse(text, oldTree, { progressCallback: () => Date.now() > deadline });
  if (tree) return tree;
  // A cancelled parse resumes where it stopped on the next call, whatever text that call passes.
  parser.reset();
  return undefined;
}
