import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/**
 * Loads web-tree-sitter and the Rust grammar once. In the bundle both wasm files sit beside
 * `dist/server.js`; from sources (tests, CLI under ts) they come from node_modules.
 */
let loading: Promise<Language> | undefined;

function locate(file: string, pkg: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${pkg}/${file}`);
}

export function loadRust(): Promise<Language> {
  loading ??= (async () => {
    const runtime = locate('tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtime });
    return Language.load(locate('tree-sitter-rust.wasm', 'tree-sitter-rust'));
  })();
  return loading;
}

export async function createParser(): Promise<Parser> {
  const language = await loadRust();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
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
