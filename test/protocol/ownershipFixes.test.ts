import * as assert from 'assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyAction, serverPerTest } from '../support/lspClient';

const URI = 'file:///tmp/rp-proto-ownership/src/lib.rs';

/** The ownership and error rules' fixes through the real server: quick fixes, and what fix-all leaves alone. */
describe('protocol: ownership and error fixes over JSON-RPC', () => {
  const client = serverPerTest({ rootUri: 'file:///tmp/rp-proto-ownership' });

  const TEXT = [
    'use std::mem;',
    'pub struct Log { pending: Vec<String> }',
    'impl Log {',
    '    pub fn flush(&mut self) -> Vec<String> {',
    '        let batch = self.pending.clone();',
    '        self.pending = Vec::new();',
    '        batch',
    '    }',
    '}',
    '/// Reads the file.',
    'pub fn load(path: String, limit: u32) -> std::io::Result<(String, u32)> {',
    '    let text = std::fs::read_to_string(path.clone()).unwrap();',
    '    Ok((text, limit.clone()))',
    '}',
    '',
  ].join('\n');

  const actions = (diagnostic: Diagnostic, only?: string[]) => client().codeActions(URI, diagnostic, only);
  const apply = (action: CodeAction) => applyAction(URI, TEXT, action);

  it('offers each rule its repair, with the file\'s `use std::mem;` respected', async () => {
    client().open(URI, TEXT, 1);
    const diagnostics = await client().diagnostics(URI, 1);
    const byCode = (code: string) => diagnostics.find((d) => d.code === code)!;
    const first = async (code: string) => apply((await actions(byCode(code), ['quickfix']))[0]);

    assert.match(await first('clone_then_reset'), /let batch = mem::take\(&mut self\.pending\);\n        batch\n/);
    assert.match(await first('redundant_clone'), /read_to_string\(path\)\.unwrap\(\)/);
    assert.match(await first('clone_on_copy'), /Ok\(\(text, limit\)\)/);
    assert.match(await first('unwrap_in_production'), /let text = std::fs::read_to_string\(path\.clone\(\)\)\?;/);
    assert.match(await first('missing_errors_doc'), /\/\/\/ Reads the file\.\n\/\/\/\n\/\/\/ # Errors\n/);
  });

  it('fix-all applies the safe fixes only: no `?`, no doc skeleton', async () => {
    client().open(URI, TEXT, 1);
    const diagnostics = await client().diagnostics(URI, 1);
    const [fixAll] = await actions(diagnostics[0], ['source.fixAll.rustPatterns']);
    assert.match(fixAll.title, /\(3\)/);
    const after = apply(fixAll);
    assert.ok(after.includes('let batch = mem::take(&mut self.pending);') && after.includes('read_to_string(path).unwrap()') && after.includes('Ok((text, limit))'), after);
    assert.ok(!after.includes('# Errors') && after.includes('.unwrap()'), after);
  });
});
