import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, UNWRAP_FN, project, runCli, runJson } from '../support/cli';

const RULE = 'unwrap_in_production';
const PRINTLN_FN = 'pub fn hello() {\n    println!("hello");\n}\n';

/** The findings without what may differ between a fresh and a cached run (nothing should). */
const findings = (r: ReturnType<typeof runJson>) => r.report.findings.map((f) => `${f.path}:${f.start.line}:${f.start.column} ${f.rule} ${f.severity} ${f.message} ${JSON.stringify(f.fixes)}`);

describe('cli: the result cache', () => {
  it('answers an unchanged tree from the cache with the same report, and re-checks only a changed file', () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN, 'src/other.rs': PRINTLN_FN, 'tests/it.rs': UNWRAP_FN });
    const cold = runJson(['check', '--deny', 'none'], root);
    assert.strictEqual(cold.report.summary.cached, 0);
    assert.ok(fs.existsSync(path.join(root, '.rust-patterns-cache/.gitignore')), 'the cache keeps itself out of git');
    const warm = runJson(['check', '--deny', 'none'], root);
    assert.strictEqual(warm.report.summary.cached, 3);
    assert.deepStrictEqual(findings(warm), findings(cold));
    assert.ok(findings(cold).some((f) => f.startsWith('src/lib.rs:2:') && f.includes(RULE)), findings(cold).join('\n'));

    fs.writeFileSync(path.join(root, 'src/other.rs'), `${PRINTLN_FN}pub fn again() {\n    println!("again");\n}\n`);
    const edited = runJson(['check', '--deny', 'none'], root);
    assert.strictEqual(edited.report.summary.cached, 2);
    assert.strictEqual(edited.report.findings.filter((f) => f.path === 'src/other.rs').length, 2 * cold.report.findings.filter((f) => f.path === 'src/other.rs').length);
  });

  it('re-analyses when the rules that run change, by --rule or by the configuration, and not for a changed severity', () => {
    const root = project({ 'src/lib.rs': `${UNWRAP_FN}${PRINTLN_FN}` });
    runJson(['check', '--deny', 'none'], root);
    assert.strictEqual(runJson(['check', '--deny', 'none', '--rule', RULE], root).report.summary.cached, 0, 'another rule set');
    assert.strictEqual(runJson(['check', '--deny', 'none', '--rule', RULE], root).report.summary.cached, 1);

    fs.writeFileSync(path.join(root, 'rust-patterns.toml'), '[rules]\nprintln_logging = "allow"\n');
    const off = runJson(['check', '--deny', 'none'], root);
    assert.strictEqual(off.report.summary.cached, 0, 'a rule turned off');
    assert.ok(!off.report.findings.some((f) => f.rule === 'println_logging'));

    fs.writeFileSync(path.join(root, 'rust-patterns.toml'), `[rules]\nprintln_logging = "allow"\n${RULE} = "deny"\n`);
    const denied = runJson(['check', '--deny', 'none'], root);
    assert.strictEqual(denied.report.summary.cached, 1, 'only a severity changed');
    assert.deepStrictEqual(denied.report.findings.filter((f) => f.rule === RULE).map((f) => f.severity), ['error']);

    fs.writeFileSync(path.join(root, 'rust-patterns.toml'), `timeout-seconds = 3\n[rules]\nprintln_logging = "allow"\n${RULE} = "deny"\n`);
    assert.strictEqual(runJson(['check', '--deny', 'none'], root).report.summary.cached, 0, 'a setting the fixes read');
  });

  it('re-analyses a file when what is read beside it changes: a .dockerignore, another file of its package', () => {
    const dockerfile = 'FROM rust:1.75 AS builder\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\nFROM gcr.io/distroless/cc-debian12:nonroot\nCOPY --from=builder /app/target/release/app /app\n';
    const root = project({ Dockerfile: dockerfile, 'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n', 'src/main.rs': 'mod work;\nfn main() {}\n', 'src/work.rs': UNWRAP_FN });
    const rulesOf = (r: ReturnType<typeof runJson>, file: string) => r.report.findings.filter((f) => f.path === file).map((f) => f.rule);
    assert.ok(rulesOf(runJson(['check', '--deny', 'none'], root), 'Dockerfile').includes('docker_missing_dockerignore'));
    fs.writeFileSync(path.join(root, '.dockerignore'), 'target/\n');
    assert.ok(!rulesOf(runJson(['check', '--deny', 'none'], root), 'Dockerfile').includes('docker_missing_dockerignore'), 'a .dockerignore appeared');

    // main.rs makes work.rs a test-only module: work.rs's own bytes stay the same, its role does not.
    assert.ok(rulesOf(runJson(['check', '--deny', 'none'], root), 'src/work.rs').includes(RULE));
    fs.writeFileSync(path.join(root, 'src/main.rs'), '#[cfg(test)]\nmod work;\nfn main() {}\n');
    assert.deepStrictEqual(rulesOf(runJson(['check', '--deny', 'none'], root), 'src/work.rs'), [], 'work.rs became test code');
  });

  it("re-analyses a file when its package's crate model says something else of it (another file, the Cargo.toml)", () => {
    const errorsDoc = (r: ReturnType<typeof runJson>) => r.report.findings.filter((f) => f.rule === 'missing_errors_doc').map((f) => f.path);
    const pkg = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n';
    const root = project({
      'Cargo.toml': pkg,
      'src/lib.rs': 'pub mod api;\n',
      'src/api.rs': '/// Loads it.\npub fn load() -> Result<u8, std::io::Error> {\n    Ok(1)\n}\n',
    });
    assert.deepStrictEqual(errorsDoc(runJson(['check', '--deny', 'none'], root)), [], 'a package crates.io would refuse');
    fs.writeFileSync(path.join(root, 'Cargo.toml'), `${pkg}description = "p"\nlicense = "MIT"\n`);
    assert.deepStrictEqual(errorsDoc(runJson(['check', '--deny', 'none'], root)), ['src/api.rs'], 'publishable now: api.rs is API');
    fs.writeFileSync(path.join(root, 'src/lib.rs'), 'mod api;\n');
    assert.deepStrictEqual(errorsDoc(runJson(['check', '--deny', 'none'], root)), [], 'lib.rs made the module private');
  });

  it("starts afresh for another release of the tool and removes the old release's results", () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN });
    runJson(['check', '--deny', 'none'], root);
    // Another release: the same bundle with another version, run from its own directory as an install would be.
    const release = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-release-'));
    for (const f of fs.readdirSync(path.dirname(CLI))) if (/^(cli\.js|tree-sitter.*)$/.test(f)) fs.copyFileSync(path.join(path.dirname(CLI), f), path.join(release, f));
    const bundle = fs.readFileSync(CLI, 'utf8');
    const version = /version: "(\d+\.\d+\.\d+)"/.exec(bundle);
    assert.ok(version, 'the bundle carries package.json\'s version');
    fs.writeFileSync(path.join(release, 'cli.js'), bundle.replace(version[0], 'version: "99.0.0"'));
    assert.strictEqual(runJson(['check', '--deny', 'none'], root).report.summary.cached, 1);
    const other = JSON.parse(runCli(['check', '--deny', 'none', '--format', 'json'], root, {}, path.join(release, 'cli.js')).stdout) as { tool: { version: string }; summary: { cached: number } };
    assert.strictEqual(other.tool.version, '99.0.0');
    assert.strictEqual(other.summary.cached, 0);
    assert.deepStrictEqual(fs.readdirSync(path.join(root, '.rust-patterns-cache')).filter((d) => d.startsWith('v')).map((d) => d.split('-')[0]), ['v99.0.0']);
  });

  it('--no-cache neither reads nor writes, --cache-dir puts it elsewhere, --fix analyses afresh', () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN });
    assert.strictEqual(runJson(['check', '--deny', 'none', '--no-cache'], root).report.summary.cached, 0);
    assert.ok(!fs.existsSync(path.join(root, '.rust-patterns-cache')));
    const elsewhere = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rp-cache-')), 'nested');
    runJson(['check', '--deny', 'none', '--cache-dir', elsewhere], root);
    assert.ok(!fs.existsSync(path.join(root, '.rust-patterns-cache')));
    assert.strictEqual(runJson(['check', '--deny', 'none', '--cache-dir', elsewhere], root).report.summary.cached, 1);
    assert.strictEqual(runJson(['check', '--deny', 'none', '--cache-dir', elsewhere, '--fix'], root).report.summary.cached, 0);
  });

  it('warns and still reports when the cache cannot be written, and ignores a damaged one', () => {
    const root = project({ 'src/lib.rs': UNWRAP_FN, 'cache-is-a-file': 'not a directory' });
    const r = runCli(['check', '--deny', 'none', '--cache-dir', 'cache-is-a-file'], root);
    assert.strictEqual(r.status, 0);
    assert.match(r.stderr, /^rust-patterns: warning: cannot write the cache in .*cache-is-a-file/);
    assert.match(r.stdout, /1 finding/);

    runJson(['check', '--deny', 'none'], root);
    const dir = path.join(root, '.rust-patterns-cache');
    const results = path.join(dir, fs.readdirSync(dir).find((d) => d.startsWith('v'))!, 'results.json');
    fs.writeFileSync(results, fs.readFileSync(results, 'utf8').slice(0, 40));
    const damaged = runJson(['check', '--deny', 'none'], root);
    assert.strictEqual(damaged.report.summary.cached, 0);
    assert.strictEqual(damaged.report.findings.length, 1);
    assert.strictEqual(runJson(['check', '--deny', 'none'], root).report.summary.cached, 1, 'rewritten whole');
  });
});
