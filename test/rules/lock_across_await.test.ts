import * as assert from 'assert';
import { checkFix, checkRule, parseFixture } from '../support/checkRule';
import { lint } from '../support/engine';
import { fixesFor } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'lock_across_await';

describe(RULE, () => {
  it('flags std and parking_lot guards alive at a later await, on the let, pointing at the await', async () => {
    const src = `
      async fn f(m: &std::sync::Mutex<u8>, rw: &parking_lot::RwLock<u8>) {
          let mut n = m.lock().unwrap();
        //^^^^^^^^^^^^^^^^^^^^ The guard \`n\` from \`m.lock()\` is still held at \`flush().await\`
          *n += 1;
          flush().await;
      }
      async fn g(rw: &parking_lot::RwLock<u8>) {
          let r = rw.read();
        //^^^^^^^^^^^^^^^^^ The guard \`r\` from \`rw.read()\` is still held at \`notify().await\`
          if *r > 0 {
              notify().await;
          }
      }
      async fn h(rw: &std::sync::RwLock<u8>) -> Result<(), E> {
          let w = rw.write().map_err(|_| E)?;
          let v = rw.write().expect("poisoned");
        //^^^^^^^^^^^^^^^^^^ The guard \`v\` from \`rw.write()\` is still held at \`save().await\`
          save().await
      }
    `;
    await checkRule(RULE, src);
    // Each points at the await that it is held across.
    const code = parseFixture(src).code;
    const findings = await lint(code, RULE);
    assert.deepStrictEqual(findings.map((f) => code.slice(f.related![0].start, f.related![0].end)), ['flush().await', 'notify().await', 'save().await']);
  });

  it('leaves test code alone: a compile-fail fixture holds the guard on purpose', () =>
    checkRule(RULE, `
      #[cfg(test)]
      mod tests {
          async fn holds(m: &std::sync::Mutex<u8>) {
              let n = m.lock().unwrap();
              flush().await;
          }
      }
      async fn holds(m: &std::sync::Mutex<u8>) {
          let n = m.lock().unwrap();
        //^^^^^^^^^^^^^^^^ is still held at \`flush().await\`
          flush().await;
      }
    `));

  it('leaves guards that end before the await, tokio guards and temporaries alone', async () => {
    await checkRule(RULE, `
      async fn f(m: &std::sync::Mutex<u8>, t: &tokio::sync::Mutex<u8>) {
          {
              let mut n = m.lock().unwrap();
              *n += 1;
          }
          flush().await;
          let n = m.lock().unwrap();
          let copy = *n;
          drop(n);
          flush().await;
          let g = t.lock().await;
          flush().await;
          let value = *m.lock().unwrap();
          flush().await;
          let out = std::io::stdout().lock();
          flush().await;
          let _ = m.lock();
          flush().await;
          let later = m.lock().unwrap();
          tokio::spawn(async move { flush().await });
      }
      fn sync(m: &std::sync::Mutex<u8>) { let g = m.lock().unwrap(); block_on(async { f().await }); }
    `);
  });

  it('honours clippy::await_holding_lock', async () => {
    await checkRule(RULE, `
      #[allow(clippy::await_holding_lock)]
      async fn f(m: &M) { let g = m.lock(); x().await; }
    `);
  });

  describe('fixes', () => {
    it('drops the guard before the await (rustc before and after)', async () => {
      await checkFix(RULE, `
        use std::sync::Mutex;
        async fn flush() {}
        pub async fn record(state: &Mutex<u64>) -> u64 {
            let mut n = state.lock().unwrap();
            *n += 1;
            let seen = *n;
            flush().await;
            seen
        }
      `, `
        use std::sync::Mutex;
        async fn flush() {}
        pub async fn record(state: &Mutex<u64>) -> u64 {
            let mut n = state.lock().unwrap();
            *n += 1;
            let seen = *n;
            drop(n);
            flush().await;
            seen
        }
      `, { compile: rustcCheck });
    });

    it('offers the guide\'s block form too, when nothing declared inside is needed after it (rustc before and after)', async () => {
      await checkFix(RULE, `
        use std::sync::Mutex;
        async fn flush() {}
        pub async fn record(state: &Mutex<u64>) {
            let mut n = state.lock().unwrap();
            *n += 1;

            flush().await;
        }
      `, `
        use std::sync::Mutex;
        async fn flush() {}
        pub async fn record(state: &Mutex<u64>) {
            {
                let mut n = state.lock().unwrap();
                *n += 1;
            }

            flush().await;
        }
      `, { title: 'block', compile: rustcCheck });
      // `seen` is declared between the lock and the await and used after it: no block form.
      const used = 'use std::sync::Mutex;\nasync fn flush() {}\npub async fn record(state: &Mutex<u64>) {\n    let mut n = state.lock().unwrap();\n    let seen = *n;\n\n    flush().await;\n    let _ = seen;\n}\n\n';
      const [finding] = await lint(used, RULE);
      assert.deepStrictEqual((await fixesFor(used, finding)).map((f) => f.title), ['Drop `n` before the `.await`']);
    });

    it('offers no drop when the guard is still used from the await on', async () => {
      const src = 'async fn f(m: &std::sync::Mutex<u8>) {\n    let g = m.lock().unwrap();\n    send(*g).await;\n}\n';
      const [finding] = await lint(src, RULE);
      assert.deepStrictEqual(await fixesFor(src, finding), []);
    });
  });
});
