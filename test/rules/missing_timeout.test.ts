import * as assert from 'assert';
import { ruleFixes } from '../../server/src/analysis/fixes';
import { missingTimeout } from '../../server/src/rules/missing_timeout';
import { createParser } from '../../server/src/analysis/parser';
import { checkFix, checkRule, dedent } from '../support/checkRule';
import { project, runJson } from '../support/cli';
import { lint } from '../support/engine';
import { fixesFor } from '../support/fixHarness';
import { tokioCheck } from '../support/rustc';

const RULE = 'missing_timeout';

/** A stand-in HTTP client with reqwest's shape (reqwest itself cannot be compiled offline here). */
const CLIENT = [
  '#[derive(Debug)] pub struct HttpError;',
  'impl std::fmt::Display for HttpError { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { f.write_str("http") } }',
  'impl std::error::Error for HttpError {}',
  'pub struct Client;',
  'pub struct Request;',
  'impl Client { pub fn get(&self, _url: &str) -> Request { Request } }',
  'impl Request { pub async fn send(self) -> Result<u16, HttpError> { Ok(200) } }',
].join('\n');

/** `checkFix` for code that uses the stand-in client, which goes before both texts. */
const checkClientFix = (before: string, after: string) => checkFix(RULE, `${CLIENT}\n${dedent(before)}`, `${CLIENT}\n${dedent(after)}`, { compile: tokioCheck });

