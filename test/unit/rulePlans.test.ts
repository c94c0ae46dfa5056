import * as assert from 'assert';
import { RulePlans } from '../../server/src/analysis/rulePlans';
import type { Rule } from '../../server/src/analysis/rule';
import { sharedEngine } from '../support/engine';

/** A rule that flags every identifier `word<i>` and can only fire where the unit says it. */
function wordRule(i: number): Rule {
  const word = `word${i}_`;
  return {
    id: `rule_${i}`,
    severity: 'warning',
    section: 'test',
    summary: word,
    docs: { what: '', why: '', example: '', instead: '' },
    mentions: [word],
    visit: {
      identifier(node, ctx) {
        if (node.text === word) ctx.report(node, word);
      },
    },
  };
}

describe('RulePlans', () => {
  const rules = Array.from({ length: 70 }, (_, i) => wordRule(i));

  it('gates every rule that declares its words, however many there are', () => {
    const plans = new RulePlans(rules);
    for (const i of [0, 29, 30, 31, 45, 69]) {
      const plan = plans.planFor(`fn f() { word${i}_; }`);
      assert.deepStrictEqual(plan.visitors.get('identifier')?.map((r) => r.id), [`rule_${i}`], `word${i}_`);
    }
    assert.strictEqual(plans.planFor('fn f() { nothing; }').visitors.get('identifier'), undefined);
  });

  it('keeps plans apart that differ only in a rule past the 31st', () => {
    const plans = new RulePlans(rules);
    const a = plans.planFor('fn f() { word1_; word40_; }');
    const b = plans.planFor('fn f() { word1_; word41_; }');
    assert.deepStrictEqual(a.visitors.get('identifier')?.map((r) => r.id), ['rule_1', 'rule_40']);
    assert.deepStrictEqual(b.visitors.get('identifier')?.map((r) => r.id), ['rule_1', 'rule_41']);
  });

  it('lets the 70th gated rule report through the engine', async () => {
    const findings = (await sharedEngine()).lint('fn f() { word69_; word3_; }\n', { rules });
    assert.deepStrictEqual(findings.map((f) => f.ruleId).sort(), ['rule_3', 'rule_69']);
  });

  it('reads a case-insensitive pattern as names are read, and a case-sensitive one as written', () => {
    const named: Rule = { ...wordRule(0), id: 'named', mentions: [/kelvin/i] };
    const exact: Rule = { ...wordRule(1), id: 'exact', mentions: [/SELECT/] };
    const plans = new RulePlans([named, exact]);
    const ids = (text: string) => plans.planFor(text).visitors.get('identifier')?.map((r) => r.id) ?? [];
    // The Kelvin sign lowercases to an ASCII `k`, as the rule's name splitting would see it.
    assert.deepStrictEqual(ids('fn f() { let \u212aELVIN = 1; }'), ['named']);
    assert.deepStrictEqual(ids('fn f() { let q = "SELECT \u212a"; }'), ['exact']);
    assert.deepStrictEqual(ids('fn f() { let q = "select"; }'), []);
  });
});
