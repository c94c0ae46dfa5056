import * as assert from 'assert';
import type { CodeAction, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { applyAction, serverPerTest } from '../support/lspClient';

const URI = 'file:///tmp/rp-proto-collections/src/lib.rs';

/** The collections, security and money rules through the real server: severities, hovers, quick fixes, fix-all. */
describe('protocol: collections, security and money rules over JSON-RPC', () => {
  const client = serverPerTest({ rootUri: 'file:///tmp/rp-proto-collections' });

  const TEXT = [
    'const API_KEY: &str = "a8f5f167f44f4964e6c998dee827110c";',
    'pub fn ids(users: &[(u64, String)], name: &str) -> (Vec<u64>, String) {',
    '    let mut ids = Vec::new();',
    '    for u in users {',
    '        ids.push(u.0);',
    '    }',
    '    ids.sort();',
    '    (ids, format!("SELECT * FROM users WHERE name = \'{}\'", name))',
    '}',
    '',
  ].join('\n');

  const actions = (diagnostic: Diagnostic, only?: string[]) => client().codeActions(URI, diagnostic, only);
  const applied = (a: CodeAction) => applyAction(URI, TEXT, a);

  it('reports each rule at its default severity on the span that names the problem, and explains it on hover', async () => {
    client().open(URI, TEXT, 1);
    const diagnostics = await client().diagnostics(URI, 1);
    const byCode = new Map(diagnostics.map((d) => [d.code, d]));
    const expect: [string, DiagnosticSeverity, number, number][] = [
      ['hardcoded_secret', 1, 0, 22],
      ['vec_no_capacity', 3, 2, 18],
      ['stable_sort', 4, 6, 8],
      ['sql_format', 1, 7, 10],
    ];
    for (const [code, severity, line, character] of expect) {
      const d = byCode.get(code);
      assert.ok(d, `no ${code} in ${JSON.stringify(diagnostics.map((x) => x.code))}`);
      assert.deepStrictEqual([d.severity, d.range.start.line, d.range.start.character], [severity, line, character], code);
    }
    const hover = (await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 6, character: 9 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /30–45% faster/);
    assert.doesNotMatch(hover.contents.value, /`ids\.sort\(\)` is a stable sort/, 'the message is the diagnostic\'s, shown above the hover');
  });

  it('offers the unstable sort as a quick fix only, and lets fix-all reserve the capacity', async () => {
    client().open(URI, TEXT, 1);
    const diagnostics = await client().diagnostics(URI, 1);
    const sort = await actions(diagnostics.find((d) => d.code === 'stable_sort')!, ['quickfix']);
    assert.strictEqual(sort[0].title, 'Use `sort_unstable` (equal elements may change order)');
    assert.deepStrictEqual(applied(sort[0]), TEXT.replace('ids.sort()', 'ids.sort_unstable()'));
    const [fixAll] = await actions(diagnostics[0], ['source.fixAll.rustPatterns']);
    assert.deepStrictEqual(applied(fixAll), TEXT.replace('Vec::new()', 'Vec::with_capacity(users.len())'));
  });
});
