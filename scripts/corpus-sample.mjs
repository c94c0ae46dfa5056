#!/usr/bin/env node
// Measures each rule's precision on a corpus of real Rust nobody here wrote: runs the built CLI
// (dist/cli.js, `node esbuild.config.mjs` first) over the corpus, draws a seeded sample of findings per
// rule and keeps it in docs/rules/precision/samples/<corpus>/<rule>.json, where each finding gets a
// verdict (right/wrong) and why, judged by hand. A re-run keeps the verdicts of findings still there
// (matched by file, rule and the flagged line's text, so edits elsewhere do not lose them), adds new
// findings unjudged and reports the judged ones that disappeared: a wrong one gone is a fix, a right
// one gone is lost recall.
//
// The corpora's code stays out of the repo: the sample files hold locations and a hash of the flagged
// line; the excerpts to judge from are written beside the corpus (--excerpts, default
// /work/corpus/excerpts/<corpus>/<rule>.txt).
//   debian:   Debian's librust-*-dev crates in /usr/share/cargo/registry (apt-get install librust-…-dev)
//   services: the backend services pinned in docs/rules/precision/corpora/services.json, checked out
//             under /work/corpus/services/<owner>+<name> (--checkout does it from a fetched mirror)
//   services-extra: more services, pinned in corpora/services-extra.json, chosen for what the backend
//             rules look at (JWT, CORS, sessions, money) that the first seven barely use
//
//   node scripts/corpus-sample.mjs --corpus debian|services [--rule a,b] [--sample 20] [--seed 1]
//        [--checkout] [--jobs 2] [--from report.json] [--in-macros]
// --in-macros samples what every rule finds inside macro bodies instead (scripts/macro-report.mjs),
// kept apart in samples/<corpus>-macros/: whether a rule may be marked `inMacros`.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRECISION = join(REPO, 'docs/rules/precision');

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? d : process.argv[i + 1];
};
const flag = (name) => process.argv.includes(`--${name}`);

const corpus = arg('corpus');
// Any corpus but Debian's is a list of pinned repositories in corpora/<name>.json.
if (corpus !== 'debian' && !existsSync(join(PRECISION, 'corpora', `${corpus}.json`))) {
  console.error('usage: node scripts/corpus-sample.mjs --corpus debian|services|services-extra [--rule a,b] [--sample 20] [--seed 1] [--checkout] [--jobs n] [--from report.json] [--in-macros]');
  process.exit(2);
}
const only = arg('rule') ? arg('rule').split(',') : undefined;
const sampleSize = Number(arg('sample', '20'));
const seed = arg('seed', '1');
const inMacros = flag('in-macros');
/** Where samples and excerpts go: findings inside macro bodies are judged apart from the rest. */
const sampleSet = inMacros ? `${corpus}-macros` : corpus;
const excerptDir = arg('excerpts', `/work/corpus/excerpts/${sampleSet}`);

/** Where the corpus lies and which directories of it to check. */
function corpusRoots() {
  if (corpus === 'debian') {
    const root = '/usr/share/cargo/registry';
    // Dot directories are no crates (a CLI cache left there by an older run of this script).
    const crates = readdirSync(root).filter((c) => !c.startsWith('.')).sort();
    writeFileSync(join(PRECISION, 'corpora/debian.json'), JSON.stringify({ root, crates }, null, 1) + '\n');
    return { root, dirs: crates };
  }
  const manifest = JSON.parse(readFileSync(join(PRECISION, 'corpora', `${corpus}.json`), 'utf8'));
  const root = manifest.root;
  const dirs = [];
  for (const { repo, commit } of manifest.repositories) {
    const dir = repo.replace('/', '+');
    const target = join(root, dir);
    if (!existsSync(target)) {
      const mirror = `/work/.mirror/${dir}/repo`;
      if (!flag('checkout') || !existsSync(mirror)) {
        console.error(`${target} is missing: fetch github:${repo}, then run again with --checkout`);
        process.exit(2);
      }
      mkdirSync(target, { recursive: true });
      const archive = spawnSync('git', ['--git-dir', mirror, 'archive', commit], { maxBuffer: 1 << 30 });
      if (archive.status !== 0) throw new Error(`git archive ${repo}@${commit}: ${archive.stderr}`);
      spawnSync('tar', ['-x', '-C', target], { input: archive.stdout });
    }
    dirs.push(dir);
  }
  return { root, dirs };
}

