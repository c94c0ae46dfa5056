import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { type JsonReport, runJson } from '../support/cli';
import { rustFiles } from '../support/rustFiles';
import { LspClient, serverPerTest } from '../support/lspClient';

const CRATES = path.resolve(__dirname, '../../../test/fixtures/crates');
const CAPABILITIES = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

/** `rule path:line:column`, the way both sides are compared. */
type Found = string;

function cliFindings(root: string): { report: JsonReport; found: Found[] } {
  const { report } = runJson(['check', '.', '--deny', 'none'], root);
  return { report, found: report.findings.map((f) => `${f.rule} ${f.path}:${f.start.line}:${f.start.column}`).sort() };
}

function serverFindings(rel: string, diagnostics: Diagnostic[]): Found[] {
  return diagnostics.map((d) => `${d.code} ${rel}:${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

/** Opens every Rust file of the crate and waits until the server's findings on each equal `expected`'s. */
async function assertServerAgrees(client: LspClient, root: string, expected: Found[]): Promise<void> {
  for (const rel of rustFiles(root).map((f) => path.relative(root, f).split(path.sep).join('/'))) {
    const uri = pathToFileURL(path.join(root, rel)).href;
    client.open(uri, fs.readFileSync(path.join(root, rel), 'utf8'));
    const mine = expected.filter((f) => f.includes(` ${rel}:`));
    let last: Found[] = [];
    await client.waitForDiagnostics(uri, (p) => JSON.stringify((last = serverFindings(rel, p.diagnostics).sort())) === JSON.stringify(mine), 20_000).catch(() => {
      assert.deepStrictEqual(last, mine, rel);
    });
  }
}

function copyOf(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rp-crate-${name}-`));
  fs.cpSync(path.join(CRATES, name), dir, { recursive: true });
  return dir;
}

