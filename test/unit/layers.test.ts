import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The engine (`analysis`) runs rules without knowing the catalog; the rules are built on it. An
 * import from `analysis` into `rules` would tie them in a cycle again, and any cycle between the
 * server's or the CLI's folders makes the load order (and the bundle) depend on who imports first.
 */
const ROOT = path.resolve(__dirname, '../../..');
const SOURCES = ['server/src', 'cli/src'].map((dir) => path.join(ROOT, dir));
const IMPORT = /^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gm;

/** Folder → the folders its files import from (relative imports only), with one file that does. */
function folderImports(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) {
        const from = path.relative(ROOT, dir);
        for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
          const target = path.resolve(dir, spec);
          const to = path.relative(ROOT, fs.existsSync(target) && fs.statSync(target).isDirectory() ? target : path.dirname(target));
          if (to === from) continue;
          if (!graph.has(from)) graph.set(from, new Map());
          graph.get(from)!.set(to, path.relative(ROOT, file));
        }
      }
    }
  };
  for (const dir of SOURCES) walk(dir);
  return graph;
}

describe('import layers', () => {
  const graph = folderImports();

  it('the engine imports nothing from the rules, the protocol or the CLI', () => {
    for (const [to, file] of graph.get('server/src/analysis') ?? []) {
      assert.ok(!/^(?:server\/src\/(?:rules|protocol|documents)|cli)\b/.test(to), `${file} imports from ${to}`);
    }
  });

  it("no cycle between the server's and the CLI's folders", () => {
    const state = new Map<string, 'open' | 'done'>();
    const visit = (folder: string, trail: string[]) => {
      if (state.get(folder) === 'done') return;
      assert.notStrictEqual(state.get(folder), 'open', `cycle: ${[...trail.slice(trail.indexOf(folder)), folder].join(' → ')}`);
      state.set(folder, 'open');
      for (const to of graph.get(folder)?.keys() ?? []) visit(to, [...trail, folder]);
      state.set(folder, 'done');
    };
    for (const folder of graph.keys()) visit(folder, []);
  });
});
