import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import type { Parser } from 'web-tree-sitter';
import { Engine } from './engine';
import type { Rule } from './rule';
import { type Instance, ParserHeap, type TreeSitter, instantiate } from './parsing';

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

function instantiateFromDisk(): Promise<Instance> {
  return instantiate(freshLibrary(), locate('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm'), locate('tree-sitter-rust.wasm', 'tree-sitter-rust/tree-sitter-rust.wasm'));
}

/** The server's heap under Node, which can renew it. */
export async function loadParserHeap(): Promise<ParserHeap> {
  return new ParserHeap(await instantiateFromDisk(), {
    instantiate: instantiateFromDisk,
    // Nothing else would collect it soon: an idle server allocates nothing that triggers a GC. Not
    // from here: until this call chain unwinds, its frames may still hold the old parser. Once more
    // after V8's 5 s window of allocation rate: only a GC that finds the rate low shrinks V8's young
    // generation and compacts (30 to 50 MB after a few hundred files were open and closed).
    released: () => {
      setImmediate(collectGarbage);
      setTimeout(collectGarbage, 6000).unref();
    },
  });
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
  shared ??= instantiateFromDisk();
  return (await shared).newParser();
}

/** A one-shot engine with a parser of its own (CLI workers, tests, benchmarks). */
export async function createEngine(catalog: readonly Rule[]): Promise<Engine> {
  return new Engine({ parser: await createParser() }, catalog);
}
