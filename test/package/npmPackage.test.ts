import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as yaml from 'js-yaml';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { REPO, UNWRAP_FN, project } from '../support/cli';
import { LspClient } from '../support/lspClient';

/**
 * The npm package as a user gets it: `npm pack` (which builds the production bundles), then a global
 * install into a fresh prefix with no registry at hand, then both commands from another directory.
 */
describe('npm package: pack, install offline, run', function () {
  this.timeout(180_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-pkg-'));
  const prefix = path.join(work, 'prefix');
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  let files: string[] = [];

  before(() => {
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], REPO)) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path);
    npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], work);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('holds the bundles, the wasm files and the docs, and nothing users do not need', () => {
    for (const f of ['dist/cli.js', 'dist/server.js', 'dist/tree-sitter.cjs', 'dist/tree-sitter.wasm', 'dist/tree-sitter-rust.wasm', 'docs/rules/unwrap_in_production.md', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      assert.ok(files.includes(f), `${f} missing from the tarball`);
    }
    const needless = files.filter((f) => /\.(ts|map)$|^(test|bench|scripts|server|client|cli|test-workspace)\/|^dist\/(browser\/|extension\.js$)|\.vsix$/.test(f));
    assert.deepStrictEqual(needless, []);
    assert.ok(files.length < 80, `${files.length} files`);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies?: object; private?: boolean };
    assert.strictEqual(manifest.dependencies, undefined, 'the bundles hold every library: no runtime dependency to install');
    assert.strictEqual(manifest.private, undefined);
  });

  it('rust-patterns check lints a crate from any directory', () => {
    const crate = project({ 'Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n', 'src/lib.rs': UNWRAP_FN });
    const r = spawnSync(path.join(prefix, 'bin', 'rust-patterns'), ['check', crate, '--format', 'json'], { cwd: os.tmpdir(), encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; start: { line: number } }[] };
    assert.deepStrictEqual(report.findings.map((f) => [f.rule, f.start.line]), [['unwrap_in_production', 2]]);

    const explained = execFileSync(path.join(prefix, 'bin', 'rust-patterns'), ['--explain', 'unwrap_in_production'], { encoding: 'utf8' });
    const page = explained.trim().split('\n').pop()!;
    assert.ok(fs.existsSync(fileURLToPath(page)), `--explain points at ${page}, which the package does not hold`);
  });

  it('the pre-commit hook of .pre-commit-hooks.yaml fails a commit that adds SQL built with format!, and passes clean code', () => {
    const repo = project({
      'src/lib.rs': 'pub fn q(name: &str) -> String {\n    format!("SELECT * FROM users WHERE name = \'{name}\'")\n}\n',
      'src/ok.rs': 'pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n',
      'README.md': 'not Rust: the hook must not see it\n',
    });
    const env = { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`, PRE_COMMIT_HOME: path.join(work, 'pre-commit'), NO_COLOR: '1' };
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, env });
    git('init', '-q');
    git('add', '-A');
    // try-repo runs the hook as a user's `repos:` entry would, from this repository's working tree.
    const run = (...files: string[]) => spawnSync('pre-commit', ['try-repo', REPO, 'rust-patterns', '--files', ...files], { cwd: repo, env, encoding: 'utf8' });
    const bad = run('src/lib.rs', 'src/ok.rs', 'README.md');
    assert.strictEqual(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /src\/lib\.rs:2:5: error\[sql_format\]/);
    const good = run('src/ok.rs', 'README.md');
    assert.strictEqual(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /rust-patterns\.+Passed/);
  });

  it('docs/ci.md: the GitHub Actions workflow\'s commands fail on an error, write the SARIF that its upload step reads, and pass clean code', () => {
    interface Step { run?: string; uses?: string; if?: string; with?: Record<string, string> }
    const blocks = [...fs.readFileSync(path.join(REPO, 'docs/ci.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => yaml.load(m[1]) as Record<string, unknown>);
    const workflow = blocks.find((b) => 'jobs' in b) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    assert.strictEqual(workflow.permissions['security-events'], 'write');
    const steps = Object.values(workflow.jobs)[0].steps;
    assert.ok(steps.some((s) => s.run === 'npm install -g rust-patterns'), 'the workflow installs the package');
    const check = steps.find((s) => s.run?.startsWith('rust-patterns check'))!;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.strictEqual(upload.if, 'always()', 'the upload must also run when the check fails');
    const sarifFile = upload.with!.sarif_file;
    assert.ok(check.run!.endsWith(`> ${sarifFile}`), `${check.run} does not write ${sarifFile}`);

    const env = { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` };
    const runIn = (files: Record<string, string>) => {
      const root = project(files);
      const r = spawnSync('sh', ['-c', check.run!], { cwd: root, env, encoding: 'utf8' });
      return { status: r.status, sarif: JSON.parse(fs.readFileSync(path.join(root, sarifFile), 'utf8')) as { runs: { results: { ruleId: string; partialFingerprints: object }[] }[] } };
    };
    const failing = runIn({ 'src/lib.rs': 'pub fn q(name: &str) -> String {\n    format!("SELECT * FROM users WHERE name = \'{name}\'")\n}\n' });
    assert.strictEqual(failing.status, 1);
    assert.deepStrictEqual(failing.sarif.runs[0].results.map((r) => r.ruleId), ['sql_format']);
    const passing = runIn({ 'src/lib.rs': UNWRAP_FN });
    assert.strictEqual(passing.status, 0, 'a warning does not fail --deny error');
    assert.deepStrictEqual(passing.sarif.runs[0].results.map((r) => r.ruleId), ['unwrap_in_production']);

    const precommit = blocks.find((b) => 'repos' in b) as { repos: { hooks: { id: string }[] }[] };
    const hooks = yaml.load(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[];
    assert.deepStrictEqual(precommit.repos[0].hooks.map((h) => h.id), hooks.map((h) => h.id));
  });

  it('rust-patterns-lsp --stdio serves diagnostics whose links open pages the package holds', async () => {
    const bin = fs.realpathSync(path.join(prefix, 'bin', 'rust-patterns-lsp'));
    assert.ok(bin.startsWith(fs.realpathSync(prefix)), bin);
    const client = await LspClient.start({ server: bin });
    try {
      const uri = 'file:///tmp/rp-pkg/src/lib.rs';
      client.open(uri, UNWRAP_FN, 1);
      const [d] = await client.diagnostics(uri, 1);
      assert.strictEqual(d.code, 'unwrap_in_production');
      assert.ok(fs.existsSync(fileURLToPath(String(d.codeDescription?.href))), String(d.codeDescription?.href));
    } finally {
      assert.strictEqual(await client.stop(), 0);
    }
  });
});

