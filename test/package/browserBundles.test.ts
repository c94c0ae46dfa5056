import * as assert from 'assert';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as vm from 'vm';
import { REPO } from '../support/cli';

const BUNDLES = ['dist/browser/extension.js', 'dist/browser/server.js'];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The sources esbuild put into a bundle, from its source map (the development build writes them). */
function sources(bundle: string): string[] {
  const map = JSON.parse(fs.readFileSync(path.join(REPO, `${bundle}.map`), 'utf8')) as { sources: string[] };
  return map.sources;
}

/**
 * The browser bundles (vscode.dev, github.dev) hold nothing a browser lacks. esbuild.config.mjs refuses
 * a Node built-in in them; this checks what they hold, and that they load where Node's globals are not.
 */
describe('browser bundles', () => {
  it('hold none of our modules that import a Node built-in', () => {
    for (const bundle of BUNDLES) {
      const ours = sources(bundle).filter((s) => !s.includes('node_modules') && s.endsWith('.ts') && !s.startsWith('webpack:'));
      assert.ok(ours.length > 0, `${bundle} names no source of ours: is it a development build?`);
      for (const source of ours) {
        const text = fs.readFileSync(path.resolve(REPO, 'dist/browser', source), 'utf8');
        const imported = [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)'/gm)].map((m) => m[1]);
        assert.deepStrictEqual(imported.filter((m) => BUILTINS.has(m)), [], `${bundle} holds ${source}`);
      }
      assert.ok(!ours.some((s) => /\/cli\/|server\/src\/main\.ts|client\/src\/extension\.ts/.test(s)), `${bundle} holds a Node entry point`);
    }
  });

  it('stub only the Node built-ins web-tree-sitter reaches for when it runs under Node', () => {
    const stubs = BUNDLES.flatMap((b) => sources(b).filter((s) => s.startsWith('node-only:')).map((s) => `${b} ${s}`));
    assert.deepStrictEqual(stubs.sort(), ['dist/browser/server.js node-only:fs/promises', 'dist/browser/server.js node-only:module']);
  });

  it('the server loads as a worker script with no Node globals, waiting for the client', () => {
    const self: { onmessage?: unknown } = {};
    vm.runInNewContext(fs.readFileSync(path.join(REPO, 'dist/browser/server.js'), 'utf8'), { self, console, setTimeout, clearTimeout, TextEncoder, TextDecoder });
    assert.strictEqual(typeof self.onmessage, 'function');
  });
});
