import * as assert from 'assert';
import * as fs from 'fs';
import { project, runCli, runJson } from '../support/cli';

const CARGO = '[package]\nname = "orders"\nversion = "0.1.0"\n\n[dependencies]\ntokio = "1"\n\n[profile.release]\nlto = "thin"\n';
const DOCKERFILE = '# syntax=docker/dockerfile:1\nFROM rust:1.75 AS builder\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\nFROM debian:bookworm-slim\nCOPY --from=builder /app/target/release/orders /usr/local/bin/orders\nCMD ["orders"]\n';
const FILES = { 'Cargo.toml': CARGO, 'src/main.rs': 'fn main() {}\n', 'docker/api.Dockerfile': DOCKERFILE, '.dockerignore': '.git\n' };

/** Where each finding of Cargo.toml and the Dockerfile is expected: path, rule, 1-based line and columns. */
const EXPECTED = [
  ['Cargo.toml', 'release_codegen_units', 8, 1, 18],
  ['Cargo.toml', 'release_strip', 8, 1, 18],
  ['Cargo.toml', 'release_panic_abort', 8, 1, 18],
  ['docker/api.Dockerfile', 'docker_missing_dockerignore', 4, 1, 7],
  ['docker/api.Dockerfile', 'docker_uncached_dependencies', 5, 5, 16],
  ['docker/api.Dockerfile', 'docker_root_user', 7, 6, 26],
];

describe('CLI: Cargo.toml and Dockerfiles', () => {
  let root: string;
  before(() => {
    root = project(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('JSON: the findings of the manifest and the Dockerfile, where they are, with the manifest fixes', () => {
    const { report, status } = runJson(['check'], root);
    assert.strictEqual(status, 0);
    const found = report.findings.map((f) => [f.path, f.rule, f.start.line, f.start.column, f.end.column]);
    assert.deepStrictEqual(found.slice().sort(), EXPECTED.slice().sort());
    const strip = report.findings.find((f) => f.rule === 'release_strip')!;
    assert.deepStrictEqual(strip.fixes[0].edits, [{ start: { line: 10, column: 1 }, end: { line: 10, column: 1 }, newText: 'strip = true\n' }]);
  });

  it('text: each finding under its line, and --rule picks file rules like the others', () => {
    const text = runCli(['check'], root).stdout;
    for (const [file, rule, line, column] of EXPECTED) assert.match(text, new RegExp(`^${String(file).replace(/\./g, '\\.')}:${line}:${column}: \\w+\\[${rule}\\]`, 'm'));
    const only = runJson(['check', '--rule', 'docker_root_user'], root).report.findings.map((f) => f.rule);
    assert.deepStrictEqual(only, ['docker_root_user']);
  });

  it('SARIF: results on Cargo.toml and the Dockerfile with their regions, the file rules among the descriptors', () => {
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif'], root).stdout) as {
      runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn: number } } }[] }[] }[];
    };
    const [run] = sarif.runs;
    const found = run.results.map((r) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      return [artifactLocation.uri, r.ruleId, region.startLine, region.startColumn, region.endColumn];
    });
    assert.deepStrictEqual(found.slice().sort(), EXPECTED.slice().sort());
    assert.ok(run.tool.driver.rules.find((r) => r.id === 'docker_root_user')!.properties.tags.includes('docker'));
  });

  it('a workspace root asks for panic = "abort" unless a member relies on unwinding, as the crate models say', () => {
    const member = (main: string) => ({ 'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n', 'crates/app/Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = "1"\n', 'crates/app/src/main.rs': main });
    const rulesOn = (main: string) => {
      const ws = project(member(main));
      try {
        return runJson(['check', '--rule', 'release_panic_abort'], ws).report.findings.map((f) => `${f.path} ${f.rule}`);
      } finally {
        fs.rmSync(ws, { recursive: true, force: true });
      }
    };
    assert.deepStrictEqual(rulesOn('#[tokio::main]\nasync fn main() {}\n'), ['Cargo.toml release_panic_abort']);
    assert.deepStrictEqual(rulesOn('#[tokio::main]\nasync fn main() {\n    tokio::spawn(async {}).await.ok();\n}\n'), []);
  });

  it('a published library member inheriting tokio\'s "full" from [workspace.dependencies] is reported on its entry', () => {
    const ws = project({
      'Cargo.toml': '[workspace]\nmembers = ["limiter"]\n\n[workspace.dependencies]\ntokio = { version = "1", features = ["full"] }\n',
      'limiter/Cargo.toml': '[package]\nname = "limiter"\nversion = "0.1.0"\ndescription = "d"\nlicense = "MIT"\n\n[dependencies]\ntokio = { workspace = true, features = ["sync"] }\n',
      'limiter/src/lib.rs': 'pub fn f() {}\n',
    });
    try {
      const found = runJson(['check', '--rule', 'library_tokio_full'], ws).report.findings.map((f) => [f.path, f.start.line, f.start.column, f.end.column]);
      assert.deepStrictEqual(found, [['limiter/Cargo.toml', 8, 11, 27]]);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('reads paths inside the project: a checkout under ~/dev is production, its ci/ image and its example packages are not', () => {
    const parent = project({
      ...Object.fromEntries(Object.entries(FILES).map(([rel, text]) => [`dev/orders/${rel}`, text])),
      'dev/orders/ci/cgroups/Dockerfile': 'FROM rust:latest\nCOPY . .\nRUN cargo build\n',
      'dev/orders/examples/tls/Cargo.toml': '[package]\nname = "tls-example"\nversion = "0.0.1"\n',
      'dev/orders/examples/tls/src/main.rs': 'fn main() {}\n',
    });
    try {
      const found = runJson(['check', 'dev/orders'], parent).report.findings.map((f) => [f.path.replace(/^dev\/orders\//, ''), f.rule, f.start.line, f.start.column, f.end.column]);
      // The CI image still sends target/ with its context and rebuilds its dependencies: only the shipping rules leave it alone.
      const ci = [
        ['ci/cgroups/Dockerfile', 'docker_missing_dockerignore', 2, 1, 7],
        ['ci/cgroups/Dockerfile', 'docker_uncached_dependencies', 3, 5, 16],
      ];
      assert.deepStrictEqual(found.sort(), [...EXPECTED, ...ci].sort());
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('a `# rust-patterns: allow` comment and the project configuration silence them', () => {
    const quiet = project({ ...FILES, 'Cargo.toml': `# rust-patterns: allow-file(release_strip)\n${CARGO}`, 'rust-patterns.toml': 'rules = { docker_root_user = "allow" }\n' });
    try {
      const rules = runJson(['check'], quiet).report.findings.map((f) => f.rule).sort();
      assert.deepStrictEqual(rules, ['docker_missing_dockerignore', 'docker_uncached_dependencies', 'release_codegen_units', 'release_panic_abort']);
    } finally {
      fs.rmSync(quiet, { recursive: true, force: true });
    }
  });
});
