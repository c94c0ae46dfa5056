import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FileRule } from '../../server/src/analysis/fileRule';
import { type OtherFileFacts, lintOtherFile, otherFileFixes } from '../../server/src/analysis/otherFiles';
import { FILE_RULES } from '../../server/src/rules';
import { explain, rulePage } from '../../server/src/rules/docs';

/**
 * The Cargo.toml and Dockerfile rules' pages are true, as the Rust rules' are (ruleDocs.test.ts):
 * the example fires its rule, the instead draws nothing from any rule on that kind of file, and the
 * fix promise (fixPromises.test.ts) holds. Their snippets have no hidden lines, so what the host
 * would read beside the file (a main.rs, a .dockerignore) is given here.
 */
const FACTS: Record<FileRule['file'], OtherFileFacts> = {
  // An application at its workspace root whose code never catches a panic.
  cargo: { manifest: { hasMainFile: true, hasLibFile: false, underWorkspaceRoot: false, reliesOnUnwinding: false } },
  docker: { docker: { path: 'Dockerfile', dockerignore: 'target/\n.git/\n' } },
};

/** Where a rule's example needs other facts than its kind's (its instead is read with the kind's). */
const EXAMPLE_FACTS: Record<string, OtherFileFacts> = {
  library_tokio_full: { manifest: { hasMainFile: false, hasLibFile: true, underWorkspaceRoot: false, reliesOnUnwinding: false } },
  docker_missing_dockerignore: { docker: { path: 'Dockerfile', dockerignore: null } },
};
/** A library's instead is still a library. */
const INSTEAD_FACTS: Record<string, OtherFileFacts> = { library_tokio_full: EXAMPLE_FACTS.library_tokio_full };

const WORKSPACE = path.resolve(__dirname, '../../../test-workspace');

/** The test workspace's manifests and Dockerfiles, with the facts a host reads beside them there. */
function workspaceSamples(rule: FileRule): { text: string; facts: OtherFileFacts }[] {
  const files = rule.file === 'cargo' ? ['Cargo.toml', 'limiter/Cargo.toml', 'worker/Cargo.toml'] : ['Dockerfile'];
  return files.map((f) => ({ text: fs.readFileSync(path.join(WORKSPACE, f), 'utf8'), facts: EXAMPLE_FACTS[rule.id] ?? FACTS[rule.file] }));
}

describe('Cargo.toml and Dockerfile rule documentation is true', () => {
  for (const rule of FILE_RULES) {
    describe(rule.id, () => {
      const facts = EXAMPLE_FACTS[rule.id] ?? FACTS[rule.file];
      const insteadFacts = INSTEAD_FACTS[rule.id] ?? FACTS[rule.file];
      const kindRules = FILE_RULES.filter((r) => r.file === rule.file);

      it('the hover and the page show the snippets whole, fenced in their language', () => {
        for (const text of [explain(rule), rulePage(rule)]) {
          assert.ok(text.includes(`\`\`\`${rule.docs.language}\n${rule.docs.example}\n\`\`\``), `${rule.id}: example`);
          assert.ok(text.includes(`\`\`\`${rule.docs.language}\n${rule.docs.instead}\n\`\`\``), `${rule.id}: instead`);
        }
        assert.match(rulePage(rule), new RegExp(`\`# rust-patterns: allow\\(${rule.id}\\)\``));
      });

      it('the example triggers the rule', () => {
        const findings = lintOtherFile(rule.file, rule.docs.example, facts, [rule], (_r, e) => assert.fail(e as Error));
        assert.ok(findings.length > 0, `${rule.id} does not fire on its own example:\n${rule.docs.example}`);
      });

      it('the instead draws no finding from any rule on that file', () => {
        const findings = lintOtherFile(rule.file, rule.docs.instead, insteadFacts, kindRules, (_r, e) => assert.fail(e as Error));
        assert.deepStrictEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), [], `in:\n${rule.docs.instead}`);
      });

      it('offers what its page promises', () => {
        assert.strictEqual(!!rule.fix, !!rule.fixes, 'a rule with fixes declares their promise, and only such a rule');
        let offered = 0;
        for (const sample of [{ text: rule.docs.example, facts }, ...workspaceSamples(rule)]) {
          for (const finding of lintOtherFile(rule.file, sample.text, sample.facts, [rule])) {
            const fixes = otherFileFixes(rule.file, rule, finding, sample.text, sample.facts, FILE_RULES);
            const where = `${rule.id} at \`${sample.text.slice(finding.start, finding.end)}\``;
            offered += fixes.length;
            if (!rule.fix) {
              assert.strictEqual(fixes.length, 0, `${where}: offers a fix its page does not promise`);
              continue;
            }
            if (rule.fix.availability === 'always') assert.ok(fixes.length > 0, `${where}: no fix, though promised for every finding`);
            if (rule.fix.safety === 'safe') assert.ok(fixes.every((f) => f.safe), `${where}: an unsafe fix, though promised safe`);
            if (rule.fix.safety === 'unsafe') assert.ok(fixes.every((f) => !f.safe), `${where}: a fix applied by fix-all, though promised unsafe`);
          }
        }
        if (rule.fix) assert.ok(offered > 0, `${rule.id} promises a fix but offered none on its samples`);
      });
    });
  }
});
