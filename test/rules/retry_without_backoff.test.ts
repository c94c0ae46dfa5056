import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'retry_without_backoff';
const flagged = async (src: string, path?: string) => (await lint(src, RULE, path)).map((f) => f.text);

describe(RULE, () => {
  it('flags a constant sleep in a retry loop, on the sleep call', async () => {
    const charge = [
      'use std::time::Duration;',
      'async fn charge(gw: &Gateway, req: &Req) -> Result<Receipt, Error> {',
      '    for attempt in 1..=5 {',
      '        match gw.charge(req).await {',
      '            Ok(r) => return Ok(r),',
      '            Err(e) if attempt < 5 => tokio::time::sleep(Duration::from_millis(500)).await,',
      '            Err(e) => return Err(e),',
      '        }',
      '    }',
      '    unreachable!()',
      '}',
    ].join('\n');
    assert.deepStrictEqual(await flagged(charge), ['tokio::time::sleep(Duration::from_millis(500))']);
    const [f] = await lint(charge, RULE);
    assert.match(f.message, /waits the same time before every retry/);
    const blocking = [
      'use std::thread;',
      'const RETRY_DELAY: Duration = Duration::from_secs(1);',
      'fn connect(addr: &str) -> std::io::Result<TcpStream> {',
      '    let mut retries = 0;',
      '    loop {',
      '        match TcpStream::connect(addr) {',
      '            Ok(s) => return Ok(s),',
      '            Err(e) if retries < 3 => { retries += 1; thread::sleep(RETRY_DELAY); }',
      '            Err(e) => return Err(e),',
      '        }',
      '    }',
      '}',
    ].join('\n');
    assert.deepStrictEqual(await flagged(blocking), ['thread::sleep(RETRY_DELAY)']);
  });

  it('leaves backoff, jitter, polling and test code alone', async () => {
    const loop = (sleep: string, extra = '') =>
      `use tokio::time::sleep;\nasync fn f() -> Result<(), E> {\n    ${extra}\n    for attempt in 0..5u32 {\n        if op().await.is_ok() { return Ok(()); }\n        ${sleep}.await;\n    }\n    Err(E)\n}`;
    assert.deepStrictEqual(await flagged(loop('sleep(Duration::from_millis(100))')), ['sleep(Duration::from_millis(100))']);
    // Exponential delays, a delay that doubles, jitter.
    assert.deepStrictEqual(await flagged(loop('sleep(Duration::from_millis(100 * 2u64.pow(attempt)))')), []);
    assert.deepStrictEqual(await flagged(loop('sleep(delay)', 'let mut delay = Duration::from_millis(100); delay *= 2;')), []);
    assert.deepStrictEqual(await flagged(loop('sleep(Duration::from_millis(100) + jitter())')), []);
    assert.deepStrictEqual(await flagged(loop('sleep(Duration::from_millis(100))', 'let backoff = ExponentialBackoff::default();')), []);
    // Polling for readiness: no attempts counted, no error looked at.
    assert.deepStrictEqual(await flagged('fn wait() {\n    loop {\n        if ready() { break; }\n        std::thread::sleep(Duration::from_millis(50));\n    }\n}'), []);
    // A local file-system retry (rustc's rename on Windows): no shared service to stampede.
    assert.deepStrictEqual(await flagged('fn rename(from: &Path, to: &Path, mut retries_left: usize) -> io::Result<()> {\n    loop {\n        match fs::rename(from, to) {\n            Ok(()) => return Ok(()),\n            Err(e) if retries_left > 0 => { std::thread::sleep(Duration::from_millis(50)); retries_left -= 1; }\n            Err(e) => return Err(e),\n        }\n    }\n}'), []);
    // A sleep outside any loop, or of something else called sleep.
    assert.deepStrictEqual(await flagged('async fn f(attempt: u32) -> Result<(), E> { tokio::time::sleep(Duration::from_secs(1)).await; Err(E) }'), []);
    assert.deepStrictEqual(await flagged('fn f() { for attempt in 0..3 { if try_it().is_err() { device.sleep(Duration::from_millis(5)); } } }'), []);
    assert.deepStrictEqual(await flagged(loop('sleep(Duration::from_millis(100))'), 'tests/retry.rs'), []);
  });
});
