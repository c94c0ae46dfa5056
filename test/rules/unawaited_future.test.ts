import * as assert from 'assert';
import { lint } from '../support/engine';
import { fixesFor, verifyFix } from '../support/fixHarness';
import { tokioCheck } from '../support/rustc';

const RULE = 'unawaited_future';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags dropped futures of the file\'s async fns: statements, `let _ =`, `self.` and `Self::` calls', async () => {
    const src = [
      'async fn save(x: u8) {}',
      'struct Store;',
      'impl Store {',
      '    async fn flush(&self) {}',
      '    async fn run(&self) {',
      '        self.flush();',
      '        let _ = save(1);',
      '        save(2);',
      '        Self::flush(self);',
      '    }',
      '}',
      'fn sync() { save(3); }',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['self.flush()', 'save(1)', 'save(2)', 'Self::flush(self)', 'save(3)']);
  });

  it('names the call and the async fn', async () => {
    const [f] = await lint('async fn save() {}\nasync fn f() { save(); }', RULE);
    assert.match(f.message, /`save\(\)` builds the future of `async fn save`/);
  });

  it('leaves awaited, spawned, stored, returned and unrelated calls alone', async () => {
    const src = [
      'async fn save(x: u8) -> u8 { x }',
      'async fn flush() {}',
      'fn sync_fn() {}',
      'async fn f(tx: std::sync::mpsc::Sender<u8>, other: Other) -> u8 {',
      '    save(1).await;',
      '    let _ = save(2).await;',
      '    tokio::spawn(save(3));',
      '    let pending = save(4);',
      '    let _guard = save(5);',
      '    sync_fn();',
      '    tx.send(1);',
      '    other.flush();',
      '    save(6)',
      '}',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), []);
  });

  it('knows that #[tokio::main] and friends turn an async fn into a plain one', async () => {
    const src = '#[tokio::main(flavor = "current_thread")]\nasync fn run_once() {}\n#[test]\nfn retried() { run_once(); }\n#[async_std::main]\nasync fn main() {}\nfn again() { main(); }';
    assert.deepStrictEqual(await flagged(src), []);
  });

  it('honours clippy::let_underscore_future', async () => {
    assert.deepStrictEqual(await flagged('async fn g() {}\n#[allow(clippy::let_underscore_future)]\nasync fn f() { let _ = g(); }'), []);
  });

  describe('fixes', () => {
    it('adds .await (safe, so fix-all applies it; cargo check before and after)', async () => {
      const src = [
        'pub struct Store { log: tokio::sync::Mutex<Vec<u8>> }',
        'impl Store {',
        '    async fn append(&self, b: u8) { self.log.lock().await.push(b); }',
        '    pub async fn record(&self) {',
        '        self.append(1);',
        '        let _ = self.append(2);',
        '    }',
        '}',
        '',
      ].join('\n');
      const after = await verifyFix(src, RULE, { compile: tokioCheck });
      assert.match(after, /self\.append\(1\)\.await;/);
      const second = await verifyFix(src, RULE, { finding: 1, compile: tokioCheck });
      assert.match(second, /let _ = self\.append\(2\)\.await;/);
    });

    it('offers nothing outside async code, where .await does not exist', async () => {
      const src = 'async fn g() {}\nfn f() { g(); }';
      const [finding] = await lint(src, RULE);
      assert.deepStrictEqual(await fixesFor(src, finding), []);
    });
  });
});
