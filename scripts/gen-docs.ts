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

/** scripts/clippy-agreement.mjs's result (docs/rules/precision/clippy-ui.json). */
interface ClippyAgreement {
  clippy: string;
  lints: { lint: string; rule: string; files: number; expected: number; matched: number; testCode: number; extras: number; silencedByAllow: number }[];
  notes: Record<string, string>;
  outOfScope: Record<string, string>;
  misses: { lint: string; rule: string; why: string }[];
  extras: { rule: string; verdict: 'catch' | 'difference' | 'wrong' | null; why: string }[];
}

const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '–');

/** How many of `items` give each reason, most frequent first: "3× reason; 1× other". */
function reasons(items: { why: string }[]): string {
  const counts = new Map<string, number>();
  for (const x of items) counts.set(x.why || 'not judged yet', (counts.get(x.why || 'not judged yet') ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${n}× ${why}`).join('; ');
}

/** The section on clippy's UI tests: method, a row per mirrored lint, and why each side found what the other did not. */
function clippySection(): string[] {
  const a = readJson<ClippyAgreement>(path.join(DOCS_DIR, 'precision', 'clippy-ui.json'));
  if (!a) return [];
  const sum = (lints: ClippyAgreement['lints']) => lints.reduce((t, r) => ({ e: t.e + r.expected, m: t.m + r.matched }), { e: 0, m: 0 });
  const total = sum(a.lints);
  const inScope = sum(a.lints.filter((r) => !a.outOfScope[r.lint]));
  const outOfScope = Object.keys(a.outOfScope);
  const rows = a.lints.map((r) => {
    const ours = a.extras.filter((x) => x.rule === r.rule && a.lints.find((l) => l.rule === r.rule) === r);
    const judged = (v: string) => ours.filter((x) => x.verdict === v).length;
    const unjudged = ours.length - judged('catch') - judged('difference') - judged('wrong');
    const counts = [`${judged('catch')} catch`, `${judged('difference')} difference`, ...(judged('wrong') ? [`${judged('wrong')} wrong`] : []), ...(unjudged ? [`${unjudged} not judged`] : [])];
    const oursCell = ours.length ? `${ours.length}: ${counts.join(', ')}` : r.lint === a.lints.find((l) => l.rule === r.rule)!.lint ? '0' : '(above)';
    return `| \`${r.lint}\` | [${r.rule}](${r.rule}.md) | ${r.files} | ${r.expected} | ${r.matched} | ${pct(r.matched, r.expected)} | ${oursCell} | ${r.silencedByAllow} |`;
  });
  const why = a.lints.flatMap((r) => {
    const misses = a.misses.filter((m) => m.lint === r.lint);
    const first = a.lints.find((l) => l.rule === r.rule) === r;
    const extras = first ? a.extras.filter((x) => x.rule === r.rule) : [];
    const parts = [
      ...(a.notes[r.lint] ? [a.notes[r.lint]] : []),
      ...(misses.length ? [`Missed: ${reasons(misses)}.`] : []),
      ...(extras.length ? [`Ours only: ${reasons(extras.map((x) => ({ why: x.verdict ? `${x.verdict}: ${x.why}` : '' })))}.`] : []),
    ];
    return parts.length ? [`- **${r.lint}** (${r.rule}): ${parts.join(' ')}`] : [];
  });
  return [
    "## Agreement with clippy's UI tests",
    '',
    `Where a rule mirrors a clippy lint, ${a.clippy} say where that lint must fire. \`scripts/clippy-agreement.mjs\``,
    'reads, for each mirrored lint, the test files that expect it (`//~^ lint` markers, and the `.stderr` files where a',
    'marker gives a message instead) or turn it on (`#![warn(clippy::lint)]`), and runs our rule on each file as',
    'production code of a loose file (they sit under `tests/`, which would make them test code). A line clippy',
    'expects counts as found when one of our findings spans it. A finding of ours on a line clippy expects',
    'nothing on is judged by hand: a **catch** (a reviewer would act on it; clippy misses it or leaves it to',
    'another lint), a deliberate **difference**, or **wrong** (a reviewer would not act on it: a fault of the rule). Lines a test silences with `#[allow(clippy::lint)]` silence our',
    'rule as well and count on neither side (last column: findings such an attribute silenced). Lines in',
    '`#[test]`/`#[cfg(test)]` code are misses by design: our rules leave test code alone. The result is kept in',
    '`precision/clippy-ui.json` with every miss and finding of ours and the reason for each. After a rule change,',
    're-run it (`node scripts/clippy-agreement.mjs`) and judge what is new: `test/unit/clippyUi.test.ts` compares a',
    'fresh run with the kept data over the tests `scripts/setup-test-deps.sh` unpacks (about 10 s, once).',
    '',
    `All mirrored lints: ${total.m} of ${total.e} expected lines found (${pct(total.m, total.e)}).` +
      (outOfScope.length
        ? ` Leaving out ${outOfScope.map((l) => `\`${l}\``).join(', ')} (${[...new Set(Object.values(a.outOfScope))].join('; ')}): ${inScope.m} of ${inScope.e} (${pct(inScope.m, inScope.e)}).`
        : ''),
    '',
    "| clippy lint | rule | test files | clippy's lines | we find | recall | ours only | silenced by `#[allow]` |",
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...why,
    '',
  ];
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
    ...clippySection(),
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
