import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../server/src/rules';
import { fullCode } from '../../server/src/rules/docs';
import { sharedEngine } from '../support/engine';

/**
 * Each rule's page promises whether a fix is offered and whether fix-all applies it (`Rule.fix`).
 * The promise is checked against what the rule offers on its documented example, its "instead", the
 * test workspace's Rust, and a few samples for fixes that need more context than the example shows.
 */
const WORKSPACE = path.resolve(__dirname, '../../../test-workspace/src');
const SAMPLES: Record<string, string[]> = {
  // Flagged in a service's file; the fix logs with tracing only where the file already uses it.
  println_logging: ['use axum::Router;\nuse tracing::info;\n\npub fn routes(port: u16) -> Router {\n    info!(port, "routing");\n    println!("routing on {port}");\n    Router::new()\n}\n'],
};

describe('fix promises', () => {
  const workspace = fs.readdirSync(WORKSPACE).filter((f) => f.endsWith('.rs')).map((f) => fs.readFileSync(path.join(WORKSPACE, f), 'utf8'));

  for (const rule of ALL_RULES) {
    it(`${rule.id}: offers what its page promises`, async () => {
      assert.strictEqual(!!rule.fix, !!rule.fixes, 'a rule with fixes declares their promise, and only such a rule');
      const engine = await sharedEngine();
      let offered = 0;
      for (const text of [fullCode(rule.docs.example, rule.docs.setup), fullCode(rule.docs.instead, rule.docs.setup), ...workspace, ...(SAMPLES[rule.id] ?? [])]) {
        for (const { finding, fixes } of engine.lintWithFixes(text, { rules: [rule], timeoutSeconds: 10 })) {
          const where = `${rule.id} at \`${text.slice(finding.start, finding.end)}\``;
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
  }
});
