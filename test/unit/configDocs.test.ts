import * as assert from 'assert';
import * as fs from 'fs';
import { CONFIG_DOC, renderClippyMap } from '../../scripts/gen-config-docs';

describe('docs/configuration.md', () => {
  it('documents the clippy-lint mapping the catalog defines (regenerate with `npm run docs`)', () => {
    const doc = fs.readFileSync(CONFIG_DOC, 'utf8');
    assert.match(doc, /<!-- clippy-map:start -->[\s\S]*<!-- clippy-map:end -->/);
    assert.strictEqual(doc, renderClippyMap(doc));
  });
});
