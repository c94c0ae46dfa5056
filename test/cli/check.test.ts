import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../server/src/rules';
import { explain } from '../../server/src/rules/docs';
import { CLI, UNWRAP_FN, project, runCli, runJson } from '../support/cli';

const RULE = 'unwrap_in_production';
const mine = <T extends { rule: string }>(findings: T[]) => findings.filter((f) => f.rule === RULE);

describe('cli: rust-patterns check', () => {
  it('prints clippy-style findings with the source line and a caret under the span', () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN });
    const r = runCli(['check', '--rule', RULE], root);
    assert.strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('src/lib.rs:2:26: hint[unwrap_in_production]: '));
    assert.ok(head >= 0, r.stdout);
    assert.match(lines[head], /`std::env::var\("PORT"\)\.unwrap\(\)` panics/);
    assert.strictEqual(lines[head + 2], '2 |     std::env::var("PORT").unwrap().parse().unwrap_or(80)');
    assert.strictEqual(lines[head + 3], '  |                          ^^^^^^^^^');
    assert.match(r.stdout, /1 finding \(1 hint\) in 1 file/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colours when stdout is not a terminal');
    assert.strictEqual(r.stderr, '', 'no progress bar when stderr is not a terminal');
  });

  it('exits 0 below --deny, 1 at or above it, 0 with --deny none, and 2 on usage errors', () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN });
    assert.strictEqual(runCli(['check', '--rule', RULE], root).status, 0); // a hint, default deny = error
    assert.strictEqual(runCli(['check', '--rule', RULE, '--deny', 'info'], root).status, 0);
    assert.strictEqual(runCli(['check', '--rule', RULE, '--deny', 'hint'], root).status, 1);
    assert.strictEqual(runCli(['check', '--rule', RULE, '--deny', 'none'], root).status, 0);
    const clean = project({ 'src/lib.rs': 'pub fn f() -> u8 { 1 }\n' });
    assert.strictEqual(runCli(['check', '--deny', 'hint'], clean).status, 0);
    for (const bad of [['check', '--deny', 'loud'], ['check', '--format', 'xml'], ['check', '--jobs', '0'], ['check', '--rule', 'no_such_rule'], ['lint'], ['check', '--bogus']]) {
      const r = runCli(bad, root);
      assert.strictEqual(r.status, 2, bad.join(' '));
      assert.match(r.stderr, /^rust-patterns: .+\nRun `rust-patterns --help` for usage\.\n$/, bad.join(' '));
    }
  });

  it('reports a path that does not exist and a file it cannot read, checks the rest, and exits 2', () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN });
    // Tests may run as root, where no permission bit stops a read: /proc/self/mem fails with EIO for anyone.
    const r = runJson(['check', 'src', 'missing.rs', '/proc/self/mem', '--rule', RULE], root);
    assert.strictEqual(r.status, 2);
    assert.strictEqual(mine(r.report.findings).length, 1, 'the readable file is still checked');
    const notChecked = Object.fromEntries(r.report.notChecked.map((n) => [n.path, n]));
    assert.match(notChecked['missing.rs'].message, /no such file/);
    assert.strictEqual(notChecked['/proc/self/mem'].kind, 'error');
    assert.match(notChecked['/proc/self/mem'].message, /cannot read/);
  });

  it('says only that a missing path is missing, with no count of findings after it', () => {
    const r = runCli(['check', 'missing/path'], project({ 'src/lib.rs': UNWRAP_FN }));
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stdout, 'missing/path: error: no such file or directory\n');
  });

  it('reports and skips a file that is not UTF-8 without failing the run', () => {
    const latin1 = Buffer.from('// caf\xe9\npub fn f() { None::<u8>.unwrap(); }\n', 'latin1');
    const root = project({ 'src/lib.rs': UNWRAP_FN, 'src/latin1.rs': latin1 });
    const r = runJson(['check', '--rule', RULE], root);
    assert.strictEqual(r.status, 0);
    assert.deepStrictEqual(r.report.notChecked, [{ path: 'src/latin1.rs', kind: 'skipped', message: 'skipped: not valid UTF-8' }]);
    assert.deepStrictEqual(mine(r.report.findings).map((f) => f.path), ['src/lib.rs']);
    assert.match(runCli(['check', '--rule', RULE], root).stdout, /src\/latin1\.rs: warning: skipped: not valid UTF-8/);
  });

  it('walks directories for .rs files, honouring .gitignore (also from above, up to the repository) and skipping target/', () => {
    const root = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.bak.rs\n',
      'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\n',
      'src/lib.rs': UNWRAP_FN,
      'src/old.bak.rs': UNWRAP_FN,
      'src/generated/api.rs': UNWRAP_FN,
      'src/nested/.gitignore': '*.rs\n!keep.rs\n',
      'src/nested/drop.rs': UNWRAP_FN,
      'src/nested/keep.rs': UNWRAP_FN,
      'target/debug/build/out.rs': UNWRAP_FN,
      'notes.txt': 'x.unwrap()',
    });
    const paths = (args: string[], cwd = root) => [...new Set(mine(runJson(['check', ...args, '--rule', RULE], cwd).report.findings).map((f) => f.path))];
    assert.deepStrictEqual(paths([]), ['src/lib.rs', 'src/nested/keep.rs']);
    // Walking from a subdirectory still honours the .gitignore at the repository root.
    assert.deepStrictEqual(paths(['.'], path.join(root, 'src')), ['lib.rs', 'nested/keep.rs']);
    // A file named on the command line is checked even when ignored.
    assert.deepStrictEqual(paths(['src/generated/api.rs']), ['src/generated/api.rs']);
  });

  it('gives the same findings with one worker and with several, in file order', () => {
    const files: Record<string, string> = {};
    let expected = 0;
    for (let i = 0; i < 40; i++) {
      files[`src/m${String(i).padStart(2, '0')}.rs`] = UNWRAP_FN.repeat(1 + (i % 3));
      expected += 1 + (i % 3);
    }
    const root = project(files);
    const one = runJson(['check', '--jobs', '1'], root).report;
    const three = runJson(['check', '--jobs', '3'], root).report;
    assert.strictEqual(mine(one.findings).length, expected);
    assert.deepStrictEqual(three.findings, one.findings);
    const order = one.findings.map((f) => f.path);
    assert.deepStrictEqual(order, [...order].sort());
  });

  it('reads the package the same when the workers build its model (--no-cache) as when the main thread does', () => {
    const pkg = (name: string) => ({
      [`${name}/Cargo.toml`]: `[package]\nname = "${name}"\nversion = "0.1.0"\n`,
      [`${name}/src/lib.rs`]: 'mod db;\npub fn handle(id: u32) {\n    db::save(id);\n}\n',
      [`${name}/src/db.rs`]: 'pub async fn save(id: u32) {\n    let _ = id;\n}\n',
      [`${name}/tests/it.rs`]: UNWRAP_FN,
    });
    const root = project({ ...pkg('a'), ...pkg('b') });
    const cached = runJson(['check', '--deny', 'none', '--jobs', '1'], root).report.findings;
    assert.deepStrictEqual(
      cached.map((f) => `${f.path}:${f.rule}`),
      ['a/src/lib.rs:unawaited_future', 'b/src/lib.rs:unawaited_future'],
      'the async fn of another file is the package model\'s, and tests/ is test code',
    );
    for (const jobs of ['1', '2']) assert.deepStrictEqual(runJson(['check', '--deny', 'none', '--no-cache', '--jobs', jobs], root).report.findings, cached, `--jobs ${jobs}`);
  });

  it('--rule checks only the rules named', () => {
    const root = project({ 'src/lib.rs': `${UNWRAP_FN}use std::collections::LinkedList;\n` });
    const all = runJson(['check'], root).report.findings;
    const only = runJson(['check', '--rule', RULE], root).report.findings;
    assert.deepStrictEqual(only, mine(all));
    assert.ok(only.length > 0);
  });

  it('--list-rules lists every rule of the catalog; --explain prints the hover text', () => {
    const list = runCli(['--list-rules'], process.cwd());
    assert.strictEqual(list.status, 0);
    for (const rule of CATALOG) assert.match(list.stdout, new RegExp(`^${rule.id} +${rule.severity} `, 'm'), rule.id);
    const json = JSON.parse(runCli(['--list-rules', '--format', 'json'], process.cwd()).stdout) as { id: string }[];
    assert.deepStrictEqual(json.map((r) => r.id), CATALOG.map((r) => r.id));
    for (const rule of CATALOG) {
      const r = runCli(['--explain', rule.id], process.cwd());
      assert.strictEqual(r.status, 0);
      assert.ok(r.stdout.includes(explain(rule)), `${rule.id}: --explain prints the hover's explanation`);
    }
    assert.strictEqual(runCli(['--explain', 'nope'], process.cwd()).status, 2);
  });

  it('keeps a byte-order mark and CRLF line ends when reading', () => {
    const root = project({ 'src/lib.rs': `\uFEFF${UNWRAP_FN.replace(/\n/g, '\r\n')}` });
    const [f] = mine(runJson(['check'], root).report.findings);
    assert.deepStrictEqual([f.start, f.end], [{ line: 2, column: 26 }, { line: 2, column: 35 }]);
    assert.ok(fs.readFileSync(path.join(root, 'src/lib.rs')).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
  });

  it('draws a progress bar and colours on a terminal, but not in CI', () => {
    const files: Record<string, string> = {};
    // Enough code that the run outlasts the bar's first 300 ms on a fast machine: 2 findings and 150 plain fns a file.
    const plain = Array.from({ length: 150 }, (_, k) => `pub fn plain${k}(x: u32) -> u32 {\n    let y = x.wrapping_mul(${k});\n    y ^ (y >> 3)\n}\n`).join('');
    for (let i = 0; i < 300; i++) files[`src/m${i}.rs`] = UNWRAP_FN.repeat(2) + plain;
    const root = project(files);
    // `script` runs the CLI on a pseudo-terminal, as a developer's shell would.
    const onTerminal = (ci: boolean) => {
      const env: Record<string, string> = { ...(process.env as Record<string, string>), TERM: 'xterm' };
      delete env.CI;
      delete env.NO_COLOR;
      delete env.FORCE_COLOR;
      if (ci) env.CI = 'true';
      const r = spawnSync('script', ['-qec', `'${process.execPath}' '${CLI}' check --jobs 1 --rule unwrap_in_production`, '/dev/null'], { cwd: root, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
      assert.strictEqual(r.status, 0, `${r.signal ?? ''} ${r.error ?? ''} ${r.stderr}`);
      return r.stdout;
    };
    const tty = onTerminal(false);
    assert.match(tty, /\r\[[#.]{24}\] \d+\/300 files, \d+ findings/);
    assert.match(tty, /\x1b\[32;1mhint\[unwrap_in_production\]/);
    const ci = onTerminal(true);
    assert.doesNotMatch(ci, /\d+\/300 files/);
    assert.match(ci, /600 findings \(600 hints\) in 300 files/);
  });
});
