// Writes docs/rules/<id>.md and docs/rules/README.md from the rule catalog, so the pages and the
// hovers cannot drift (a test fails when the committed pages differ from what this renders).
//   npx tsc -p . && node out/scripts/gen-docs.js
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../server/src/rules';
import type { RuleMeta } from '../server/src/analysis/rule';
import { rulePage } from '../server/src/rules/docs';

export const DOCS_DIR = path.resolve(__dirname, '../../docs/rules');
export const README = path.resolve(__dirname, '../../README.md');
const BLOCK = /<!-- rules:start -->[\s\S]*<!-- rules:end -->/;

/** One corpus's judged sample of a rule, as scripts/corpus-sample.mjs keeps it. */
interface Sample {
  findings: number;
  sampled: number;
  right: number;
  wrong: number;
}

const CORPORA = ['debian', 'services', 'services-extra'] as const;

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

/**
 * "92% (23/25) of 410": strict precision of the judged findings, and how many the corpus has; then
 * the same for findings the rule lowered to a milder level (`<rule>.hint.json`), judged apart.
 */
function precisionCell(id: string, corpus: string): string {
  const dir = path.join(DOCS_DIR, 'precision', 'samples', corpus);
  const cell = (s: Sample | undefined) => {
    if (!s) return 'not measured';
    if (!s.findings) return 'no findings';
    const judged = s.right + s.wrong;
    if (!judged) return `not judged (${s.findings})`;
    return `${Math.round((100 * s.right) / judged)}% (${s.right}/${judged}) of ${s.findings}`;
  };
  const lowered = (['info', 'hint'] as const).flatMap((level) => {
    const s = readJson<Sample>(path.join(dir, `${id}.${level}.json`));
    return s?.findings ? [`; as ${level}: ${cell(s)}`] : [];
  });
  return cell(readJson<Sample>(path.join(dir, `${id}.json`))) + lowered.join('');
}

/** "sometimes, unsafe": what the rule's fix promises (its page says more), or "none". */
function fixCell(rule: RuleMeta): string {
  return rule.fix ? `${rule.fix.availability}, ${rule.fix.safety}` : 'none';
}

function index(): string {
  const rows = CATALOG.map((r) => {
    const cells = CORPORA.map((c) => precisionCell(r.id, c));
    return `| [${r.id}](${r.id}.md) | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} | ${fixCell(r)} | ${cells.join(' | ')} |`;
  });
  const notes = CATALOG.flatMap((r) => {
    const notes = readJson<{ notes?: string }>(path.join(DOCS_DIR, 'precision', `${r.id}.json`))?.notes;
    return notes ? [`- **${r.id}**: ${notes}`] : [];
  });
  return [
    '# Rules',
    '',
    'Generated from the rule catalog (`server/src/rules/`) by `scripts/gen-docs.ts`; do not edit by hand.',
    '',
    '## Precision on real code',
    '',
    'Measured on two corpora of Rust nobody here wrote: **debian**, the `librust-*-dev` crates Debian packages',
    '(`/usr/share/cargo/registry`, list in `precision/corpora/debian.json`), and **services**, real backend',
    'services of different authors using axum, actix, sqlx, sea-orm, diesel and reqwest, pinned by commit in',
    '`precision/corpora/services.json`. `scripts/corpus-sample.mjs --corpus <name>` runs the built CLI over the',
    'corpus as a user would (`check --format json`, default configuration), draws a seeded sample of at least 20',
    'findings per rule (all of them when there are fewer) and keeps it in `precision/samples/<corpus>/<rule>.json`',
    'with a verdict and the reason for each. Judged strictly: a finding is right only if a reviewer who knows the',
    'guide would act on it there; test code, fixtures and code whose failure cannot happen count as wrong, and so',
    'does anything debatable. A re-run keeps the verdicts of findings still present and reports the judged ones',
    'that disappeared, so a rule change shows as wrong findings gone (fixed) or right ones gone (recall lost).',
    'A third corpus, **services-extra** (`precision/corpora/services-extra.json`), adds seven more services picked',
    'because they use what the backend rules look at (jsonwebtoken, CORS layers, sessions, money amounts).',
    'The cells read: strict precision (right/judged) of the findings in the corpus.',
    '',
    'The fix column is what the rule declares and a test holds it to: a fix for every finding (`always`) or',
    'only where the code allows one (`sometimes`), applied by fix-all and `check --fix` (`safe`), offered as a',
    'quick fix only (`unsafe`), or applied only where it keeps behaviour (`mixed`).',
    '',
    '| rule | default | what it flags | fix | debian | services | services-extra |',
    '| --- | --- | --- | --- | --- | --- | --- |',
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