function runCli(root, dirs) {
  if (arg('from')) return JSON.parse(readFileSync(arg('from'), 'utf8'));
  const out = join(excerptDir, 'report.json');
  mkdirSync(excerptDir, { recursive: true });
  if (inMacros) {
    const r = spawnSync('node', [join(REPO, 'scripts/macro-report.mjs'), root, out, ...dirs], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`macro-report.mjs exited with ${r.status}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  }
  const args = [join(REPO, 'dist/cli.js'), 'check', ...dirs, '--format', 'json', '--deny', 'none', '--jobs', arg('jobs', '2'), '--no-cache'];
  if (only) args.push('--rule', only.join(','));
  // The report goes to a file: the whole corpus's JSON outgrows a pipe buffer.
  const r = spawnSync('sh', ['-c', `exec node "$@" > '${out}'`, 'sh', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`the CLI exited with ${r.status}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}

const hash = (s) => createHash('sha1').update(s).digest('hex');

/** Findings with a key that survives edits elsewhere in the file: path, rule, flagged line's text, and which such occurrence. */
function keyed(root, findings) {
  const texts = new Map();
  const seen = new Map();
  return findings.map((f) => {
    if (!texts.has(f.path)) texts.set(f.path, readFileSync(join(root, f.path), 'utf8').split('\n'));
    const lines = texts.get(f.path);
    const lineHash = hash(lines[f.start.line - 1]?.trim() ?? '').slice(0, 12);
    const base = `${f.path}|${f.rule}|${lineHash}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}|${n}`, f, lines };
  });
}

function excerpt(lines, f) {
  const from = Math.max(0, f.start.line - 4);
  const to = Math.min(lines.length, f.end.line + 2);
  return lines
    .slice(from, to)
    .map((l, i) => `${String(from + i + 1).padStart(6)}${from + i + 1 >= f.start.line && from + i + 1 <= f.end.line ? '>' : ' '} ${l}`)
    .join('\n');
}

const { root, dirs } = corpusRoots();
const report = runCli(root, dirs);
const defaults = new Map(listRules().map((r) => [r.id, r.severity]));
// A finding a rule lowered below its default level (sql_format's constant splices as hints) is
// judged apart, as `<rule>.<level>`: its message claims less, and so does its precision. A corpus's
// own configuration can only raise a rule (clippy's warn/deny) or turn it off, so lower means the rule.
const RANK = { hint: 1, info: 2, warning: 3, error: 4 };
const tierOf = (f) => (RANK[f.severity] < RANK[defaults.get(f.rule)] ? `${f.rule}.${f.severity}` : f.rule);
const all = keyed(root, report.findings).map((x) => ({ ...x, tier: tierOf(x.f) }));
const ruleIds = [...new Set([...all.map((x) => x.tier), ...defaults.keys()])].filter((t) => !only || only.includes(t.split('.')[0])).sort();
mkdirSync(join(PRECISION, 'samples', sampleSet), { recursive: true });
mkdirSync(excerptDir, { recursive: true });
// Every verdict given in this corpus, whichever file holds it: a finding whose level changed moves
// to another tier's file and keeps its verdict.
const sampleDir = join(PRECISION, 'samples', sampleSet);
const verdicts = new Map(
  readdirSync(sampleDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const s = JSON.parse(readFileSync(join(sampleDir, f), 'utf8'));
      return [...(s.removed ?? []), ...s.samples].filter((x) => x.verdict).map((x) => [x.key, x]);
    }),
);
const summary = [];
for (const rule of ruleIds) {
  const file = join(PRECISION, 'samples', sampleSet, `${rule}.json`);
  const old = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { samples: [] };
  const oldByKey = verdicts;
  const hits = all.filter((x) => x.tier === rule);
  // Most rules find nothing inside macro bodies: no sample file for them.
  if (inMacros && !hits.length && !existsSync(file)) continue;
  // Judged findings still present stay in the sample; the rest is filled by a seeded hash order, so a
  // re-run draws the same findings again.
  const kept = hits.filter((x) => oldByKey.has(x.key));
  const fresh = hits
    .filter((x) => !oldByKey.has(x.key))
    .map((x) => ({ x, rank: hash(`${seed}|${x.key}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, Math.max(0, sampleSize - kept.length))
    .map(({ x }) => x);
  const samples = [...kept, ...fresh]
    .map(({ key, f }) => ({
      key,
      path: f.path,
      line: f.start.line,
      column: f.start.column,
      severity: f.severity,
      message: f.message,
      verdict: oldByKey.get(key)?.verdict ?? null,
      why: oldByKey.get(key)?.why ?? '',
    }))
    .sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
  // Judged findings no longer found at all (not merely moved to another tier).
  const found = new Set(all.map((x) => x.key));
  const removed = [...(old.removed ?? []), ...old.samples].filter((s, i, list) => !found.has(s.key) && s.verdict && list.findIndex((o) => o.key === s.key) === i);
  const right = samples.filter((s) => s.verdict === 'right').length;
  const wrong = samples.filter((s) => s.verdict === 'wrong').length;
  const result = { rule, corpus, findings: hits.length, sampled: samples.length, right, wrong, unjudged: samples.length - right - wrong, samples, removed };
  writeFileSync(file, JSON.stringify(result, null, 1) + '\n');
  const byKey = new Map(hits.map((x) => [x.key, x]));
  writeFileSync(
    join(excerptDir, `${rule}.txt`),
    samples.map((s) => `=== ${s.key}\n${s.path}:${s.line}:${s.column} [${s.verdict ?? 'unjudged'}] ${s.message}\n${excerpt(byKey.get(s.key).lines, byKey.get(s.key).f)}\n`).join('\n'),
  );
  const fixed = removed.filter((s) => s.verdict === 'wrong').length;
  const lost = removed.filter((s) => s.verdict === 'right').length;
  const judged = right + wrong;
  summary.push(
    `${rule.padEnd(28)} ${String(hits.length).padStart(6)} findings  sample ${samples.length}  precision ${judged ? `${Math.round((100 * right) / judged)}% (${right}/${judged})` : '–'}` +
      `${samples.length - judged ? `  ${samples.length - judged} new to judge` : ''}${fixed ? `  ${fixed} wrong gone` : ''}${lost ? `  ${lost} RIGHT GONE` : ''}`,
  );
}
console.log(`${corpus}: ${report.summary?.files ?? '?'} files, ${report.findings.length} findings\n${summary.join('\n')}`);

function listRules() {
  const r = spawnSync('node', [join(REPO, 'dist/cli.js'), '--list-rules', '--format', 'json'], { encoding: 'utf8' });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return [];
  }
}