describe('crate model: the CLI and the server judge a file by its package', () => {
  const client = serverPerTest({ rootUri: pathToFileURL(CRATES).href, capabilities: CAPABILITIES });

  it('a service: test module, build script, fixtures, generated code, a timeout client built in another file, private modules', async () => {
    const root = path.join(CRATES, 'service');
    const { found } = cliFindings(root);
    assert.deepStrictEqual(found, [
      // Publishable (a description and a license): a library others depend on, asking for all of tokio.
      'library_tokio_full Cargo.toml:14:38',
      // `price` builds a Client::new() of its own: no timeout anywhere.
      'missing_errors_doc src/api/mod.rs:13:14',
      'missing_errors_doc src/api/mod.rs:6:14',
      'missing_errors_doc src/lib.rs:14:8',
      'missing_timeout src/api/mod.rs:15:55',
      'string_error_type src/lib.rs:14:22',
      // `audit::record` is an async fn of another file.
      'unawaited_future src/api/mod.rs:7:5',
    ]);
    // Quiet: unwraps in build/, in #[cfg(test)] mod test_support (its own file), in ui-tests/ and tests/;
    // `state.http` (built with a timeout in state.rs); `cents` in the private `parse` module; all of
    // messages.rs, which prost-build wrote (an unwrap, an undocumented unsafe, a static mut, a String error).
    await assertServerAgrees(client(), root, found);
  });

  it('an MSRV 1.31 crate: no mem::take, in findings or fixes', async () => {
    const root = path.join(CRATES, 'old-msrv');
    const { report, found } = cliFindings(root);
    assert.deepStrictEqual(found, ['clone_then_reset src/lib.rs:18:21', 'mem_replace_with_default src/lib.rs:14:9']);
    const fixes = Object.fromEntries(report.findings.map((f) => [f.rule, f.fixes.map((x) => x.edits[0].newText)]));
    assert.deepStrictEqual(fixes, { mem_replace_with_default: ['self.last.take()'], clone_then_reset: ['std::mem::replace(&mut self.pending, Default::default())'] });
    await assertServerAgrees(client(), root, found);

    const uri = pathToFileURL(path.join(root, 'src/lib.rs')).href;
    const [diagnostic] = (await client().diagnostics(uri)).filter((d) => d.code === 'clone_then_reset');
    const actions = await client().codeActions(uri, diagnostic);
    assert.match(actions[0].title, /std::mem::replace\(&mut self\.pending, Default::default\(\)\)/);
  });

  it('shows a progress while a package is modelled for the first time, and none for the rebuild after a save', async () => {
    const c = await LspClient.start({ rootUri: pathToFileURL(CRATES).href, capabilities: { ...CAPABILITIES, window: { workDoneProgress: true } } });
    try {
      const seen: string[] = [];
      c.onProgress((p) => seen.push(p.kind === 'report' ? `report ${p.message}` : p.kind === 'begin' ? `begin ${p.title}` : 'end'));
      const lib = path.join(CRATES, 'service/src/lib.rs');
      const uri = pathToFileURL(lib).href;
      const ended = c.waitForProgress((p) => p.kind === 'end', 20_000);
      c.open(uri, fs.readFileSync(lib, 'utf8'));
      await ended;
      assert.strictEqual(seen[0], 'begin Rust Patterns: crate models');
      assert.strictEqual(seen[seen.length - 1], 'end');
      assert.ok(c.logs.some((l) => /^Crate model of service: \d+ files in \d+ ms$/.test(l)), c.logs.join('\n'));
      const models = c.logs.length;
      void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      for (const end = Date.now() + 20_000; c.logs.length === models && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.match(c.logs[c.logs.length - 1], /^Crate model of service:/);
      assert.strictEqual(seen.filter((s) => s.startsWith('begin')).length, 1);
    } finally {
      await c.stop();
    }
  });

  it('re-publishes open files when another file or the Cargo.toml changes', async () => {
    const root = copyOf('old-msrv');
    const lib = path.join(root, 'src/lib.rs');
    const uri = pathToFileURL(lib).href;
    client().open(uri, fs.readFileSync(lib, 'utf8'));
    const memReplace = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'mem_replace_with_default').length;
    await client().waitForDiagnostics(uri, (p) => memReplace(p.diagnostics) === 1);
    // The package moves its MSRV past 1.40: `mem::take` is available, and suggested.
    fs.writeFileSync(path.join(root, 'Cargo.toml'), fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').replace('rust-version = "1.31"', 'rust-version = "1.56"'));
    void client().connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'Cargo.toml')).href, type: 2 }] });
    await client().waitForDiagnostics(uri, (p) => memReplace(p.diagnostics) === 2);

    const service = copyOf('service');
    const mod = pathToFileURL(path.join(service, 'src/api/mod.rs')).href;
    const audit = pathToFileURL(path.join(service, 'src/api/audit.rs')).href;
    const auditText = fs.readFileSync(path.join(service, 'src/api/audit.rs'), 'utf8');
    client().open(mod, fs.readFileSync(path.join(service, 'src/api/mod.rs'), 'utf8'));
    client().open(audit, auditText);
    const unawaited = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'unawaited_future').length;
    await client().waitForDiagnostics(mod, (p) => unawaited(p.diagnostics) === 1);
    // `record` stops being async in the editor (not saved): the call in the other open file is fine now.
    const at = auditText.indexOf('async ');
    client().change(audit, 2, [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 'async '.length } }, text: '' }]);
    await client().waitForDiagnostics(mod, (p) => unawaited(p.diagnostics) === 0);
  });

  it('publishes a keystroke before the model its edit set off a rebuild of, never held behind the build', async () => {
    const root = copyOf('service');
    const lib = path.join(root, 'src/lib.rs');
    const uri = pathToFileURL(lib).href;
    client().open(uri, fs.readFileSync(lib, 'utf8'));
    await client().diagnostics(uri, 1, 20_000);
    const built = () => client().logs.filter((l) => l.startsWith('Crate model of service:')).length;
    for (const end = Date.now() + 20_000; !built() && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.strictEqual(built(), 1, client().logs.join('\n'));
    // A keystroke, then a save of the Cargo.toml: the package is modelled anew, as for the first time.
    client().change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    void client().connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'Cargo.toml')).href, type: 2 }] });
    await client().diagnostics(uri, 2, 20_000);
    // Logs and publications come down one pipe in order: the new model's line is not ahead of the keystroke's publication.
    assert.strictEqual(built(), 1, client().logs.join('\n'));
    for (const end = Date.now() + 20_000; built() < 2 && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.strictEqual(built(), 2, client().logs.join('\n'));
  });
});
