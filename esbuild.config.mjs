// Bundles the client and the server into dist/, and puts the two wasm files beside the server
// so the extension runs with no node_modules. Flags: --watch, --production (minified).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

mkdirSync('dist', { recursive: true });
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
  // web-tree-sitter's ESM build needs import.meta.url, which a CJS bundle lacks: take its CJS build.
  { ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist', alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') } },
  // The CLI runs its own file as its worker threads; it finds the wasm beside it, like the server.
  { ...common, entryPoints: { cli: 'cli/src/main.ts' }, outdir: 'dist', alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') } },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
