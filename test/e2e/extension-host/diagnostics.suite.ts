import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, diagnosticsWhere, lineOf, open, openNew, ours, positionOf } from './helpers';

describe('extension host: diagnostics and hover', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
  });

  it('flags unwrap in test-workspace/src/main.rs on its line and not the test code in errors.rs', async () => {
    const main = (await open('src/main.rs')).document;
    const expected = lineOf(main, 'std::env::var("PORT").unwrap()');
    const ds = await diagnosticsWhere(main.uri, 'unwrap_in_production in main.rs', (d) => d.some((x) => codeOf(x) === 'unwrap_in_production'));
    const port = ds.find((d) => codeOf(d) === 'unwrap_in_production' && d.range.start.line === expected);
    assert.ok(port, `no unwrap_in_production on line ${expected + 1}: ${JSON.stringify(ds.map((d) => [codeOf(d), d.range.start.line]))}`);
    assert.strictEqual(port.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(main.getText(port.range), '.unwrap()');

    const errors = (await open('src/errors.rs')).document;
    const inErrors = await diagnosticsWhere(errors.uri, 'diagnostics for errors.rs', (d) => d.length > 0);
    const lines = inErrors.filter((d) => codeOf(d) === 'unwrap_in_production').map((d) => d.range.start.line);
    assert.ok(lines.includes(lineOf(errors, '.expect("config file exists")')), 'the expect in production code must be flagged');
    assert.ok(!lines.includes(lineOf(errors, 'read_to_string("Cargo.toml").unwrap()')), 'the unwrap inside #[cfg(test)] must not be flagged');
  });

  it('flags the Cargo.toml and the Dockerfile beside the code, and explains them on hover', async () => {
    const manifest = (await open('Cargo.toml')).document;
    const inManifest = await diagnosticsWhere(manifest.uri, 'release_lto in Cargo.toml', (d) => d.some((x) => codeOf(x) === 'release_lto'));
    const lto = inManifest.find((d) => codeOf(d) === 'release_lto')!;
    assert.strictEqual(manifest.getText(lto.range), '[package]');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifest.uri, lto.range.start.translate(0, 2));
    assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /```toml/);

    // A Dockerfile of its own: the snippet suite rewrites the workspace's.
    const dockerfile = (await openNew('deploy/api.Dockerfile', 'FROM rust:1.75\nWORKDIR /app\nCOPY . .\nRUN cargo build\nCMD ["/app/target/debug/app"]\n')).document;
    const inDockerfile = await diagnosticsWhere(dockerfile.uri, 'docker rules in the Dockerfile', (d) => d.some((x) => codeOf(x) === 'docker_single_stage'));
    for (const id of ['docker_single_stage', 'docker_debug_build', 'docker_uncached_dependencies']) assert.ok(inDockerfile.some((d) => codeOf(d) === id), `${id} missing: ${inDockerfile.map(codeOf)}`);
  });

  it('explains a finding on hover', async () => {
    const main = (await open('src/main.rs')).document;
    await diagnosticsWhere(main.uri, 'unwrap_in_production in main.rs', (d) => d.some((x) => codeOf(x) === 'unwrap_in_production'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', main.uri, positionOf(main, '.unwrap()', 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /unwrap_in_production/);
    assert.match(text, /Why this hurts/);
    assert.match(text, /panic/);
  });

  it('flags a newly typed unwrap before the file is saved, and clears it when it is removed', async () => {
    const editor = await openNew('src/typed.rs', 'pub fn port(raw: Option<u16>) -> u16 {\n    raw.unwrap_or(8080)\n}\n');
    const doc = editor.document;
    await diagnosticsWhere(doc.uri, 'a clean typed.rs', (d) => d.length === 0);

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(3, 0), '\npub fn parse(raw: &str) -> u16 {\n    raw.parse().unwrap()\n}\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'the edit must stay unsaved');
    const ds = await diagnosticsWhere(doc.uri, 'the typed unwrap', (d) => d.length === 1);
    assert.strictEqual(codeOf(ds[0]), 'unwrap_in_production');
    assert.strictEqual(ds[0].range.start.line, lineOf(doc, 'raw.parse().unwrap()'));

    const undo = new vscode.WorkspaceEdit();
    assert.strictEqual(doc.getText(ds[0].range), '.unwrap()');
    undo.replace(doc.uri, ds[0].range, '.unwrap_or(0)');
    assert.ok(await vscode.workspace.applyEdit(undo));
    await diagnosticsWhere(doc.uri, 'typed.rs clean again', (d) => d.length === 0);
    assert.deepStrictEqual(ours(doc.uri), []);
  });
});
