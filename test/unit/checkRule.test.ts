import * as assert from 'assert';
import { checkFix, checkRule, parseFixture } from '../support/checkRule';

// The harness must fail on every kind of mismatch, or rule tests written with it prove nothing.
describe('checkRule, the fixture-as-expectation harness', () => {
  const flagged = `
      pub static mut A: u8 = 0;
        //^^^^^^^^^^^^ global mutable state
  `;

  it('reads annotations in code coordinates, after the dedent', () => {
    const { code, expected } = parseFixture(flagged);
    assert.strictEqual(code, 'pub static mut A: u8 = 0;');
    assert.deepStrictEqual(expected, [{ line: 0, start: 4, end: 16, continues: false, text: 'global mutable state' }]);
  });

  it('passes when findings, columns and texts agree', () => checkRule('static_mut', flagged));

  it('fails on a missing finding, an extra one, a shifted range and a text the message lacks', async () => {
    await assert.rejects(checkRule('static_mut', 'fn f() {}\n//^^ nothing here'), /AssertionError/);
    await assert.rejects(checkRule('static_mut', '  static mut A: u8 = 0;'), /is global mutable state/);
    await assert.rejects(checkRule('static_mut', flagged.replace('//^', '// ^')), /AssertionError/);
    await assert.rejects(checkRule('static_mut', flagged.replace('global', 'local')), /AssertionError/);
  });

  it('compares the whole text after a fix', async () => {
    const before = `
      pub fn f(v: &mut Vec<u8>) -> Vec<u8> {
          std::mem::replace(v, Vec::new())
      }
    `;
    await checkFix('mem_replace_with_default', before, before.replace('replace(v, Vec::new())', 'take(v)'));
    await assert.rejects(checkFix('mem_replace_with_default', before, before), /AssertionError/);
  });
});
