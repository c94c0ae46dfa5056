import * as assert from 'assert';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { serverPerTest } from '../support/lspClient';

const URI = 'file:///tmp/rp-proto-async/src/lib.rs';

/** The async rules through the real server: related information, the timeout setting, and fix-all. */
describe('protocol: async rules and their fixes over JSON-RPC', () => {
  const client = serverPerTest({ rootUri: 'file:///tmp/rp-proto-async', settings: { timeoutSeconds: 25 } });

  const TEXT = [
    'async fn audit(id: u64) {}',
    'pub async fn record(state: &std::sync::Mutex<u64>, id: u64) -> std::io::Result<()> {',
    '    let mut n = state.lock().unwrap();',
    '    *n += 1;',
    '    audit(id);',
    '    let s = tokio::net::TcpStream::connect("db:5432").await?;',
    '    Ok(())',
    '}',
    '',
  ].join('\n');

  const actions = (diagnostic: Diagnostic, only?: string[]) => client().codeActions(URI, diagnostic, only);

  it('points a held lock at the await it spans, and uses rustPatterns.timeoutSeconds in the timeout fix', async () => {
    client().open(URI, TEXT, 1);
    const diagnostics = await client().diagnostics(URI, 1);
    const byCode = (code: string) => diagnostics.find((d) => d.code === code)!;

    const lock = byCode('lock_across_await');
    assert.strictEqual(lock.range.start.line, 2);
    assert.deepStrictEqual(lock.relatedInformation?.map((r) => r.location.range.start.line), [5]);

    const timeout = await actions(byCode('missing_timeout'), ['quickfix']);
    const edit = timeout[0].edit?.documentChanges?.[0] as { edits: { newText: string }[] };
    assert.match(edit.edits[0].newText, /^tokio::time::timeout\(std::time::Duration::from_secs\(25\), tokio::net::TcpStream::connect\("db:5432"\)\)\.await\?$/);
    assert.ok(timeout.some((a) => a.title === 'Allow missing_timeout on this line'));
  });

  it('applies only the safe `.await` fix on fix-all', async () => {
    client().open(URI, TEXT, 1);
    const diagnostics = await client().diagnostics(URI, 1);
    const [fixAll] = await actions(diagnostics[0], ['source.fixAll.rustPatterns']);
    assert.match(fixAll.title, /\(1\)/);
    const edit = fixAll.edit?.documentChanges?.[0] as { edits: { newText: string }[] };
    assert.deepStrictEqual(
      edit.edits.map((e) => e.newText),
      ['.await'],
    );
  });
});
