import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { fixesFor } from '../support/fixHarness';
import { tokioCheck } from '../support/rustc';

const RULE = 'blocking_in_async';

describe(RULE, () => {
  it('flags blocking std calls in async fns and async blocks, resolved through use declarations', async () => {
    await checkRule(RULE, `
      use std::fs;
      use std::fs::File;
      use std::thread::sleep;
      use std::net::TcpStream as Tcp;
      async fn load(p: &str) -> std::io::Result<()> {
          let s = fs::read_to_string(p)?;
                //^^^^^^^^^^^^^^^^^^ \`fs::read_to_string(p)\` blocks the executor thread inside async code
          sleep(std::time::Duration::from_millis(5));
        //^^^^^ \`sleep(std::time::Duration::from_millis(5…\` blocks the executor thread inside async code
          let f = File::open(p)?;
                //^^^^^^^^^^ \`File::open(p)\` blocks the executor thread inside async code
          let t = Tcp::connect("127.0.0.1:80")?;
                //^^^^^^^^^^^^ \`Tcp::connect("127.0.0.1:80")\` blocks the executor thread inside async code
          std::fs::write(p, s)?;
        //^^^^^^^^^^^^^^ \`std::fs::write(p, s)\` blocks the executor thread inside async code
          Ok(())
      }
      fn spawn() { let f = async { std::thread::sleep(d) }; }
                                 //^^^^^^^^^^^^^^^^^^ \`std::thread::sleep(d)\` blocks the executor thread inside async code
    `);
  });

  it('flags reqwest::blocking, stdin reads, std::process::Command waits and DNS lookups', async () => {
    await checkRule(RULE, `
      use std::process::Command;
      async fn f(url: &str) {
          let body = reqwest::blocking::get(url);
                   //^^^^^^^^^^^^^^^^^^^^^^ \`reqwest::blocking::get(url)\` blocks the executor thread inside async code
          let mut line = String::new();
          std::io::stdin().read_line(&mut line);
                        //^^^^^^^^^^^^^^^^^^^^^ \`std::io::stdin().read_line(&mut line)\` blocks the executor thread inside async code
          let out = Command::new("git").arg("status").output();
                                                   //^^^^^^^^^ \`Command::new("git").arg("status").output…\` blocks the executor thread inside async code
          let addrs = ("db.internal", 5432).to_socket_addrs();
                                         //^^^^^^^^^^^^^^^^^^ \`("db.internal", 5432).to_socket_addrs()\` blocks the executor thread inside async code
      }
    `);
  });

  it('leaves an awaited call alone: a std call is never awaited, so the name resolved to the async twin', () =>
    checkRule(RULE, `
      use std::fs;
      async fn index(zip_path: &Path) -> io::Result<()> {
          let zip = fs::File::open(zip_path).await?;
          let raw = fs::read_to_string(zip_path)?;
                  //^^^^^^^^^^^^^^^^^^ blocks the executor thread
          Ok(())
      }
    `));

  it('names the call and the async twin in the message', async () => {
    await checkRule(RULE, `
      async fn f(p: &str) { std::fs::read(p); }
                          //^^^^^^^^^^^^^ \`std::fs::read(p)\` blocks the executor thread inside async code; use \`tokio::fs::read(..).await\`
    `);
  });

  it('leaves sync code, plain closures, nested sync fns and the async twins alone', async () => {
    await checkRule(RULE, `
      use std::fs;
      use tokio::process::Command;
      fn sync(p: &str) { fs::read(p); std::thread::sleep(d); }
      async fn f(p: String) {
          let h = tokio::task::spawn_blocking(move || fs::read(p));
          let lazy = || std::fs::read("x");
          fn helper() { std::fs::read("y"); }
          tokio::fs::read("z").await;
          tokio::time::sleep(d).await;
          Command::new("ls").output().await;
          file.read_line(&mut s);
          read("not std");
          my::fs::read("mine");
      }
    `);
  });

  it('exempts tests, where the runtime belongs to the test', async () => {
    await checkRule(RULE, `
      #[tokio::test]
      async fn t() { std::fs::write("f", "x"); }
    `);
    await checkRule(RULE, `
      async fn t() { std::fs::write("f", "x"); }
    `, { path: 'tests/it.rs' });
  });

  describe('fixes', () => {
    it('uses tokio::fs with .await, keeping `?` and the value type (cargo check before and after)', async () => {
      await checkFix(RULE, `
        use std::fs;
        pub async fn load(path: &str) -> std::io::Result<usize> {
            let s = fs::read_to_string(path)?;
            Ok(s.len())
        }
      `, `
        use std::fs;
        pub async fn load(path: &str) -> std::io::Result<usize> {
            let s = tokio::fs::read_to_string(path).await?;
            Ok(s.len())
        }
      `, { compile: tokioCheck });
    });

    it('uses tokio::time::sleep with .await', async () => {
      await checkFix(RULE, `
        use std::time::Duration;
        pub async fn pause() {
            std::thread::sleep(Duration::from_millis(1));
        }
      `, `
        use std::time::Duration;
        pub async fn pause() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
      `, { compile: tokioCheck });
    });

    it('moves calls without a same-typed twin to spawn_blocking, owning borrowed paths and re-raising panics', async () => {
      await checkFix(RULE, `
        use std::fs::File;
        pub async fn open(path: &str) -> std::io::Result<File> {
            let f = File::open(path)?;
            Ok(f)
        }
        pub async fn dial() -> std::io::Result<std::net::TcpStream> {
            std::net::TcpStream::connect("127.0.0.1:9")
        }
      `, `
        use std::fs::File;
        pub async fn open(path: &str) -> std::io::Result<File> {
            let f = tokio::task::spawn_blocking({ let path = std::path::PathBuf::from(path); move || File::open(path) }).await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
            Ok(f)
        }
        pub async fn dial() -> std::io::Result<std::net::TcpStream> {
            std::net::TcpStream::connect("127.0.0.1:9")
        }
      `, { finding: 'File::open', compile: tokioCheck });
      await checkFix(RULE, `
        use std::fs::File;
        pub async fn open(path: &str) -> std::io::Result<File> {
            let f = File::open(path)?;
            Ok(f)
        }
        pub async fn dial() -> std::io::Result<std::net::TcpStream> {
            std::net::TcpStream::connect("127.0.0.1:9")
        }
      `, `
        use std::fs::File;
        pub async fn open(path: &str) -> std::io::Result<File> {
            let f = File::open(path)?;
            Ok(f)
        }
        pub async fn dial() -> std::io::Result<std::net::TcpStream> {
            tokio::task::spawn_blocking(move || std::net::TcpStream::connect("127.0.0.1:9")).await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
        }
      `, { finding: 'TcpStream::connect', compile: tokioCheck });
    });

    it('moves a std::process::Command chain of owned arguments to spawn_blocking whole', async () => {
      await checkFix(RULE, `
        pub async fn status() -> std::io::Result<bool> {
            let out = std::process::Command::new("true").arg("-x").output()?;
            Ok(out.status.success())
        }
      `, `
        pub async fn status() -> std::io::Result<bool> {
            let out = tokio::task::spawn_blocking(move || std::process::Command::new("true").arg("-x").output()).await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
            Ok(out.status.success())
        }
      `, { compile: tokioCheck });
    });

    it('offers no spawn_blocking fix when an argument is borrowed, and none for stdin', async () => {
      for (const src of [
        'async fn f(a: &std::net::SocketAddr) { std::net::TcpStream::connect_timeout(a, d); }',
        'async fn f(s: &mut String) { std::io::stdin().read_line(s); }',
        'async fn f(dir: &str) { std::process::Command::new("ls").arg(dir).output(); }',
      ]) {
        const [finding] = await lint(src, RULE);
        assert.deepStrictEqual(await fixesFor(src, finding), []);
      }
    });

    it('is never applied by fix-all: tokio may not be a dependency', async () => {
      const [finding] = await lint('async fn f() { std::fs::read("x"); }', RULE);
      assert.ok((await fixesFor('async fn f() { std::fs::read("x"); }', finding)).every((f) => !f.safe));
    });
  });
});
