import * as assert from 'assert';
import { lint, sharedEngine } from '../support/engine';
import { RulePlans } from '../../server/src/analysis/rulePlans';
import { ALL_RULES, ruleById } from '../../server/src/rules';
import type { CrateFacts } from '../../server/src/analysis/crateFacts';

/**
 * Rules skip a unit whose text cannot hold what they look for (their `mentions`, read by RulePlans).
 * These are the cases where the word is not where one would first look: the finding
 * must survive the shortcut.
 */
const flagged = async (src: string, rule: string) => (await lint(src, rule)).map((f) => f.text);

describe('rule prefilters', () => {
  it('follow a `use` alias to the path a rule looks for, though the unit never writes its name', async () => {
    const replace = 'use std::mem::replace as swap_out;\npub fn f(v: &mut Vec<u8>) -> Vec<u8> {\n    swap_out(v, Vec::new())\n}\n';
    assert.deepStrictEqual(await flagged(replace, 'mem_replace_with_default'), ['swap_out']);
    const retry = [
      'use std::thread::sleep as nap;',
      'fn connect(addr: &str) -> std::io::Result<TcpStream> {',
      '    let mut retries = 0;',
      '    loop {',
      '        match TcpStream::connect(addr) {',
      '            Ok(s) => return Ok(s),',
      '            Err(e) if retries < 3 => { retries += 1; nap(Duration::from_secs(1)); }',
      '            Err(e) => return Err(e),',
      '        }',
      '    }',
      '}',
    ].join('\n');
    assert.deepStrictEqual(await flagged(retry, 'retry_without_backoff'), ['nap(Duration::from_secs(1))']);
  });

  it('read names in any case, as the rules split them into words', async () => {
    assert.deepStrictEqual(await flagged('pub fn bill(totalPrice: f64) {}\n', 'float_money'), ['f64']);
    assert.deepStrictEqual(await flagged('fn f() { let DB_PASSWORD = "hunter2x9"; }\n', 'hardcoded_secret'), ['"hunter2x9"']);
    assert.deepStrictEqual(await flagged('fn f() { let api_key = "k3y-9f8a7b6c"; }\n', 'hardcoded_secret'), ['"k3y-9f8a7b6c"']);
  });

  it('find SQL in a string anywhere in the unit, lower-case SQL opening the string', async () => {
    const src = 'fn q(db: &Db, name: &str) {\n    db.run(&format!("  select * from users where name = \'{}\'", name));\n}\n';
    assert.deepStrictEqual(await flagged(src, 'sql_format'), ['format!']);
  });

  it('see async code in a closure or block of a plain fn', async () => {
    const src = 'fn spawn_it() {\n    tokio::spawn(async { std::thread::sleep(std::time::Duration::from_secs(1)); });\n}\n';
    assert.deepStrictEqual(await flagged(src, 'blocking_in_async'), ['std::thread::sleep']);
  });

  it('find a call to an async fn the file declares further down, or its package declares elsewhere', async () => {
    const below = 'fn start(s: &Service) {\n    s.kick();\n    warm_up();\n}\nasync fn warm_up() {}\n';
    assert.deepStrictEqual(await flagged(below, 'unawaited_future'), ['warm_up()']);
    const crate = { role: 'production', edition: '2021', published: false, asyncFns: new Set(['save']), modules: new Set(['db']), timeouts: { fns: new Set(), fields: new Set(), statics: new Set(), allClientsTimed: false }, publicTypes: new Set() } as CrateFacts;
    const src = 'fn handle(user: User) {\n    db::save(user);\n}\n';
    const findings = (await sharedEngine()).lint(src, { relativePath: 'src/lib.rs', crate, rules: [ruleById('unawaited_future')!] });
    assert.deepStrictEqual(findings.map((f) => src.slice(f.start, f.end)), ['db::save(user)']);
  });

  it('find an unsafe block inside an unsafe fn, and a lock under a `use` alias', async () => {
    assert.deepStrictEqual(await flagged('pub unsafe fn f(p: *const u8) -> u8 {\n    let b = unsafe { *p };\n    b + 1\n}\n', 'undocumented_unsafe'), ['unsafe']);
    const pool = 'use std::sync::Mutex as Lock;\nstruct State {\n    db: Lock<sqlx::PgPool>,\n}\n';
    assert.deepStrictEqual(await flagged(pool, 'mutex_around_pool'), ['Lock<sqlx::PgPool>']);
  });

  it('read nothing from a unit no rule can fire in: an intrinsic-style unsafe fn, a test fn for the rules that allow tests', () => {
    const plans = new RulePlans(ALL_RULES);
    plans.useText('');
    assert.deepStrictEqual(plans.planFor('pub unsafe fn mask(a: __m512i, k: u16) -> __m512i {\n    let r = simd_select(k, a.as_i32x16());\n    transmute(r)\n}').wanted, []);
    const test = plans.planFor('fn finds_it() {\n    let v = parse("x").unwrap();\n}', { test: true });
    assert.deepStrictEqual(test.visitors.get('call_expression'), undefined);
  });
});
