import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyDirectives, parseDirectives } from '../../server/src/analysis/directives';
import type { Finding } from '../../server/src/analysis/finding';

const GRAMMAR = path.resolve(__dirname, '../../../syntaxes/rust-patterns-directives.injection.json');

describe('suppression directives', () => {
  it('parses allow and allow-file with several ids', () => {
    assert.deepStrictEqual(parseDirectives('// rust-patterns: allow(a, b_c)', 10), [{ start: 10, end: 41, ids: ['a', 'b_c'], fileWide: false }]);
    assert.deepStrictEqual(parseDirectives('/* rust-patterns: allow-file(x) */', 0)[0].fileWide, true);
    assert.deepStrictEqual(parseDirectives('// rust-patterns: allow()', 0), []);
    assert.deepStrictEqual(parseDirectives('// rust patterns allow(x)', 0), []);
  });

  it('covers its own line and the next one only', () => {
    const text = 'a\n// rust-patterns: allow(r)\nb\nc\n';
    const finding = (at: string): Finding => ({ ruleId: 'r', start: text.indexOf(at), end: text.indexOf(at) + 1, message: '' });
    const lineOf = (o: number) => text.slice(0, o).split('\n').length - 1;
    const directives = parseDirectives('// rust-patterns: allow(r)', 2);
    const kept = applyDirectives([finding('a'), finding('b'), finding('c')], directives, lineOf);
    assert.deepStrictEqual(kept.map((f) => text[f.start]), ['a', 'c']);
  });

  it('is highlighted by the injection grammar (its pattern matches what the server parses)', () => {
    const grammar = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    assert.ok(pkg.contributes.grammars.some((g: { path: string; injectTo: string[] }) => path.basename(g.path) === path.basename(GRAMMAR) && g.injectTo.includes('source.rust')));
    const re = new RegExp(grammar.repository.directive.match);
    for (const comment of ['// rust-patterns: allow(unwrap_in_production)', '// rust-patterns: allow-file(a, b)']) {
      const m = re.exec(comment);
      assert.ok(m, comment);
      assert.deepStrictEqual(m[4].split(',').map((s) => s.trim()), parseDirectives(comment, 0)[0].ids);
    }
  });
});
