// Bundles the client and the server into dist/, and puts web-tree-sitter and the two wasm files beside
// the server so the extension runs with no node_modules. The browser's client and server (vscode.dev,
// github.dev) go to dist/browser/ and fetch the same wasm files. Flags: --watch, --production (minified).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';

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

/**
 * A browser has no Node built-ins: importing one fails the browser builds, naming who imports it.
 * web-tree-sitter's own imports of them run only under Node (it tests for Node first): empty here.
 */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    build.onResolve({ filter: /^[a-z_:/]+$/ }, ({ path, importer }) => {
      if (!names.has(path)) return undefined;
      if (/[\\/]node_modules[\\/]web-tree-sitter[\\/]/.test(importer)) return { path, namespace: 'node-only' };
      return { errors: [{ text: `${path} is a Node built-in, which the browser bundle cannot have (imported by ${importer})` }] };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({ contents: 'export {}', loader: 'js' }));
  },
};

const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  plugins: [noNodeBuiltins],
  // web-tree-sitter reads import.meta.url only to find its wasm, which the server names itself.
  define: { 'import.meta.url': 'undefined' },
};

const builds = [
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' },
  // The CLI runs its own file as its worker threads; it finds the library and the wasm beside it, like the server.
  { ...common, entryPoints: { cli: 'cli/src/main.ts' }, outdir: 'dist' },
  // The web extension host loads its main module as CommonJS; the server is a classic Web Worker script.
  { ...browser, entryPoints: { extension: 'client/src/browserExtension.ts' }, outdir: 'dist/browser', format: 'cjs', external: ['vscode'] },
  { ...browser, entryPoints: { server: 'server/src/browserMain.ts' }, outdir: 'dist/browser', format: 'iife' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
