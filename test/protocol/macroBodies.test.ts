import * as assert from 'assert';
import { applyAction, serverPerTest } from '../support/lspClient';

const URI = 'file:///tmp/rp-proto-macros/src/sys.rs';

/** A finding inside a `cfg_if!` branch through the real server: where it stands, its hover, its quick fix. */
describe('protocol: Rust inside macro bodies over JSON-RPC', () => {
  const client = serverPerTest({ rootUri: 'file:///tmp/rp-proto-macros' });

  const TEXT = [
    'cfg_if::cfg_if! {',
    '    if #[cfg(unix)] {',
    '        pub fn first(p: *const u8) -> u8 {',
    '            unsafe { *p }',
    '        }',
    '    } else {',
    '        pub fn first(p: *const u8) -> u8 {',
    '            // SAFETY: callers pass a pointer to a live byte.',
    '            unsafe { *p }',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');

  it('reports the undocumented unsafe block in the cfg_if! branch at its place, explains it on hover, offers the comment', async () => {
    client().open(URI, TEXT, 1);
    const diagnostics = await client().diagnostics(URI, 1);
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, d.source, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['undocumented_unsafe', 'rust-patterns', 3, 12, 18]],
    );
    const hover = (await client().connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 3, character: 14 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /SAFETY/);
    assert.match(hover.contents.value, /undefined behaviour/);
    const [fix] = await client().codeActions(URI, diagnostics[0], ['quickfix']);
    assert.strictEqual(fix.title, 'Add a `// SAFETY:` comment');
    assert.strictEqual(applyAction(URI, TEXT, fix), TEXT.replace('            unsafe { *p }\n        }\n    } else', '            // SAFETY: \n            unsafe { *p }\n        }\n    } else'));
  });

  it('drops the finding once a SAFETY comment is typed above the block', async () => {
    client().open(URI, TEXT, 1);
    assert.strictEqual((await client().diagnostics(URI, 1)).length, 1);
    client().change(URI, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '            // SAFETY: `p` is live.\n' }]);
    assert.deepStrictEqual(await client().diagnostics(URI, 2), []);
  });
});
