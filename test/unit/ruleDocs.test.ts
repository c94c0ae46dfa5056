import * as assert from 'assert';
import { ALL_RULES } from '../../server/src/rules';
import { explain, fullCode, isHiddenLine, rulePage, shownCode } from '../../server/src/rules/docs';
import { serviceCheck } from '../support/crates';
import { lint, packageDeclaring } from '../support/engine';
import { parseVersion } from '../../server/src/analysis/crateFacts';
import { assertParsesClean } from '../support/fixHarness';
import { type CompileResult, rustcCheck } from '../support/rustc';

type Check = ((src: string) => CompileResult) | string;

/**
 * How each rule's documented example and "instead" are compiled (hidden lines included), or why they
 * cannot be. Every rule must be listed, so a new rule has to say how its docs are checked.
 */
const COMPILE: Record<string, { example: Check; instead: Check }> = {
  unwrap_in_production: { example: rustcCheck, instead: rustcCheck },
  clone_then_reset: { example: rustcCheck, instead: rustcCheck },
  mem_replace_with_default: { example: rustcCheck, instead: rustcCheck },
  blocking_in_async: { example: rustcCheck, instead: serviceCheck },
  unawaited_future: { example: rustcCheck, instead: serviceCheck },
  sequential_awaits: { example: rustcCheck, instead: serviceCheck },
  missing_timeout: { example: 'reqwest is not among the test crates', instead: 'reqwest is not among the test crates' },
  lock_across_await: { example: rustcCheck, instead: rustcCheck },
  undocumented_unsafe: { example: rustcCheck, instead: rustcCheck },
  static_mut: { example: rustcCheck, instead: rustcCheck },
  redundant_clone: { example: rustcCheck, instead: rustcCheck },
  clone_on_copy: { example: rustcCheck, instead: rustcCheck },
  rc_refcell: { example: rustcCheck, instead: rustcCheck },
  rc_cycle_risk: { example: rustcCheck, instead: rustcCheck },
  deref_inheritance: { example: rustcCheck, instead: rustcCheck },
  trait_i_prefix: { example: rustcCheck, instead: rustcCheck },
  linked_list: { example: rustcCheck, instead: rustcCheck },
  stable_sort: { example: rustcCheck, instead: rustcCheck },
  vec_no_capacity: { example: rustcCheck, instead: rustcCheck },
  sql_format: { example: rustcCheck, instead: rustcCheck },
  mutex_around_pool: { example: 'sqlx is not packaged by Debian', instead: 'sqlx is not packaged by Debian' },
  in_memory_session_state: { example: rustcCheck, instead: rustcCheck },
  hardcoded_secret: { example: rustcCheck, instead: 'secrecy and jsonwebtoken are not among the test crates' },
  weak_password_hash: { example: serviceCheck, instead: 'argon2 is not packaged by Debian' },
  insecure_jwt_validation: { example: 'jsonwebtoken is not among the test crates', instead: 'jsonwebtoken is not among the test crates' },
  long_lived_access_token: { example: rustcCheck, instead: rustcCheck },
  permissive_cors: { example: rustcCheck, instead: rustcCheck },
  non_constant_time_compare: { example: serviceCheck, instead: serviceCheck },
  float_money: { example: rustcCheck, instead: serviceCheck },
  unchecked_money_arithmetic: { example: rustcCheck, instead: rustcCheck },
  println_logging: { example: 'axum is not packaged by Debian', instead: 'axum is not packaged by Debian' },
  retry_without_backoff: { example: serviceCheck, instead: serviceCheck },
  unit_error_type: { example: rustcCheck, instead: serviceCheck },
  string_error_type: { example: rustcCheck, instead: serviceCheck },
  missing_errors_doc: { example: rustcCheck, instead: rustcCheck },
  incompatible_msrv: { example: rustcCheck, instead: rustcCheck },
};

/** Line numbers (0-based) of the full code that the reader sees (the setup before the snippet is hidden). */
function shownLines(snippet: string, setup?: string): Set<number> {
  const before = setup ? setup.split('\n').length : 0;
  return new Set(snippet.split('\n').flatMap((l, i) => (isHiddenLine(l) ? [] : [before + i])));
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

describe('rule documentation is true', () => {
  it('lists how every rule\'s docs are compiled, and nothing else', () => {
    assert.deepStrictEqual(Object.keys(COMPILE).sort(), ALL_RULES.map((r) => r.id).sort());
  });

  it('hides rustdoc-style `# ` lines from the reader and keeps them in the code', () => {
    const snippet = ['# use std::rc::Rc;', '#[derive(Debug)]', 'struct A {', '#     hidden: u8,', '#', '    shown: Rc<u8>,', '}'].join('\n');
    assert.strictEqual(shownCode(snippet), ['#[derive(Debug)]', 'struct A {', '    shown: Rc<u8>,', '}'].join('\n'));
    assert.strictEqual(fullCode(snippet), ['use std::rc::Rc;', '#[derive(Debug)]', 'struct A {', '    hidden: u8,', '', '    shown: Rc<u8>,', '}'].join('\n'));
    assert.strictEqual(fullCode('# fn f() {\nlet a = B;\n# }', 'struct B;'), 'struct B;\nfn f() {\nlet a = B;\n}');
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      const example = fullCode(rule.docs.example, rule.docs.setup);
      const instead = fullCode(rule.docs.instead, rule.docs.setup);
      // The package the snippets belong to, for the rules that read what its Cargo.toml declares.
      const crate = rule.docs.rustVersion ? packageDeclaring(parseVersion(rule.docs.rustVersion)!) : undefined;

      it('the hover, --explain and the docs page show the snippets without their hidden lines', () => {
        for (const text of [explain(rule), rulePage(rule)]) {
          assert.ok(text.includes(shownCode(rule.docs.example)) && text.includes(shownCode(rule.docs.instead)), rule.id);
          assert.ok(!text.split('\n').some((l) => /^\s*# /.test(l) && !/^# \w+$/.test(l)), `${rule.id} shows a hidden line`);
        }
      });

      it('the example and the instead parse without ERROR or MISSING nodes', async () => {
        await assertParsesClean(example);
        await assertParsesClean(instead);
      });

      it('the example triggers the rule on a line the reader sees', async () => {
        const shown = shownLines(rule.docs.example, rule.docs.setup);
        const findings = (await lint(example, rule.id, undefined, crate)).filter((f) => shown.has(lineOf(example, f.start)));
        assert.ok(findings.length > 0, `${rule.id} does not fire on its own example:\n${example}`);
      });

      it('the instead draws no finding from any rule', async () => {
        const findings = await lint(instead, undefined, undefined, crate);
        assert.deepStrictEqual(findings.map((f) => `${f.ruleId}: ${f.text}`), [], `in:\n${instead}`);
      });

      for (const part of ['example', 'instead'] as const) {
        const check = COMPILE[rule.id]?.[part];
        if (typeof check !== 'function') continue;
        it(`the ${part} compiles`, function () {
          this.timeout(600_000);
          const code = part === 'example' ? example : instead;
          const result = check(code);
          assert.ok(result.ok, `${rule.id}'s ${part} does not compile:\n${result.stderr}\n${code}`);
        });
      }
    });
  }
});
