import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DOCS_DIR, README, renderDocs, renderReadme } from '../../scripts/gen-docs';
import { ALL_RULES, CATALOG, FILE_RULES } from '../../server/src/rules';

describe('rule documentation', () => {
  it('docs/rules/ matches the catalog (regenerate: npm run docs)', () => {
    for (const [name, content] of renderDocs()) {
      const file = path.join(DOCS_DIR, name);
      assert.ok(fs.existsSync(file), `${name} is missing: run npm run docs`);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), content, `${name} is stale: run npm run docs`);
    }
  });

  it('the README lists every rule (regenerate: npm run docs)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    assert.strictEqual(readme, renderReadme(readme));
    for (const r of CATALOG) assert.ok(readme.includes(`docs/rules/${r.id}.md`), r.id);
  });

  it('every rule is complete: snake_case id, section, docs in all four parts', () => {
    const ids = new Set<string>();
    for (const r of CATALOG) {
      assert.match(r.id, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
      ids.add(r.id);
      assert.ok(r.section.length > 10, `${r.id}: section`);
      for (const part of ['what', 'why', 'example', 'instead'] as const) assert.ok(r.docs[part].trim().length > 10, `${r.id}: docs.${part}`);
      if ('visit' in r) assert.ok(Object.keys(r.visit).length > 0, `${r.id}: visits nothing`);
    }
    assert.strictEqual(CATALOG.length, ALL_RULES.length + FILE_RULES.length);
  });
});
