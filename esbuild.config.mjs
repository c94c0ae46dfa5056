// Bundles the client and the server into dist/, and puts web-tree-sitter and the two wasm files beside
// the server so the extension runs with no node_modules. Flags: --watch, --production (minified).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

mkdirSync('dist', { recursive: true });
// Not bundled: the server evaluates the library afresh for each new wasm heap (analysis/parser.ts).
copyFileSync(require.resolve('web-tree-sitter'), 'dist/tree-sitter.cjs');
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-rust/tree-sitter-rust.wasm'), 'dist/tree-sitter-rust.wasm');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const builds = [
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' },
  // The CLI runs its own file as its worker threads; it finds the library and the wasm beside it, like the server.
  { ...common, entryPoints: { cli: 'cli/src/main.ts' }, outdir: 'dist' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
