// Writes the clippy-lint → rule table into docs/configuration.md (between the clippy-map markers) from
// the rule catalog, so the documented mapping is the one `[lints.clippy]` goes through (a test fails
// when the committed table differs).   npx tsc -p . && node out/scripts/gen-config-docs.js
import * as fs from 'fs';
import * as path from 'path';
import { rulesByClippyLint } from '../server/src/config/configFile';

export const CONFIG_DOC = path.resolve(__dirname, '../../docs/configuration.md');
const BLOCK = /<!-- clippy-map:start -->[\s\S]*<!-- clippy-map:end -->/;

export function renderClippyMap(doc: string): string {
  const rows = [...rulesByClippyLint()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lint, ids]) => `| \`clippy::${lint}\` | ${ids.map((id) => `[\`${id}\`](rules/${id}.md)`).join(', ')} |`);
  const table = ['| clippy lint in `[lints.clippy]` | sets the level of |', '| --- | --- |', ...rows].join('\n');
  return doc.replace(BLOCK, `<!-- clippy-map:start -->\n${table}\n<!-- clippy-map:end -->`);
}

if (require.main === module) {
  fs.writeFileSync(CONFIG_DOC, renderClippyMap(fs.readFileSync(CONFIG_DOC, 'utf8')));
  console.log(`wrote the clippy mapping into ${path.relative(process.cwd(), CONFIG_DOC)}`);
}