describe('extension package: what vsce puts in the .vsix', () => {
  it('lists the desktop and browser bundles, wasm files, snippets, grammar, rule pages and icon, with no warning and nothing else', () => {
    const r = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stderr.trim(), '', 'vsce warns');
    const files = r.stdout.trim().split('\n');
    for (const f of ['dist/extension.js', 'dist/server.js', 'dist/browser/extension.js', 'dist/browser/server.js', 'dist/tree-sitter.cjs', 'dist/tree-sitter.wasm', 'dist/tree-sitter-rust.wasm', 'snippets/rust.json', 'docs/rules/unwrap_in_production.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png']) {
      assert.ok(files.includes(f), `${f} missing from the .vsix`);
    }
    assert.deepStrictEqual(files.filter((f) => /\.(ts|map|json)$/.test(f) && !/^(package\.json|snippets\/.*|syntaxes\/.*)$/.test(f)), []);
    assert.deepStrictEqual(files.filter((f) => /^(test|bench|scripts|server|client|cli|test-workspace|node_modules)\//.test(f)), []);
  });

  it("has the icon package.json names: a PNG of at least 128×128, as the Marketplace asks", () => {
    const icon = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).icon as string;
    const png = fs.readFileSync(path.join(REPO, icon));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR, the first chunk, holds the width and height.
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, `${icon} is ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`);
  });
});
