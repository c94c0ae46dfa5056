import type { Language, Parser, Tree } from 'web-tree-sitter';
import { linkTrees } from './treeLinks';

/** The web-tree-sitter module: one evaluation of it owns one wasm heap. */
export type TreeSitter = typeof import('web-tree-sitter');

/** web-tree-sitter's own sizes for the heap: 32 MB to start with, 2 GB at most (64 KiB pages). */
const INITIAL_PAGES = 512;
const MAXIMUM_PAGES = 32768;

/** One evaluation of the library: its wasm heap, with the Rust grammar loaded into it. */
export interface Instance {
  memory: WebAssembly.Memory;
  newParser(): Parser;
}

/**
 * Loads the runtime and the Rust grammar into `lib`, from paths (Node) or URLs (a browser) that
 * the host knows: web-tree-sitter reads or fetches them as its environment does.
 */
export async function instantiate(lib: TreeSitter, runtime: string, grammar: string): Promise<Instance> {
  // Handed in rather than made by the runtime, so that its size can be read.
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES });
  await lib.Parser.init({ locateFile: () => runtime, wasmMemory: memory });
  const language: Language = await lib.Language.load(grammar);
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

/** How a host makes a second heap: only Node can evaluate the library afresh (see parser.ts). */
export interface HeapRenewal {
  instantiate(): Promise<Instance>;
  /** The old heap was dropped: have its pages freed soon. */
  released(): void;
}

/**
 * The server's parser, in a wasm heap of its own. A wasm memory only ever grows: once 200 files
 * were open it keeps their peak however many close. `renew` moves to a fresh heap and lets the
 * old one go, which needs every tree of the old heap re-parsed or dropped by the caller. Hosts
 * without `HeapRenewal` keep their first heap.
 */
export class ParserHeap implements ParserSource {
  private memory: WebAssembly.Memory;
  private current: Parser;

  constructor(
    instance: Instance,
    private readonly renewal?: HeapRenewal,
  ) {
    this.memory = instance.memory;
    this.current = instance.newParser();
  }

  get parser(): Parser {
    return this.current;
  }

  get renewable(): boolean {
    return !!this.renewal;
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
    if (!this.renewal) throw new Error('this host cannot make a second parser heap');
    const next = await this.renewal.instantiate();
    const parser = next.newParser();
    move(parser);
    this.current.delete();
    this.current = parser;
    this.memory = next.memory;
    this.renewal.released();
  }
}

/**
 * Parsing real Rust runs at megabytes a second, random bytes or punctuation soup at a tenth of a
 * megabyte: a few MB of it would hold the server for minutes. A parse gets 2 s plus 2 s per MB, ten
 * times what real Rust needs even on a busy machine, and is given up past that.
 */
export function parseBudgetMs(length: number): number {
  return Math.round(2000 + (length / (1024 * 1024)) * 2000);
}

/**
 * This process's CPU time in ms where the host can tell (Node), else the wall clock (a browser's
 * worker). Process-wide: with several worker threads it runs faster than any one of them.
 */
const cpuMs: () => number =
  typeof process !== 'undefined' && typeof process.cpuUsage === 'function'
    ? () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      }
    : () => Date.now();

/**
 * Parses `text`, or returns undefined when that takes longer than `budgetMs`: of wall time, and of
 * CPU time too, so that a machine lending the parse a tenth of a core does not make real Rust look
 * hostile (100,000 nested parentheses parse in 0.1-0.3 s of CPU, yet came near their 2.4 s of wall time
 * on a 2-core machine shared five ways). The CPU clock is read only past the wall deadline: it costs
 * a system call.
 */
export function parseWithin(parser: Parser, text: string, oldTree: Tree | null, budgetMs = parseBudgetMs(text.length)): Tree | undefined {
  const deadline = Date.now() + budgetMs;
  const cpuDeadline = cpuMs() + budgetMs;
  const tree = parser.parse(text, oldTree, { progressCallback: () => Date.now() > deadline && cpuMs() > cpuDeadline });
  if (tree) return tree;
  // A cancelled parse resumes where it stopped on the next call, whatever text that call passes.
  parser.reset();
  return undefined;
}