describe(RULE, () => {
  it('flags awaited HTTP sends, stream and database connects, and sqlx queries', async () => {
    await checkRule(RULE, `
      use tokio::net::TcpStream;
      async fn f(http: &reqwest::Client, pool: &PgPool) -> anyhow::Result<()> {
          let a = http.get(url).header("x", "y").send().await?;
                                              //^^^^^^^^^^^^^ \`http.get(url).header("x", "y").send()\` is awaited without a timeout
          let b = reqwest::get(url).await?;
                //^^^^^^^^^^^^^^^^^^^^^^^ \`reqwest::get(url)\` is awaited without a timeout
          let c = TcpStream::connect(addr).await?;
                //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`TcpStream::connect(addr)\` is awaited without a timeout
          let d = tokio::net::UnixStream::connect(path).await?;
                //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`tokio::net::UnixStream::connect(path)\` is awaited without a timeout
          let e = sqlx::PgPool::connect(dsn).await?;
                //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`sqlx::PgPool::connect(dsn)\` is awaited without a timeout
          let (client, conn) = tokio_postgres::connect(dsn, NoTls).await?;
                             //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`tokio_postgres::connect(dsn, NoTls)\` is awaited without a timeout
          let g = sqlx::query("SELECT 1").fetch_one(pool).await?;
                                       //^^^^^^^^^^^^^^^^^^^^^^ \`sqlx::query("SELECT 1").fetch_one(pool)\` is awaited without a timeout
          let h = sqlx::query_as!(User, "SELECT * FROM users").fetch_all(pool).await?;
                                                            //^^^^^^^^^^^^^^^^^^^^^^ \`sqlx::query_as!(User,…\` is awaited without a timeout
          Ok(())
      }
    `);
  });

  it('names the operation in the message', async () => {
    await checkRule(RULE, `
      async fn f() { http.post(url).json(&b).send().await; }
                                          //^^^^^^^^^^^^^ \`http.post(url).json(&b).send()\` is awaited without a timeout
    `);
  });

  it('leaves bounded operations and look-alikes alone', async () => {
    await checkRule(RULE, `
      use tokio::time::timeout;
      async fn f() {
          let a = timeout(d, http.get(url).send()).await;
          let b = tokio::time::timeout(d, async { TcpStream::connect(addr).await }).await;
          let c = http.get(url).timeout(d).send().await;
          let e = tx.send(msg).await;
          let g = sink.send().await;
          let h = stream.connect().await;
          let i = conn.execute("DELETE", &[]).await;
          let j = fut.timeout(d).await;
          let k = std::net::TcpStream::connect(addr);
          let l = with_timeout(TcpStream::connect(addr)).await;
          let bounded = reqwest::Client::builder().timeout(d).build()?;
          let m = bounded.get(url).send().await;
      }
    `);
  });

  describe('fixes (cargo check against tokio, before and after)', () => {
    it('returns the timeout with `?` where the function returns a boxed error', async () => {
      await checkClientFix(`
        pub async fn status(http: &Client) -> Result<u16, Box<dyn std::error::Error>> {
            let code = http.get("/health").send().await?;
            Ok(code)
        }
      `, `
        pub async fn status(http: &Client) -> Result<u16, Box<dyn std::error::Error>> {
            let code = tokio::time::timeout(std::time::Duration::from_secs(10), http.get("/health").send()).await??;
            Ok(code)
        }
      `);
    });

    it('returns the timeout with `?` where the function returns io::Result, and offers the inline io::Error form too', async () => {
      const src = 'use tokio::net::TcpStream;\npub async fn dial(addr: &str) -> std::io::Result<TcpStream> {\n    let s = TcpStream::connect(addr).await?;\n    Ok(s)\n}\n';
      const [finding] = await lint(src, RULE);
      const titles = (await fixesFor(src, finding)).map((f) => f.title);
      assert.strictEqual(titles.length, 2, titles.join('\n'));
      await checkFix(RULE, `
        use tokio::net::TcpStream;
        pub async fn dial(addr: &str) -> std::io::Result<TcpStream> {
            let s = TcpStream::connect(addr).await?;
            Ok(s)
        }
      `, `
        use tokio::net::TcpStream;
        pub async fn dial(addr: &str) -> std::io::Result<TcpStream> {
            let s = tokio::time::timeout(std::time::Duration::from_secs(10), TcpStream::connect(addr)).await??;
            Ok(s)
        }
      `, { title: 'with `?`', compile: tokioCheck });
    });

    it('offers the inline io::Error form where the function returns io::Result', async () => {
      await checkFix(RULE, `
        use tokio::net::TcpStream;
        pub async fn dial(addr: &str) -> std::io::Result<TcpStream> {
            let s = TcpStream::connect(addr).await?;
            Ok(s)
        }
      `, `
        use tokio::net::TcpStream;
        pub async fn dial(addr: &str) -> std::io::Result<TcpStream> {
            let s = tokio::time::timeout(std::time::Duration::from_secs(10), TcpStream::connect(addr)).await.unwrap_or_else(|elapsed| Err(std::io::Error::from(elapsed).into()))?;
            Ok(s)
        }
      `, { title: 'TimedOut', compile: tokioCheck });
    });

    it('maps the timeout into a String error', async () => {
      await checkClientFix(`
        pub async fn status(http: &Client) -> Result<u16, String> {
            http.get("/").send().await.map_err(|e| e.to_string())
        }
      `, `
        pub async fn status(http: &Client) -> Result<u16, String> {
            tokio::time::timeout(std::time::Duration::from_secs(10), http.get("/").send()).await.map_err(|elapsed| elapsed.to_string())?.map_err(|e| e.to_string())
        }
      `);
    });

    it('maps the timeout through io::Error into a custom error that converts from it', async () => {
      await checkClientFix(`
        pub enum AppError { Io(std::io::Error), Http(HttpError) }
        impl From<std::io::Error> for AppError { fn from(e: std::io::Error) -> Self { AppError::Io(e) } }
        impl From<HttpError> for AppError { fn from(e: HttpError) -> Self { AppError::Http(e) } }
        pub async fn status(http: &Client) -> Result<u16, AppError> {
            Ok(http.get("/").send().await?)
        }
      `, `
        pub enum AppError { Io(std::io::Error), Http(HttpError) }
        impl From<std::io::Error> for AppError { fn from(e: std::io::Error) -> Self { AppError::Io(e) } }
        impl From<HttpError> for AppError { fn from(e: HttpError) -> Self { AppError::Http(e) } }
        pub async fn status(http: &Client) -> Result<u16, AppError> {
            Ok(tokio::time::timeout(std::time::Duration::from_secs(10), http.get("/").send()).await.map_err(std::io::Error::from)??)
        }
      `);
    });

    it('offers nothing when the error type is a type parameter, which may not convert from io::Error', async () => {
      const src = 'async fn f<E>(http: &Client) -> Result<u16, E> { Ok(http.get("/").send().await.unwrap_or(0)) }';
      const [finding] = await lint(src, RULE);
      assert.deepStrictEqual(await fixesFor(src, finding), []);
    });

    it('returns None on timeout in a function returning Option', async () => {
      await checkClientFix(`
        pub async fn status(http: &Client) -> Option<u16> {
            http.get("/").send().await.ok()
        }
      `, `
        pub async fn status(http: &Client) -> Option<u16> {
            tokio::time::timeout(std::time::Duration::from_secs(10), http.get("/").send()).await.ok()?.ok()
        }
      `);
    });

    it('inside an async block (where `?` has no known target) only offers the inline form', async () => {
      const src = 'pub fn spawn_dial() -> tokio::task::JoinHandle<std::io::Result<tokio::net::TcpStream>> {\n    tokio::spawn(async { tokio::net::TcpStream::connect("127.0.0.1:9").await })\n}\n';
      const [finding] = await lint(src, RULE);
      assert.strictEqual((await fixesFor(src, finding)).length, 1);
      await checkFix(RULE, `
        pub fn spawn_dial() -> tokio::task::JoinHandle<std::io::Result<tokio::net::TcpStream>> {
            tokio::spawn(async { tokio::net::TcpStream::connect("127.0.0.1:9").await })
        }
      `, `
        pub fn spawn_dial() -> tokio::task::JoinHandle<std::io::Result<tokio::net::TcpStream>> {
            tokio::spawn(async { tokio::time::timeout(std::time::Duration::from_secs(10), tokio::net::TcpStream::connect("127.0.0.1:9")).await.unwrap_or_else(|elapsed| Err(std::io::Error::from(elapsed).into())) })
        }
      `, { compile: tokioCheck });
    });

    it('uses the configured number of seconds, and is never applied by fix-all', async () => {
      const src = `${CLIENT}\npub async fn s(http: &Client) -> Result<u16, Box<dyn std::error::Error>> { Ok(http.get("/").send().await?) }\n`;
      const [finding] = await lint(src, RULE);
      const tree = (await createParser()).parse(src)!;
      try {
        const fixes = ruleFixes(missingTimeout, finding, src, tree, { timeoutSeconds: 30 });
        assert.match(fixes[0].edits[0].newText, /Duration::from_secs\(30\)/);
        assert.ok(fixes.every((f) => !f.safe) && fixes[0].preferred);
      } finally {
        tree.delete();
      }
    });
  });
  describe('with the crate model (the real CLI over a package)', () => {
    const manifest = '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n[dependencies]\naxum = "0.7"\nreqwest = "0.12"\ntower-http = { version = "0.5", features = ["timeout"] }\n';
    const found = (root: string) =>
      runJson(['check', '--rule', RULE, '--no-cache', '--jobs', '1'], root).report.findings.map((f) => `${f.path}:${f.start.line}`).sort();

    it('leaves handlers alone under a router-wide TimeoutLayer, not the tasks they spawn or the package\'s other fns', () => {
      const handlers = [
        'use axum::extract::State;',
        'pub async fn quote(State(http): State<reqwest::Client>) -> String {',
        '    let sent = http.get("https://rates.example/eur").send().await;',
        '    tokio::spawn(async move { http.get("https://audit.example").send().await });',
        '    format!("{sent:?}")',
        '}',
        'pub async fn refresh(http: reqwest::Client) {',
        '    let _ = http.get("https://rates.example/all").send().await;',
        '}',
        '',
      ].join('\n');
      const router = [
        'use std::time::Duration;',
        'use tower_http::timeout::TimeoutLayer;',
        'pub mod handlers;',
        'pub fn app(http: reqwest::Client) -> axum::Router {',
        '    axum::Router::new().route("/quote", axum::routing::get(handlers::quote)).with_state(http).layer(TimeoutLayer::new(Duration::from_secs(30)))',
        '}',
        '',
      ].join('\n');
      assert.deepStrictEqual(found(project({ 'Cargo.toml': manifest, 'src/lib.rs': router, 'src/handlers.rs': handlers })), ['src/handlers.rs:4', 'src/handlers.rs:8']);
      const withoutLayer = router.replace('.layer(TimeoutLayer::new(Duration::from_secs(30)))', '');
      assert.deepStrictEqual(found(project({ 'Cargo.toml': manifest, 'src/lib.rs': withoutLayer, 'src/handlers.rs': handlers })), ['src/handlers.rs:3', 'src/handlers.rs:4', 'src/handlers.rs:8']);
    });

    it('follows a client built with a timeout into the struct a closure makes of it', () => {
      const http = [
        'use std::time::Duration;',
        'pub fn client_builder() -> reqwest::ClientBuilder {',
        '    reqwest::Client::builder().timeout(Duration::from_secs(10))',
        '}',
        '',
      ].join('\n');
      const transport = [
        'pub mod http;',
        'pub struct Transport { client: reqwest::Client }',
        'impl Transport {',
        '    pub fn new() -> Result<Self, reqwest::Error> {',
        '        http::client_builder().build().map(|client| Self { client })',
        '    }',
        '    pub async fn fetch(&self, url: &str) -> Result<reqwest::Response, reqwest::Error> {',
        '        self.client.get(url).send().await',
        '    }',
        '}',
        '/// Another client, with no timeout: not every client of the package has one.',
        'pub fn plain() -> reqwest::Client { reqwest::Client::new() }',
        '',
      ].join('\n');
      assert.deepStrictEqual(found(project({ 'Cargo.toml': manifest, 'src/lib.rs': transport, 'src/http.rs': http })), []);
      const untimed = http.replace('.timeout(Duration::from_secs(10))', '');
      assert.deepStrictEqual(found(project({ 'Cargo.toml': manifest, 'src/lib.rs': transport, 'src/http.rs': untimed })), ['src/lib.rs:8']);
    });
  });
});
