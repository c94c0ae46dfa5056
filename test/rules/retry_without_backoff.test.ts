import { checkRule } from '../support/checkRule';

const RULE = 'retry_without_backoff';

describe(RULE, () => {
  it('flags a constant sleep in a retry loop, on the sleep call', async () => {
    await checkRule(RULE, `
      use std::time::Duration;
      async fn charge(gw: &Gateway, req: &Req) -> Result<Receipt, Error> {
          for attempt in 1..=5 {
              match gw.charge(req).await {
                  Ok(r) => return Ok(r),
                  Err(e) if attempt < 5 => tokio::time::sleep(Duration::from_millis(500)).await,
                                         //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`tokio::time::sleep(Duration::from_millis(500))\` waits the same time before every retry
                  Err(e) => return Err(e),
              }
          }
          unreachable!()
      }
    `);
    await checkRule(RULE, `
      use std::thread;
      const RETRY_DELAY: Duration = Duration::from_secs(1);
      fn connect(addr: &str) -> std::io::Result<TcpStream> {
          let mut retries = 0;
          loop {
              match TcpStream::connect(addr) {
                  Ok(s) => return Ok(s),
                  Err(e) if retries < 3 => { retries += 1; thread::sleep(RETRY_DELAY); }
                                                         //^^^^^^^^^^^^^^^^^^^^^^^^^^ \`thread::sleep(RETRY_DELAY)\` waits the same time before every retry
                  Err(e) => return Err(e),
              }
          }
      }
    `);
  });

  it('leaves backoff, jitter, polling and test code alone', async () => {
    await checkRule(RULE, `
      use tokio::time::sleep;
      async fn f() -> Result<(), E> {

          for attempt in 0..5u32 {
              if op().await.is_ok() { return Ok(()); }
              sleep(Duration::from_millis(100)).await;
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`sleep(Duration::from_millis(100))\` waits the same time before every retry
          }
          Err(E)
      }
    `);
    // Exponential delays, a delay that doubles, jitter.
    await checkRule(RULE, `
      use tokio::time::sleep;
      async fn f() -> Result<(), E> {

          for attempt in 0..5u32 {
              if op().await.is_ok() { return Ok(()); }
              sleep(Duration::from_millis(100 * 2u64.pow(attempt))).await;
          }
          Err(E)
      }
    `);
    await checkRule(RULE, `
      use tokio::time::sleep;
      async fn f() -> Result<(), E> {
          let mut delay = Duration::from_millis(100); delay *= 2;
          for attempt in 0..5u32 {
              if op().await.is_ok() { return Ok(()); }
              sleep(delay).await;
          }
          Err(E)
      }
    `);
    await checkRule(RULE, `
      use tokio::time::sleep;
      async fn f() -> Result<(), E> {

          for attempt in 0..5u32 {
              if op().await.is_ok() { return Ok(()); }
              sleep(Duration::from_millis(100) + jitter()).await;
          }
          Err(E)
      }
    `);
    await checkRule(RULE, `
      use tokio::time::sleep;
      async fn f() -> Result<(), E> {
          let backoff = ExponentialBackoff::default();
          for attempt in 0..5u32 {
              if op().await.is_ok() { return Ok(()); }
              sleep(Duration::from_millis(100)).await;
          }
          Err(E)
      }
    `);
    // Polling for readiness: no attempts counted, no error looked at.
    await checkRule(RULE, `
      fn wait() {
          loop {
              if ready() { break; }
              std::thread::sleep(Duration::from_millis(50));
          }
      }
    `);
    // A local file-system retry (rustc's rename on Windows): no shared service to stampede.
    await checkRule(RULE, `
      fn rename(from: &Path, to: &Path, mut retries_left: usize) -> io::Result<()> {
          loop {
              match fs::rename(from, to) {
                  Ok(()) => return Ok(()),
                  Err(e) if retries_left > 0 => { std::thread::sleep(Duration::from_millis(50)); retries_left -= 1; }
                  Err(e) => return Err(e),
              }
          }
      }
    `);
    // A sleep outside any loop, or of something else called sleep.
    await checkRule(RULE, `
      async fn f(attempt: u32) -> Result<(), E> { tokio::time::sleep(Duration::from_secs(1)).await; Err(E) }
    `);
    await checkRule(RULE, `
      fn f() { for attempt in 0..3 { if try_it().is_err() { device.sleep(Duration::from_millis(5)); } } }
    `);
    await checkRule(RULE, `
      use tokio::time::sleep;
      async fn f() -> Result<(), E> {

          for attempt in 0..5u32 {
              if op().await.is_ok() { return Ok(()); }
              sleep(Duration::from_millis(100)).await;
          }
          Err(E)
      }
    `, { path: 'tests/retry.rs' });
  });
});
