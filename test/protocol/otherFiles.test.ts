import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { project } from '../support/cli';
import { applyAction, serverPerTest } from '../support/lspClient';

const CARGO = '[package]\nname = "orders"\nversion = "0.1.0"\n\n[dependencies]\ntokio = "1"\n';
const DOCKERFILE = 'FROM rust:1.75\nWORKDIR /app\nCOPY . .\nRUN cargo build\nCMD ["/app/target/debug/orders"]\n';

describe('protocol: Cargo.toml and Dockerfiles over JSON-RPC', () => {
  let root: string;
  beforeEach(() => {
    root = project({ 'Cargo.toml': CARGO, 'src/main.rs': 'fn main() {}\n', Dockerfile: DOCKERFILE, 'rust-patterns.toml': 'rules = { release_strip = "allow" }\n' });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const client = serverPerTest({ capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });

  it('publishes the release profile findings on a Cargo.toml, as configured, with the hover and the fix', async () => {
    const uri = pathToFileURL(path.join(root, 'Cargo.toml')).href;
    client().open(uri, CARGO, 1, 'toml');
    const diagnostics = await client().diagnostics(uri, 1);
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.source, d.range.start.line, d.range.start.character, d.range.end.character]).sort(), [
      ['release_codegen_units', 'rust-patterns', 0, 0, 9],
      ['release_lto', 'rust-patterns', 0, 0, 9],
      ['release_panic_abort', 'rust-patterns', 0, 0, 9],
    ]);
    const lto = diagnostics.find((d) => d.code === 'release_lto')!;

    const hover = (await client().connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /5–15%/);
    assert.match(hover.contents.value, /```toml/);

    const actions = await client().codeActions(uri, lto, ['quickfix']);
    assert.deepStrictEqual(actions.map((a) => a.title), [
      'Set lto = "thin" in [profile.release]',
      'Set the release profile the guide recommends (lto, codegen-units, panic)',
      'Allow release_lto on this line',
      'Allow release_lto in this file',
    ]);
    const fixed = applyAction(uri, CARGO, actions[0]);
    assert.strictEqual(fixed, `${CARGO}\n[profile.release]\nlto = "thin"\n`);
    client().change(uri, 2, [{ text: fixed }]);
    const after = await client().diagnostics(uri, 2);
    assert.deepStrictEqual(after.map((d) => [d.code, d.range.start.line, d.range.end.character]).sort(), [
      ['release_codegen_units', 7, 17],
      ['release_panic_abort', 7, 17],
    ]);

    const allowed = applyAction(uri, fixed, (await client().codeActions(uri, after[0], ['quickfix'])).find((a) => a.title.includes('on this line'))!);
    client().change(uri, 3, [{ text: allowed }]);
    assert.strictEqual((await client().diagnostics(uri, 3)).filter((d) => d.code === after[0].code).length, 0, allowed);
  });

  it('asks for panic = "abort" only where the crate model finds nothing relying on unwinding', async () => {
    fs.writeFileSync(path.join(root, 'src/main.rs'), 'fn main() {\n    let _ = std::panic::catch_unwind(|| ());\n}\n');
    const uri = pathToFileURL(path.join(root, 'Cargo.toml')).href;
    client().open(uri, CARGO, 1, 'toml');
    const diagnostics = await client().diagnostics(uri, 1);
    assert.deepStrictEqual(diagnostics.map((d) => d.code).sort(), ['release_codegen_units', 'release_lto']);
  });

  it('keeps the configuration problems of an open Cargo.toml beside its findings', async () => {
    const text = `${CARGO}\n[package.metadata.rust-patterns]\nrules = { no_such_rule = "warn" }\n`;
    fs.writeFileSync(path.join(root, 'Cargo.toml'), text);
    const uri = pathToFileURL(path.join(root, 'Cargo.toml')).href;
    client().open(uri, text, 1, 'toml');
    const diagnostics = await client().waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => !d.code) && p.diagnostics.some((d) => d.code === 'release_lto'));
    assert.ok(diagnostics.some((d: Diagnostic) => /Unknown rule `no_such_rule`/.test(d.message)));
  });

  it('publishes the Dockerfile findings, and fixes a debug build with the paths it copies', async () => {
    const uri = pathToFileURL(path.join(root, 'Dockerfile')).href;
    client().open(uri, DOCKERFILE, 1, 'dockerfile');
    const diagnostics = await client().diagnostics(uri, 1);
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['docker_single_stage', 0, 5, 14],
      ['docker_root_user', 0, 5, 14],
      ['docker_missing_dockerignore', 2, 0, 6],
      ['docker_debug_build', 3, 4, 15],
      ['docker_uncached_dependencies', 3, 4, 15],
    ]);
    const debug = diagnostics.find((d) => d.code === 'docker_debug_build')!;
    const [fix] = await client().codeActions(uri, debug, ['quickfix']);
    assert.strictEqual(applyAction(uri, DOCKERFILE, fix), DOCKERFILE.replace('cargo build', 'cargo build --release').replace('target/debug', 'target/release'));
  });

  it('clears the diagnostics of a closed Cargo.toml', async () => {
    const uri = pathToFileURL(path.join(root, 'Cargo.toml')).href;
    client().open(uri, CARGO, 1, 'toml');
    assert.ok((await client().diagnostics(uri, 1)).length > 0);
    client().close(uri);
    assert.deepStrictEqual(await client().waitForDiagnostics(uri, (p) => p.diagnostics.length === 0), []);
  });
});
