// Writes docs/rules/<id>.md and docs/rules/README.md from the rule catalog, so the pages and the
// hovers cannot drift (a test fails when the committed pages differ from what this renders).
//   npx tsc -p . && node out/scripts/gen-docs.js
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../server/src/rules';
import { rulePage } from '../server/src/rules/docs';

export const DOCS_DIR = path.resolve(__dirname, '../../docs/rules');
export const README = path.resolve(__dirname, '../../README.md');
const BLOCK = /<!-- rules:start -->[\s\S]*<!-- rules:end -->/;

interface Precision {
  sampled: number;
  correct: number;
  findings: number;
  notes?: string;
}

function readPrecision(id: string): Precision | undefined {
  const file = path.join(DOCS_DIR, 'precision', `${id}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Precision) : undefined;
}

function index(): string {
  const rows = CATALOG.map((r) => {
    const p = readPrecision(r.id);
    const precision = p ? (p.sampled ? `${Math.round((100 * p.correct) / p.sampled)}% (${p.correct}/${p.sampled})` : 'no findings') : 'not measured';
    const fired = p ? String(p.findings) : '–';
    return `| [${r.id}](${r.id}.md) | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} | ${precision} | ${fired} |`;
  });
  const notes = CATALOG.flatMap((r) => {
    const p = readPrecision(r.id);
    return p?.notes ? [`- **${r.id}**: ${p.notes}`] : [];
  });
  return [
    '# Rules',
    '',
    'Generated from the rule catalog (`server/src/rules/`) by `scripts/gen-docs.ts`; do not edit by hand.',
    '',
    'Precision was measured by running every rule over Debian\'s real Rust (`rust-src` 1.63: the compiler and',
    'standard library; the `librust-*-dev` crates: tokio, hyper, reqwest, serde, h2, tower, rayon, clap, …),',
    'drawing a seeded random sample of up to 20 findings per rule (`scripts/corpus-sample.mjs`) and judging',
    'each by hand: correct means a reviewer who knows the guide would agree the code has the problem named.',
    '',
    '| rule | default | what it flags | precision (sample) | findings in corpus |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(notes.length ? ['## Notes from the precision review', '', ...notes, ''] : []),
  ].join('\n');
}

/** Every generated file: path relative to docs/rules → content. */
export function renderDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of CATALOG) files.set(`${rule.id}.md`, rulePage(rule));
  files.set('README.md', index());
  return files;
}

/** README.md with its rule list (between the rules:start/end markers) brought up to date. */
export function renderReadme(readme: string): string {
  const list = CATALOG.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} |`);
  const table = ['| rule | default | what it flags |', '| --- | --- | --- |', ...list].join('\n');
  return readme.replace(BLOCK, `<!-- rules:start -->\n${table}\n\nPrecision measured on real code: [docs/rules/README.md](docs/rules/README.md).\n<!-- rules:end -->`);
}

if (require.main === module) {
  fs.mkdirSync(DOCS_DIR, { recursive: true });
  for (const [name, content] of renderDocs()) fs.writeFileSync(path.join(DOCS_DIR, name), content);
  fs.writeFileSync(README, renderReadme(fs.readFileSync(README, 'utf8')));
  console.log(`wrote ${renderDocs().size} files to ${path.relative(process.cwd(), DOCS_DIR)}`);
}
