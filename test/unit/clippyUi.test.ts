import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { enabledLints, expectedLines, parseMarkers, revisionsOf } from '../../scripts/clippyUi';

const REPO = path.resolve(__dirname, '../../..');
const DATA = path.join(REPO, 'docs/rules/precision/clippy-ui.json');
/** Where scripts/setup-test-deps.sh unpacks clippy's UI tests. */
const CLIPPY = path.join(REPO, '.test-cache/clippy-1.96.0');

const lines = (m: Map<string, number[]>) => Object.fromEntries(m);

describe("clippy's UI test markers", () => {
  it('points each marker at its line: ^ up, v down, | where the one before points, none at its own line', () => {
    const source = ['x.unwrap();', '//~^ unwrap_used', '', '//~vv expect_used', '', 'x.expect("");', '//~| unwrap_used', 'y.clone(); //~ clone_on_copy', '', '', 'z;', '//~^^^ redundant_clone'].join('\n');
    assert.deepStrictEqual(
      parseMarkers(source).map((m) => [m.target, m.code]),
      [[1, 'unwrap_used'], [6, 'expect_used'], [6, 'unwrap_used'], [8, 'clone_on_copy'], [9, 'redundant_clone']],
    );
  });

  it('keeps a revision-limited marker for its revision only, and no HELP or rustc error code', () => {
    const source = ['unsafe {}', '//~[default]^ undocumented_unsafe_blocks', 'unsafe {}', '//~[disabled]^ undocumented_unsafe_blocks', 'let x: u8 = "";', '//~^ E0308', '//~| HELP: try'].join('\n');
    assert.deepStrictEqual(lines(expectedLines(source, '', 'a.rs', 'default')), { undocumented_unsafe_blocks: [1] });
    assert.deepStrictEqual(lines(expectedLines(source, '', 'a.rs', 'disabled')), { undocumented_unsafe_blocks: [3] });
  });

  it("attributes a message marker to the lint its .stderr names, or that names the same message elsewhere", () => {
    const source = [
      'let _ = mem::replace(&mut a, None);', // 1
      '//~^ ERROR: replacing an `Option` with `None`',
      'let _ = mem::replace(&mut s, String::new());', // 3
      '//~^ ERROR: replacing a value of type `T`',
      'let _ = mem::replace(&mut b, None);', // 5
      '//~^ ERROR: replacing an `Option`',
      'v.sort();', // 7
      '//~^ stable_sort_primitive',
    ].join('\n');
    const stderr = [
      'error: replacing an `Option` with `None`',
      '  --> tests/ui/mem.rs:1:9',
      '   |',
      "   = note: `-D clippy::mem-replace-option-with-none` implied by `-D warnings`",
      '',
      'error: replacing a value of type `T` with `T::default()`',
      '  --> tests/ui/mem.rs:3:9',
      "   = help: to override `-D warnings` add `#[allow(clippy::mem_replace_with_default)]`",
      '',
      'error: replacing an `Option` with `None`',
      '  --> tests/ui/mem.rs:5:9',
      '',
      'error: used `sort` on primitive type `i32`',
      '  --> tests/ui/auxiliary/other.rs:7:5',
      '',
      'error: aborting due to 3 previous errors',
    ].join('\n');
    assert.deepStrictEqual(lines(expectedLines(source, stderr, 'mem.rs')), {
      mem_replace_option_with_none: [1, 5],
      mem_replace_with_default: [3],
      stable_sort_primitive: [7],
    });
  });

  it("gives a message marker the file's only lint when nothing else names it, and `?` when nothing can", () => {
    const source = ['let g = m.lock();', '//~^ ERROR: this `MutexGuard` is held across an await point'].join('\n');
    const named = "error: this `MutexGuard` is held across an await point\n  --> tests/ui/a.rs:9:9\n   = note: `-D clippy::await-holding-lock` implied by `-D warnings`\nerror: this `MutexGuard` is held across an await point\n  --> tests/ui/a.rs:1:9\n";
    assert.deepStrictEqual(lines(expectedLines(source, named, 'a.rs')), { await_holding_lock: [1] });
    assert.deepStrictEqual(lines(expectedLines(source, '', 'a.rs')), { '?': [1] });
  });

  it('reads revisions and the lints a test turns on itself', () => {
    const source = ['//@revisions: edition2021 default', '//@compile-flags: -W clippy::dbg-macro', '#![warn(clippy::unwrap_used, clippy::expect_used)]', '#![allow(clippy::linkedlist)]'].join('\n');
    assert.deepStrictEqual(revisionsOf(source), ['edition2021', 'default']);
    assert.deepStrictEqual(enabledLints(source).sort(), ['dbg_macro', 'expect_used', 'unwrap_used']);
  });
});

describe("agreement with clippy's UI tests (docs/rules/precision/clippy-ui.json)", () => {
  const data = JSON.parse(fs.readFileSync(DATA, 'utf8'));

  it('explains every miss and judges every finding of ours on a line clippy leaves alone', () => {
    for (const m of data.misses) assert.ok(m.why, `miss without a reason: ${m.path}:${m.line} (${m.lint})`);
    for (const x of data.extras) assert.ok(['catch', 'difference', 'wrong'].includes(x.verdict) && x.why, `finding not judged: ${x.path}:${x.line} (${x.rule})`);
  });

  it('a fresh run over the tests finds what the data says (re-run scripts/clippy-agreement.mjs and judge)', function () {
    // scripts/setup-test-deps.sh, which `npm test` and CI run first, puts the tests there.
    if (!fs.existsSync(path.join(CLIPPY, 'tests/ui'))) this.skip();
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clippy-ui-')), 'clippy-ui.json');
    const r = spawnSync('node', [path.join(REPO, 'scripts/clippy-agreement.mjs'), '--clippy', CLIPPY, '--out', out], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const fresh = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.deepStrictEqual(fresh.lints, data.lints);
    const where = (xs: { key: string }[]) => xs.map((x) => x.key).sort();
    assert.deepStrictEqual(where(fresh.misses), where(data.misses));
    assert.deepStrictEqual(where(fresh.extras), where(data.extras));
  });
});
