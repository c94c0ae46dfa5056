import * as assert from 'assert';
import { applyFix, assertCompilesBeforeAndAfter, assertParsesClean } from '../support/fixHarness';

// The harness guards every fix test: it must be able to fail.
describe('fix harness', () => {
  it('rejects ERROR and MISSING nodes, accepts clean code', async () => {
    await assertParsesClean('fn f() -> u8 { 1 }\n');
    await assert.rejects(assertParsesClean('fn f() { let x = ; }'), /ERROR/);
    await assert.rejects(assertParsesClean('fn f() { let x = 1 }'), /MISSING/);
  });

  it('rejects a fixture or a fix the compiler refuses', () => {
    assertCompilesBeforeAndAfter('pub fn f() -> u8 { 1 }', 'pub fn f() -> u8 { 2 }');
    assert.throws(() => assertCompilesBeforeAndAfter('pub fn f() -> u8 { "x" }', 'pub fn f() -> u8 { 1 }'), /BEFORE/);
    assert.throws(() => assertCompilesBeforeAndAfter('pub fn f() -> u8 { 1 }', 'pub fn f() -> u8 { "x" }'), /does not compile/);
  });

  it('fails loudly when the rule has no such finding', async () => {
    await assert.rejects(applyFix('fn f() {}', 'unwrap_in_production'), /no finding/);
  });
});
