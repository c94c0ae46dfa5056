// Whether a rule may run inside macro bodies (`inMacros`) is measured, not guessed: this runs every
// rule over the Rust in macro calls and `macro_rules!` bodies of a corpus and keeps only the findings
// that lie in macro tokens, in the CLI's JSON report form, for `corpus-sample.mjs --in-macros` to
// sample and judge (docs/rules/precision/macro-bodies.json). Files are judged as the CLI judges them
// (crate model, paths relative to the corpus root). Needs `npx tsc -p .` first (it uses out/).
//   node scripts/macro-report.mjs <root> <out.json> [dir...]
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const OUT = '../out/server/src';
const { createEngine, createParser } = require(`${OUT}/analysis/parser.js`);
const { ALL_RULES } = require(`${OUT}/rules/index.js`);
const { CrateIndex } = require(`${OUT}/crate/crateIndex.js`);
const { DiskReader } = require(`${OUT}/crate/diskReader.js`);
const { LineIndex } = require(`${OUT}/analysis/lineIndex.js`);
const { DEFAULT_MAX_FILE_SIZE } = require(`${OUT}/config/limits.js`);
const { inMacroTokens } = require(`${OUT}/analysis/macroBodies.js`);
const { rustFiles } = require('../out/test/support/rustFiles.js');

const [root, out, ...dirs] = process.argv.slice(2);
if (!root || !out) {
  console.error('usage: node scripts/macro-report.mjs <root> <out.json> [dir...]');
  process.exit(2);
}
const rules = ALL_RULES.map((r) => ({ ...r, inMacros: true }));
const engine = await createEngine(ALL_RULES);
const parser = await createParser();
const crates = new CrateIndex(new DiskReader(), { parser });
const findings = [];
let files = 0;
for (const dir of dirs.length ? dirs : ['.']) {
  for (const file of rustFiles(join(root, dir))) {
    if (statSync(file).size > DEFAULT_MAX_FILE_SIZE) continue;
    const text = readFileSync(file, 'utf8');
    files++;
    // No macro call or definition, nothing to find in one.
    if (!text.includes('!')) continue;
    if (!crates.modelOf(file)) crates.buildNow(file);
    const path = relative(root, file);
    const found = engine.lint(text, { relativePath: path, crate: crates.factsFor(file), rules });
    if (!found.length) continue;
    const tree = parser.parse(text);
    const lines = new LineIndex(text);
    const at = (offset) => {
      const p = lines.positionAt(offset);
      return { line: p.line + 1, column: p.character + 1 };
    };
    for (const f of found) {
      if (!inMacroTokens(tree.rootNode.descendantForIndex(f.start, Math.max(f.start, f.end - 1)))) continue;
      const rule = ALL_RULES.find((r) => r.id === f.ruleId);
      findings.push({ path, rule: f.ruleId, severity: f.severity ?? rule.severity, message: f.message, start: at(f.start), end: at(f.end) });
    }
    tree.delete();
  }
}
writeFileSync(out, JSON.stringify({ summary: { files }, findings }, null, 1) + '\n');
const byRule = {};
for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
console.error(`${files} files; findings in macro bodies by rule: ${JSON.stringify(byRule)}`);
