#!/usr/bin/env node
// Runs the rule catalog over Debian's real Rust (rust-src and librust-*-dev crates) and prints, per
// rule, how often it fires and a seeded random sample of findings with context, for judging precision
// by hand (docs/rules/README.md). Needs `npx tsc -p .` first (it uses the compiled engine in out/).
//   node scripts/corpus-sample.mjs [--rule id[,id]] [--sample 20] [--seed 1] [--roots dir,dir] [--in-macros]
// --in-macros runs every rule inside macro bodies too and keeps only the findings there: whether a rule
// may be marked `inMacros` (docs/rules/precision/macro-bodies.json).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Engine } = require('../out/server/src/analysis/engine.js');
const { ALL_RULES } = require('../out/server/src/rules/index.js');
const { createParser } = require('../out/server/src/analysis/parser.js');
const { inMacroTokens } = require('../out/server/src/analysis/macroBodies.js');

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? d : process.argv[i + 1];
};
const roots = arg('roots', '/usr/src/rustc-1.63.0/library,/usr/src/rustc-1.63.0/compiler,/usr/share/cargo/registry').split(',');
const only = arg('rule', '') ? arg('rule', '').split(',') : undefined;
const sampleSize = Number(arg('sample', '20'));
let seed = Number(arg('seed', '1'));
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

function* rustFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'target' && !e.name.startsWith('.')) yield* rustFiles(p);
    } else if (e.name.endsWith('.rs')) yield p;
  }
}

const inMacros = process.argv.includes('--in-macros');
const engine = await Engine.create();
const parser = inMacros ? await createParser() : undefined;
const chosen = only ? ALL_RULES.filter((r) => only.includes(r.id)) : ALL_RULES;
const rules = inMacros ? chosen.map((r) => ({ ...r, inMacros: true })) : chosen;
/** The findings that lie in a macro's tokens (the document's tree has no code there). */
const inMacroBodies = (text, findings) => {
  if (!findings.length) return findings;
  const tree = parser.parse(text);
  try {
    return findings.filter((f) => inMacroTokens(tree.rootNode.descendantForIndex(f.start, Math.max(f.start, f.end - 1))));
  } finally {
    tree.delete();
  }
};
const byRule = new Map(rules.map((r) => [r.id, []]));
let files = 0, lines = 0, failures = 0;
for (const root of roots) {
  for (const file of rustFiles(root)) {
    if (statSync(file).size > 4 << 20) continue;
    const text = readFileSync(file, 'utf8');
    files++;
    lines += text.split('\n').length;
    // Paths in the corpus are crate-relative: tests/, benches/, examples/ count as test code.
    const rel = file.replace(/^.*?\/(registry\/[^/]+|rustc-[^/]+\/(library|compiler)\/[^/]+)\//, '');
    try {
      const findings = engine.lint(text, { relativePath: rel, rules });
      for (const f of inMacros ? inMacroBodies(text, findings) : findings) byRule.get(f.ruleId).push({ file, text, f });
    } catch (e) {
      failures++;
      console.error(`FAILED on ${file}: ${e.stack}`);
    }
  }
}
console.log(`${files} files, ${lines} lines, ${failures} failures`);
for (const [id, hits] of byRule) {
  console.log(`\n## ${id}: ${hits.length} findings`);
  const picked = [...hits].sort(() => random() - 0.5).slice(0, sampleSize);
  for (const { file, text, f } of picked) {
    const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
    const lineNo = text.slice(0, f.start).split('\n').length;
    const context = text.slice(Math.max(0, text.lastIndexOf('\n', Math.max(0, lineStart - 2)) - 200), text.indexOf('\n', f.end) + 1).split('\n').slice(-6).join('\n');
    console.log(`--- ${file}:${lineNo}  ${f.message}\n${context}`);
  }
}
