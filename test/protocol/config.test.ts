import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { REPO, UNWRAP_FN, project, runJson } from '../support/cli';
import { rustFiles } from '../support/rustFiles';
import { LspClient } from '../support/lspClient';

const RULE = 'unwrap_in_production';
const PKG = '[package]\nname = "p"\nversion = "0.1.0"\n';
const CAPABILITIES = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};
const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

describe('protocol: one engine and one configuration for the CLI and the server', () => {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it("the CLI's findings on every test-workspace/ file equal the server's diagnostics on it", async () => {
    const ws = path.join(REPO, 'test-workspace');
    const cli = runJson(['check'], ws).report.findings;
    const lsp = await LspClient.start({ rootUri: pathToFileURL(ws).href, capabilities: CAPABILITIES });
    client = lsp;
    const files = rustFiles(ws);
    assert.ok(files.length >= 2);
    let compared = 0;
    for (const file of files) {
      const uri = pathToFileURL(file).href;
      lsp.open(uri, fs.readFileSync(file, 'utf8'));
      const server = (await lsp.diagnostics(uri, 1)).map((d) => ({
        rule: d.code,
        severity: d.severity,
        message: d.message,
        start: { line: d.range.start.line + 1, column: d.range.start.character + 1 },
        end: { line: d.range.end.line + 1, column: d.range.end.character + 1 },
      }));
      const rel = path.relative(ws, file).split(path.sep).join('/');
      const mine = cli.filter((f) => f.path === rel).map((f) => ({ rule: f.rule, severity: SEVERITY[f.severity as keyof typeof SEVERITY], message: f.message, start: f.start, end: f.end }));
      const key = (x: { rule: unknown; start: { line: number; column: number } }) => `${x.start.line}:${x.start.column}:${x.rule}`;
      assert.deepStrictEqual([...server].sort((a, b) => key(a).localeCompare(key(b))), [...mine].sort((a, b) => key(a).localeCompare(key(b))), rel);
      compared += mine.length;
    }
    assert.ok(compared > 0, 'some findings were compared');
  });

  it('reads Cargo.toml, lets VS Code settings win, and reloads when a watched file changes', async () => {
    const root = project({ 'Cargo.toml': `${PKG}\n[package.metadata.rust-patterns]\nrules = { ${RULE} = "deny" }\n`, 'src/lib.rs': UNWRAP_FN });
    const uri = pathToFileURL(path.join(root, 'src/lib.rs')).href;
    client = await LspClient.start({ rootUri: pathToFileURL(root).href, capabilities: CAPABILITIES });
    const registrations: { registrations: { method: string; registerOptions?: { watchers?: { globPattern: string }[] } }[] }[] = [];
    client.connection.onRequest('client/registerCapability', (p: (typeof registrations)[number]) => {
      registrations.push(p);
      return null;
    });

    client.open(uri, UNWRAP_FN);
    const unwraps = (ds: { code?: unknown; severity?: number }[]) => ds.filter((d) => d.code === RULE).map((d) => d.severity);
    assert.deepStrictEqual(unwraps(await client.diagnostics(uri, 1)), [DiagnosticSeverity.Error], 'Cargo.toml metadata applies');

    client.settings = { rules: { [RULE]: 'hint' } };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepStrictEqual(unwraps(await client.waitForDiagnostics(uri, (p) => unwraps(p.diagnostics)[0] === DiagnosticSeverity.Hint)), [DiagnosticSeverity.Hint], 'the editor setting wins');

    client.settings = {};
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uri, (p) => unwraps(p.diagnostics)[0] === DiagnosticSeverity.Error);

    fs.writeFileSync(path.join(root, 'Cargo.toml'), `${PKG}\n[lints.clippy]\nunwrap_used = "allow"\n`);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'Cargo.toml')).href, type: 2 }] });
    assert.deepStrictEqual(unwraps(await client.waitForDiagnostics(uri, (p) => unwraps(p.diagnostics).length === 0)), [], 'reloaded: clippy allow turns it off');

    const watchers = registrations.flatMap((r) => r.registrations).filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepStrictEqual(watchers[0]?.registerOptions?.watchers?.map((w) => w.globPattern), ['**/Cargo.toml', '**/rust-patterns.toml', '**/*.rs']);
  });

  it('publishes one diagnostic on a broken config file, uses the defaults meanwhile, and clears it once fixed', async () => {
    const root = project({ 'rust-patterns.toml': `rules = { ${RULE} = "allow" \n`, 'src/lib.rs': UNWRAP_FN });
    const uri = pathToFileURL(path.join(root, 'src/lib.rs')).href;
    const configUri = pathToFileURL(path.join(root, 'rust-patterns.toml')).href;
    client = await LspClient.start({ rootUri: pathToFileURL(root).href, capabilities: CAPABILITIES });
    client.open(uri, UNWRAP_FN);
    assert.deepStrictEqual((await client.diagnostics(uri, 1)).map((d) => [d.code, d.severity]), [[RULE, DiagnosticSeverity.Hint]], 'defaults');
    const broken = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    assert.strictEqual(broken.length, 1);
    assert.strictEqual(broken[0].severity, DiagnosticSeverity.Error);
    assert.strictEqual(broken[0].source, 'rust-patterns');
    assert.match(broken[0].message, /Invalid TOML.*defaults/);

    fs.writeFileSync(path.join(root, 'rust-patterns.toml'), `rules = { ${RULE} = "allow" }\n`);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.deepStrictEqual(await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0), []);
    assert.deepStrictEqual(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0), [], 'the fixed file applies');
  });

  it("leaves files matched by the project's exclude without diagnostics", async () => {
    const root = project({ 'Cargo.toml': `${PKG}\n[package.metadata.rust-patterns]\nexclude = ["src/generated/**"]\n`, 'src/lib.rs': UNWRAP_FN, 'src/generated/api.rs': UNWRAP_FN });
    client = await LspClient.start({ rootUri: pathToFileURL(root).href, capabilities: CAPABILITIES });
    const excluded = pathToFileURL(path.join(root, 'src/generated/api.rs')).href;
    const included = pathToFileURL(path.join(root, 'src/lib.rs')).href;
    client.open(excluded, UNWRAP_FN);
    client.open(included, UNWRAP_FN);
    assert.deepStrictEqual(await client.diagnostics(excluded, 1), []);
    assert.deepStrictEqual((await client.diagnostics(included, 1)).map((d) => d.code), [RULE]);
  });
});
