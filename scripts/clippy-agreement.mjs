#!/usr/bin/env node
// Measures how far our rules agree with the clippy lints they mirror (a rule's `clippy` list), on
// clippy's own UI tests: for each lint, the test files that expect it or turn it on, the lines clippy
// expects it on (scripts/clippyUi.ts reads the markers and .stderr files), the lines where our rule
// finds something, and what each side finds that the other does not. Keeps the result in
// docs/rules/precision/clippy-ui.json, beside the precision samples; docs/rules/README.md shows it.
//
// The test files sit under tests/, which makes them test code to the crate model: each is analysed as
// a loose file of production code (its name alone, no crate). Two more runs explain differences
// without judging by hand: one where `#[allow(clippy::…)]` does not silence the rule (a finding only
// there is on a line the test silenced on purpose, for clippy and for us alike; not counted as a line
// clippy leaves alone), and one where test code is not exempt (a miss found there is in a `#[test]` or
// `#[cfg(test)]` item, which our rules leave alone by design). Every other miss and every other finding
// of ours keeps a verdict and reason by hand in the data file (`why`; for our findings `verdict`
// "catch", "difference" or "wrong"); a re-run keeps them, matched by file, rule and the line's text, and keeps
// the notes per lint and the lints out of scope.
//
// Clippy's sources stay out of the repo: the data holds paths, line numbers and a hash of each line.
// ui-toml tests count only where their clippy.toml sets nothing (clippy at its defaults).
// Needs `npx tsc -p .` first (it uses out/).
//   node scripts/clippy-agreement.mjs [--clippy <src/tools/clippy>] [--out <file>]
// (scripts/setup-test-deps.sh unpacks the tests into .test-cache/clippy-1.96.0: --clippy that.)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(REPO, 'out');
const { createEngine } = require(`${OUT}/server/src/analysis/parser.js`);
const { ALL_RULES } = require(`${OUT}/server/src/rules/index.js`);
const { LineIndex } = require(`${OUT}/server/src/analysis/lineIndex.js`);
const { expectedLines, revisionsOf, enabledLints } = require(`${OUT}/scripts/clippyUi.js`);

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? d : process.argv[i + 1];
};
const CLIPPY = arg('clippy', '/work/corpus/debs/x/usr/src/rustc-1.96.0/src/tools/clippy');
const DATA = join(REPO, 'docs/rules/precision/clippy-ui.json');
/** Where the result goes: the data file, or elsewhere for a test comparing a fresh run with it. */
const OUT_FILE = arg('out', DATA);
if (!existsSync(join(CLIPPY, 'tests/ui'))) {
  console.error(`no clippy UI tests under ${CLIPPY}/tests/ui (apt-get download rust-web-src and unpack it, then --clippy <dir>)`);
  process.exit(2);
}

/** lint → the rule mirroring it. */
const MIRRORS = new Map(ALL_RULES.flatMap((r) => (r.clippy ?? []).map((l) => [l, r])));

function* rustFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory() && e.name !== 'auxiliary') yield* rustFiles(join(dir, e.name));
    else if (e.isFile() && e.name.endsWith('.rs')) yield join(dir, e.name);
  }
}

/** Whether a clippy.toml sets anything (comments and blank lines set nothing). */
const configures = (file) => existsSync(file) && readFileSync(file, 'utf8').split('\n').some((l) => l.trim() && !l.trim().startsWith('#'));

/** The revision measured: `default` if there is one, else the first; and whether clippy runs at its defaults there. */
function revisionOf(file, source) {
  const revisions = revisionsOf(source);
  const revision = revisions.includes('default') ? 'default' : revisions[0];
  if (!file.includes('/tests/ui-toml/')) return { revision, defaults: true };
  const confDir = new RegExp(`^//@(?:\\[${revision}\\])?\\s*rustc-env:CLIPPY_CONF_DIR=(.*)$`, 'm').exec(source)?.[1].trim();
  const toml = confDir ? join(CLIPPY, confDir, 'clippy.toml') : join(dirname(file), 'clippy.toml');
  return { revision, defaults: !configures(toml) };
}

const hash = (s) => createHash('sha1').update(s).digest('hex').slice(0, 12);

const engine = await createEngine(ALL_RULES);
/** Findings as 1-based line ranges, with a key that survives edits elsewhere in the file. */
function lint(text, path, rules) {
  const lines = new LineIndex(text);
  const source = text.split('\n');
  const seen = new Map();
  return engine.lint(text, { relativePath: basename(path), rules }).map((f) => {
    const start = lines.positionAt(f.start).line + 1;
    const end = lines.positionAt(Math.max(f.start, f.end - 1)).line + 1;
    const base = `${path}|${f.ruleId}|${hash(source[start - 1].trim())}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}|${n}`, rule: f.ruleId, at: `${f.start}-${f.end}`, start, end, message: f.message };
  });
}
const covers = (f, line) => f.start <= line && line <= f.end;

