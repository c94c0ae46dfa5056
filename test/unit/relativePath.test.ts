import * as assert from 'assert';
import { loadParserHeap } from '../../server/src/analysis/parser';
import { DocumentStore } from '../../server/src/documents/documentStore';
import { ALL_RULES } from '../../server/src/rules';

/** The path the test-file exemptions read, for files on disk and in a browser's virtual folders alike. */
describe('relative paths of documents', () => {
  let store: DocumentStore;
  before(async () => {
    store = new DocumentStore(await loadParserHeap(), () => ALL_RULES, () => 1 << 22, () => {}, () => {});
  });

  const cases: [string, string[], string, string][] = [
    ['a file under a folder on disk', ['file:///w'], 'file:///w/src/tests/a.rs', 'src/tests/a.rs'],
    ['the innermost of nested folders', ['file:///w', 'file:///w/crates/x/'], 'file:///w/crates/x/tests/it.rs', 'tests/it.rs'],
    ['a github.dev folder', ['vscode-vfs://github/o/r'], 'vscode-vfs://github/o/r/benches/b.rs', 'benches/b.rs'],
    ['escaped spaces and a drive letter spelled two ways', ['file:///c%3A/my%20w'], 'file:///C:/my w/tests/t.rs', 'tests/t.rs'],
    ['a folder whose name starts the same', ['file:///w'], 'file:///w2/tests/t.rs', 't.rs'],
    ['another authority', ['vscode-vfs://github/o/r'], 'vscode-vfs://azurerepos/o/r/tests/t.rs', 't.rs'],
  ];
  for (const [what, folders, uri, expected] of cases) {
    it(what, () => {
      store.setWorkspaceFolders(folders);
      assert.strictEqual(store.relativePath(uri), expected);
    });
  }
});
