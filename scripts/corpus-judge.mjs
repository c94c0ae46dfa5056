#!/usr/bin/env node
// Records verdicts in a sample file of scripts/corpus-sample.mjs: reads lines "<index> right|wrong <why>"
// on stdin, <index> counting the file's samples from 0 (the order of the excerpts file).
//   node scripts/corpus-judge.mjs <corpus> <rule> < verdicts.txt
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [corpus, rule] = process.argv.slice(2);
const file = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'docs/rules/precision/samples', corpus ?? '', `${rule}.json`);
const sample = JSON.parse(readFileSync(file, 'utf8'));
for (const line of readFileSync(0, 'utf8').split('\n').filter((l) => l.trim())) {
  const m = /^(\d+)\s+(right|wrong)\s+(.+)$/.exec(line.trim());
  if (!m || !sample.samples[Number(m[1])]) throw new Error(`cannot read verdict "${line}" (want "<index> right|wrong <why>")`);
  Object.assign(sample.samples[Number(m[1])], { verdict: m[2], why: m[3] });
}
sample.right = sample.samples.filter((s) => s.verdict === 'right').length;
sample.wrong = sample.samples.filter((s) => s.verdict === 'wrong').length;
sample.unjudged = sample.samples.length - sample.right - sample.wrong;
writeFileSync(file, JSON.stringify(sample, null, 1) + '\n');
console.log(`${rule}: ${sample.right} right, ${sample.wrong} wrong, ${sample.unjudged} to judge`);