const old = existsSync(DATA) ? JSON.parse(readFileSync(DATA, 'utf8')) : { misses: [], extras: [] };
const judged = new Map([...old.misses, ...old.extras].map((x) => [x.key, x]));
const rows = new Map([...MIRRORS].map(([lint, rule]) => [lint, { lint, rule: rule.id, files: 0, expected: 0, matched: 0, testCode: 0, extras: 0, silencedByAllow: 0 }]));
const misses = [];
const extras = [];
for (const file of [...rustFiles(join(CLIPPY, 'tests/ui')), ...rustFiles(join(CLIPPY, 'tests/ui-toml'))]) {
  const source = readFileSync(file, 'utf8');
  const { revision, defaults } = revisionOf(file, source);
  if (!defaults) continue;
  const stem = file.slice(0, -3);
  const stderrFile = [`${stem}.${revision}.stderr`, `${stem}.stderr`].find(existsSync);
  const expected = expectedLines(source, stderrFile ? readFileSync(stderrFile, 'utf8') : '', basename(file), revision);
  const enabled = new Set(enabledLints(source));
  const lints = [...MIRRORS.keys()].filter((l) => expected.has(l) || enabled.has(l));
  if (!lints.length) continue;
  const path = relative(join(CLIPPY, 'tests'), file);
  const rules = [...new Set(lints.map((l) => MIRRORS.get(l)))];
  const found = lint(source, path, rules);
  const unsilenced = lint(source, path, rules.map((r) => ({ ...r, clippy: undefined })));
  const inTests = lint(source, path, rules.map((r) => ({ ...r, allowedInTests: false })));
  const text = source.split('\n');
  const keyOf = (kind, line, seen) => {
    const base = `${path}|${kind}|${hash(text[line - 1].trim())}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}|${n}`;
  };
  const seenMisses = new Map();
  for (const l of lints) {
    const row = rows.get(l);
    const rule = row.rule;
    const lines = expected.get(l) ?? [];
    row.files++;
    row.expected += lines.length;
    for (const line of lines) {
      if (found.some((f) => f.rule === rule && covers(f, line))) {
        row.matched++;
        continue;
      }
      const testCode = inTests.some((f) => f.rule === rule && covers(f, line));
      if (testCode) row.testCode++;
      const key = keyOf(l, line, seenMisses);
      misses.push({ key, path, line, lint: l, rule, ...(testCode ? { why: 'test code: the rule leaves #[test] and #[cfg(test)] items alone' } : { why: judged.get(key)?.why ?? '' }) });
    }
  }
  // Lines the rule's lints are expected on, whichever lint: one finding may stand for two (unwrap and expect).
  const expectedFor = (rule) => [...MIRRORS].filter(([, r]) => r.id === rule).flatMap(([l]) => expected.get(l) ?? []);
  const firstLintOf = (rule) => lints.find((l) => MIRRORS.get(l).id === rule);
  for (const f of unsilenced) {
    if (expectedFor(f.rule).some((line) => covers(f, line))) continue;
    const row = rows.get(firstLintOf(f.rule));
    const g = found.find((x) => x.rule === f.rule && x.at === f.at);
    if (!g) {
      row.silencedByAllow++;
      continue;
    }
    row.extras++;
    const j = judged.get(g.key);
    extras.push({ key: g.key, path, line: g.start, rule: g.rule, message: g.message, verdict: j?.verdict ?? null, why: j?.why ?? '' });
  }
}
const lints = [...rows.values()].filter((r) => r.files);
const data = {
  clippy: `clippy's UI tests of Rust ${/(?:rustc|clippy)-([\d.]+)/.exec(CLIPPY)?.[1] ?? '?'} (Debian rust-web-src), tests/ui and the tests/ui-toml tests at clippy's default configuration`,
  lints,
  // Per lint, what the numbers mean, written by hand and kept; and the lints whose rule covers other
  // ground by design (its reason), left out of the total that measures the rest.
  notes: old.notes ?? {},
  outOfScope: old.outOfScope ?? {},
  misses,
  extras,
};
writeFileSync(OUT_FILE, JSON.stringify(data, null, 1) + '\n');
const pct = (a, b) => (b ? `${Math.round((100 * a) / b)}%` : '–');
for (const r of lints)
  console.log(
    `${r.lint.padEnd(30)} ${r.rule.padEnd(26)} files ${String(r.files).padStart(2)}  expected ${String(r.expected).padStart(3)}  matched ${String(r.matched).padStart(3)} (${pct(r.matched, r.expected)})` +
      `  in tests ${r.testCode}  ours only ${r.extras}  silenced by allow ${r.silencedByAllow}`,
  );
const total = lints.reduce((a, r) => ({ e: a.e + r.expected, m: a.m + r.matched }), { e: 0, m: 0 });
const unjudged = extras.filter((x) => !x.verdict).length + misses.filter((x) => !x.why).length;
console.log(`all: ${total.m}/${total.e} (${pct(total.m, total.e)}) of clippy's expected lines; ${extras.length} findings of ours on lines clippy expects nothing on${unjudged ? `; ${unjudged} misses or findings to judge` : ''}`);
