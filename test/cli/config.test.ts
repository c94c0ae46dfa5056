import * as assert from 'assert';
import { UNWRAP_FN, project, runCli, runJson } from '../support/cli';

const RULE = 'unwrap_in_production';
const PKG = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n';

/** The level the CLI gives `unwrap_in_production` on src/lib.rs, or `off` when it does not report it. */
function levelIn(files: Record<string, string>, file = 'src/lib.rs', cwd = ''): string {
  const root = project({ [file]: UNWRAP_FN, ...files });
  const { report } = runJson(['check'], cwd ? `${root}/${cwd}` : root);
  const hits = report.findings.filter((f) => f.rule === RULE);
  return hits.length ? hits.map((f) => f.severity).join(',') : 'off';
}

describe('cli: project configuration', () => {
  it('defaults to the rule severity with no configuration', () => {
    assert.strictEqual(levelIn({ 'Cargo.toml': PKG }), 'hint');
  });

  it("maps Cargo's [lints.clippy] levels onto the rules mirroring those lints", () => {
    assert.strictEqual(levelIn({ 'Cargo.toml': `${PKG}\n[lints.clippy]\nunwrap_used = "allow"\n` }), 'off');
    assert.strictEqual(levelIn({ 'Cargo.toml': `${PKG}\n[lints.clippy]\nunwrap_used = "deny"\n` }), 'error');
    assert.strictEqual(levelIn({ 'Cargo.toml': `${PKG}\n[lints.clippy]\nexpect_used = { level = "forbid", priority = 1 }\n` }), 'error');
    // Allowing one of the mirrored lints never hides what another one denies.
    assert.strictEqual(levelIn({ 'Cargo.toml': `${PKG}\n[lints.clippy]\nunwrap_used = "allow"\nexpect_used = "deny"\n` }), 'error');
    // Unrelated lints and groups change nothing.
    assert.strictEqual(levelIn({ 'Cargo.toml': `${PKG}\n[lints.clippy]\nall = "deny"\nneedless_return = "allow"\n` }), 'hint');
  });

  it('takes [workspace.lints.clippy] for members with `lints.workspace = true`, and only for them', () => {
    const root = '[workspace]\nmembers = ["crates/*"]\n\n[workspace.lints.clippy]\nunwrap_used = "allow"\n';
    assert.strictEqual(levelIn({ 'Cargo.toml': root, 'crates/a/Cargo.toml': `${PKG}\n[lints]\nworkspace = true\n` }, 'crates/a/src/lib.rs'), 'off');
    assert.strictEqual(levelIn({ 'Cargo.toml': root, 'crates/a/Cargo.toml': PKG }, 'crates/a/src/lib.rs'), 'hint');
  });

  it('metadata overrides clippy levels; package over workspace; rust-patterns.toml over Cargo.toml; nearer over farther', () => {
    const ws = (rules: string) => `[workspace]\nmembers = ["crates/*"]\n\n[workspace.metadata.rust-patterns]\nrules = { ${rules} }\n`;
    const member = (extra: string) => `${PKG}\n[lints.clippy]\nunwrap_used = "allow"\n${extra}`;
    const file = 'crates/a/src/lib.rs';
    assert.strictEqual(levelIn({ 'Cargo.toml': ws(`${RULE} = "deny"`), 'crates/a/Cargo.toml': member('') }, file), 'error');
    assert.strictEqual(
      levelIn({ 'Cargo.toml': ws(`${RULE} = "deny"`), 'crates/a/Cargo.toml': member(`\n[package.metadata.rust-patterns]\nrules = { ${RULE} = "info" }\n`) }, file),
      'info',
    );
    assert.strictEqual(
      levelIn({ 'Cargo.toml': ws(`${RULE} = "deny"`), 'crates/a/Cargo.toml': member(`\n[package.metadata.rust-patterns]\nrules = { ${RULE} = "info" }\n`), 'crates/a/rust-patterns.toml': `[rules]\n${RULE} = "hint"\n` }, file),
      'hint',
    );
    // A rust-patterns.toml at the workspace root is farther than the member's Cargo.toml.
    assert.strictEqual(levelIn({ 'Cargo.toml': ws(`${RULE} = "deny"`), 'rust-patterns.toml': `rules = { ${RULE} = "allow" }\n`, 'crates/a/Cargo.toml': PKG }, file), 'off');
    assert.strictEqual(
      levelIn({ 'Cargo.toml': ws(`${RULE} = "deny"`), 'rust-patterns.toml': `rules = { ${RULE} = "allow" }\n`, 'crates/a/Cargo.toml': `${PKG}\n[package.metadata.rust-patterns]\nrules = { ${RULE} = "warn" }\n` }, file),
      'warning',
    );
  });

  it('stops looking above the Cargo workspace root and above a repository root', () => {
    const outer = { 'rust-patterns.toml': `rules = { ${RULE} = "allow" }\n` };
    assert.strictEqual(levelIn({ ...outer, 'ws/Cargo.toml': '[workspace]\nmembers = []\n' }, 'ws/src/lib.rs'), 'hint');
    assert.strictEqual(levelIn({ ...outer, 'repo/.git/HEAD': 'x' }, 'repo/src/lib.rs'), 'hint');
    assert.strictEqual(levelIn(outer, 'repo/src/lib.rs'), 'off');
  });

  it('exclude skips matching files, relative to the file that says so, even when named on the command line', () => {
    const root = project({
      'Cargo.toml': `${PKG}\n[package.metadata.rust-patterns]\nexclude = ["src/generated/**", "*_pb.rs"]\n`,
      'src/lib.rs': UNWRAP_FN,
      'src/generated/api.rs': UNWRAP_FN,
      'src/deep/x_pb.rs': UNWRAP_FN,
    });
    const paths = (args: string[]) => runJson(['check', ...args], root).report.findings.map((f) => f.path);
    assert.deepStrictEqual(paths([]), ['src/lib.rs']);
    assert.deepStrictEqual(paths(['src/generated/api.rs']), []);
  });

  it('--rule runs a rule the configuration turns off, at its default level', () => {
    const files = { 'Cargo.toml': `${PKG}\n[package.metadata.rust-patterns]\nrules = { ${RULE} = "allow" }\n` };
    assert.strictEqual(levelIn(files), 'off');
    const root = project({ ...files, 'src/lib.rs': UNWRAP_FN });
    assert.deepStrictEqual(runJson(['check', '--rule', RULE], root).report.findings.map((f) => f.severity), ['hint']);
  });

  it('reports a broken file as one diagnostic on it, at the faulty line, and falls back to the defaults', () => {
    const cases: [Record<string, string>, string, number, RegExp][] = [
      [{ 'Cargo.toml': `${PKG}\n[package.metadata.rust-patterns\nrules = {}\n` }, 'Cargo.toml', 6, /Invalid TOML/],
      [{ 'rust-patterns.toml': `exclude = ["x"]\nrules = { ${RULE} = "loud" }\n` }, 'rust-patterns.toml', 2, /must be one of "allow", "warn", "deny", "hint", "info"/],
      [{ 'rust-patterns.toml': 'timeout-seconds = "ten"\n' }, 'rust-patterns.toml', 1, /timeout-seconds/],
    ];
    for (const [files, file, line, message] of cases) {
      const root = project({ ...files, 'src/lib.rs': UNWRAP_FN });
      const { status, report } = runJson(['check'], root);
      assert.strictEqual(report.configProblems.length, 1, JSON.stringify(report.configProblems));
      const [p] = report.configProblems;
      assert.deepStrictEqual([p.path, p.severity, p.start.line], [file, 'error', line]);
      assert.match(p.message, message);
      assert.match(p.message, /defaults/);
      assert.deepStrictEqual(report.findings.filter((f) => f.rule === RULE).map((f) => f.severity), ['hint'], 'defaults apply');
      assert.strictEqual(status, 1, 'a broken configuration is an error: CI must not pass silently on defaults');
      assert.match(runCli(['check'], root).stdout, new RegExp(`^${file.replace('.', '\\.')}:${line}:\\d+: error\\[config\\]: `, 'm'));
    }
  });

  it('warns about unknown rules and keys but keeps the rest of the file', () => {
    const root = project({ 'rust-patterns.toml': `colour = "red"\nrules = { no_such_rule = "allow", ${RULE} = "deny" }\n`, 'src/lib.rs': UNWRAP_FN });
    const { status, report } = runJson(['check'], root);
    assert.deepStrictEqual(report.configProblems.map((p) => [p.severity, p.start.line]), [['warning', 1], ['warning', 2]]);
    assert.deepStrictEqual(report.findings.filter((f) => f.rule === RULE).map((f) => f.severity), ['error']);
    assert.strictEqual(status, 1);
  });
});
