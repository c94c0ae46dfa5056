import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';

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
