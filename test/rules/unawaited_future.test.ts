import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { fixesFor } from '../support/fixHarness';
import { tokioCheck } from '../support/rustc';

const RULE = 'unawaited_future';

describe(RULE, () => {
  it('flags dropped futures of the file\'s async fns: statements, `let _ =`, `self.` and `Self::` calls', async () => {
    await checkRule(RULE, `
      async fn save(x: u8) {}
      struct Store;
      impl Store {
          async fn flush(&self) {}
          async fn run(&self) {
              self.flush();
            //^^^^^^^^^^^^ \`self.flush()\` builds the future of \`async fn flush\` and drops it without \`.await\`
              let _ = save(1);
                    //^^^^^^^ \`save(1)\` builds the future of \`async fn save\` and drops it without \`.await\`
              save(2);
            //^^^^^^^ \`save(2)\` builds the future of \`async fn save\` and drops it without \`.await\`
              Self::flush(self);
            //^^^^^^^^^^^^^^^^^ \`Self::flush(self)\` builds the future of \`async fn flush\` and drops it without \`.await\`
          }
      }
      fn sync() { save(3); }
                //^^^^^^^ \`save(3)\` builds the future of \`async fn save\` and drops it without \`.await\`
    `);
  });

  it('leaves self.f() alone where the enclosing impl declares a sync f, whatever another impl of the file says', () =>
    checkRule(RULE, `
      struct Authority { inner: Inner }
      struct Inner;
      impl Authority {
          async fn upsert(&self, serial: u32) -> bool { true }
          async fn bump(&self) { self.upsert(2); }
                               //^^^^^^^^^^^^^^ \`self.upsert(2)\` builds the future of \`async fn upsert\` and drops it without \`.await\`
      }
      impl Inner {
          fn upsert(&mut self, serial: u32) -> bool { true }
          fn bump(&mut self) { self.upsert(1); }
      }
    `));

  it('reads a bare call `f(x)` as a free fn: an `async fn drop(self)` method does not make std\'s drop(x) a future', async () => {
    await checkRule(RULE, `
      pub struct Permit { tx: Sender }
      impl Permit {
          pub async fn drop(self) { self.tx.send(()).await; }
      }
      async fn handle(permit: Permit, request: Request) {
          drop(request);
          let _ = drop(permit.tx);
          permit.drop().await;
      }
    `);
    await checkRule(RULE, `
      impl Permit {
          pub async fn drop(self) {}
      }
      mod queue {
          pub async fn drop(id: u32) {}
      }
      async fn drop(id: u32) {}
      async fn handle(id: u32) {
          drop(id);
        //^^^^^^^^ \`drop(id)\` builds the future of \`async fn drop\` and drops it without \`.await\`
      }
    `);
  });

  it('names the call and the async fn', () =>
    checkRule(RULE, `
      async fn save() {}
      async fn f() { save(); }
                   //^^^^^^ \`save()\` builds the future of \`async fn save\` and drops it without \`.await\`
    `));

  it('leaves awaited, spawned, stored, returned and unrelated calls alone', async () => {
    await checkRule(RULE, `
      async fn save(x: u8) -> u8 { x }
      async fn flush() {}
      fn sync_fn() {}
      async fn f(tx: std::sync::mpsc::Sender<u8>, other: Other) -> u8 {
          save(1).await;
          let _ = save(2).await;
          tokio::spawn(save(3));
          let pending = save(4);
          let _guard = save(5);
          sync_fn();
          tx.send(1);
          other.flush();
          save(6)
      }
    `);
  });

  it('knows that #[tokio::main] and friends turn an async fn into a plain one', async () => {
    await checkRule(RULE, `
      #[tokio::main(flavor = "current_thread")]
      async fn run_once() {}
      #[test]
      fn retried() { run_once(); }
      #[async_std::main]
      async fn main() {}
      fn again() { main(); }
    `);
  });

  it('honours clippy::let_underscore_future', async () => {
    await checkRule(RULE, `
      async fn g() {}
      #[allow(clippy::let_underscore_future)]
      async fn f() { let _ = g(); }
    `);
  });

  describe('fixes', () => {
    it('adds .await (safe, so fix-all applies it; cargo check before and after)', async () => {
      await checkFix(RULE, `
        pub struct Store { log: tokio::sync::Mutex<Vec<u8>> }
        impl Store {
            async fn append(&self, b: u8) { self.log.lock().await.push(b); }
            pub async fn record(&self) {
                self.append(1);
                let _ = self.append(2);
            }
        }
      `, `
        pub struct Store { log: tokio::sync::Mutex<Vec<u8>> }
        impl Store {
            async fn append(&self, b: u8) { self.log.lock().await.push(b); }
            pub async fn record(&self) {
                self.append(1).await;
                let _ = self.append(2);
            }
        }
      `, { compile: tokioCheck });
    });

    it('adds .await to a `let _ =` too', async () => {
      await checkFix(RULE, `
        pub struct Store { log: tokio::sync::Mutex<Vec<u8>> }
        impl Store {
            async fn append(&self, b: u8) { self.log.lock().await.push(b); }
            pub async fn record(&self) {
                self.append(1);
                let _ = self.append(2);
            }
        }
      `, `
        pub struct Store { log: tokio::sync::Mutex<Vec<u8>> }
        impl Store {
            async fn append(&self, b: u8) { self.log.lock().await.push(b); }
            pub async fn record(&self) {
                self.append(1);
                let _ = self.append(2).await;
            }
        }
      `, { finding: 1, compile: tokioCheck });
    });

    it('offers nothing outside async code, where .await does not exist', async () => {
      const src = 'async fn g() {}\nfn f() { g(); }';
      const [finding] = await lint(src, RULE);
      assert.deepStrictEqual(await fixesFor(src, finding), []);
    });
  });
});
