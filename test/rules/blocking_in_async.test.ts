import * as assert from 'assert';
import { checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { fixesFor, verifyFix } from '../support/fixHarness';
import { tokioCheck } from '../support/rustc';

const RULE = 'blocking_in_async';
const flagged = async (src: string, path?: string) => (await lint(src, RULE, path)).map((f) => f.text);

describe(RULE, () => {
  it('flags blocking std calls in async fns and async blocks, resolved through use declarations', async () => {
    const src = [
      'use std::fs;',
      'use std::fs::File;',
      'use std::thread::sleep;',
      'use std::net::TcpStream as Tcp;',
      'async fn load(p: &str) -> std::io::Result<()> {',
      '    let s = fs::read_to_string(p)?;',
      '    sleep(std::time::Duration::from_millis(5));',
      '    let f = File::open(p)?;',
      '    let t = Tcp::connect("127.0.0.1:80")?;',
      '    std::fs::write(p, s)?;',
      '    Ok(())',
      '}',
      'fn spawn() { let f = async { std::thread::sleep(d) }; }',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['fs::read_to_string', 'sleep', 'File::open', 'Tcp::connect', 'std::fs::write', 'std::thread::sleep']);
  });

  it('flags reqwest::blocking, stdin reads, std::process::Command waits and DNS lookups', async () => {
    const src = [
      'use std::process::Command;',
      'async fn f(url: &str) {',
      '    let body = reqwest::blocking::get(url);',
      '    let mut line = String::new();',
      '    std::io::stdin().read_line(&mut line);',
      '    let out = Command::new("git").arg("status").output();',
      '    let addrs = ("db.internal", 5432).to_socket_addrs();',
      '}',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['reqwest::blocking::get', '.read_line(&mut line)', '.output()', '.to_socket_addrs()']);
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

  it('is a warning in a service\'s files and a hint elsewhere (a command-line tool runs one task)', async () => {
    const body = 'async fn index() -> std::io::Result<String> { std::fs::read_to_string("index.html") }';
    assert.deepStrictEqual((await lint(`use axum::Router;\n${body}`, RULE)).map((f) => f.severity ?? 'warning'), ['warning']);
    assert.deepStrictEqual((await lint(body, RULE)).map((f) => f.severity ?? 'warning'), ['hint']);
  });

  it('names the call and the async twin in the message', async () => {
    const [f] = await lint('async fn f(p: &str) { std::fs::read(p); }', RULE);
    assert.match(f.message, /`std::fs::read\(p\)` blocks the executor thread inside async code; use `tokio::fs::read\(\.\.\)\.await`/);
  });

  it('leaves sync code, plain closures, nested sync fns and the async twins alone', async () => {
    const src = [
      'use std::fs;',
      'use tokio::process::Command;',
      'fn sync(p: &str) { fs::read(p); std::thread::sleep(d); }',
      'async fn f(p: String) {',
      '    let h = tokio::task::spawn_blocking(move || fs::read(p));',
      '    let lazy = || std::fs::read("x");',
      '    fn helper() { std::fs::read("y"); }',
      '    tokio::fs::read("z").await;',
      '    tokio::time::sleep(d).await;',
      '    Command::new("ls").output().await;',
      '    file.read_line(&mut s);',
      '    read("not std");',
      '    my::fs::read("mine");',
      '}',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), []);
  });

  it('exempts tests, where the runtime belongs to the test', async () => {
    assert.deepStrictEqual(await flagged('#[tokio::test]\nasync fn t() { std::fs::write("f", "x"); }'), []);
    assert.deepStrictEqual(await flagged('async fn t() { std::fs::write("f", "x"); }', 'tests/it.rs'), []);
  });

  describe('fixes', () => {
    it('uses tokio::fs with .await, keeping `?` and the value type (cargo check before and after)', async () => {
      const src = ['use std::fs;', 'pub async fn load(path: &str) -> std::io::Result<usize> {', '    let s = fs::read_to_string(path)?;', '    Ok(s.len())', '}', ''].join('\n');
      const after = await verifyFix(src, RULE, { compile: tokioCheck });
      assert.match(after, /let s = tokio::fs::read_to_string\(path\)\.await\?;/);
    });

    it('uses tokio::time::sleep with .await', async () => {
      const src = ['use std::time::Duration;', 'pub async fn pause() {', '    std::thread::sleep(Duration::from_millis(1));', '}', ''].join('\n');
      const after = await verifyFix(src, RULE, { compile: tokioCheck });
      assert.match(after, /tokio::time::sleep\(Duration::from_millis\(1\)\)\.await;/);
    });

    it('moves calls without a same-typed twin to spawn_blocking, owning borrowed paths and re-raising panics', async () => {
      const src = [
        'use std::fs::File;',
        'pub async fn open(path: &str) -> std::io::Result<File> {',
        '    let f = File::open(path)?;',
        '    Ok(f)',
        '}',
        'pub async fn dial() -> std::io::Result<std::net::TcpStream> {',
        '    std::net::TcpStream::connect("127.0.0.1:9")',
        '}',
        '',
      ].join('\n');
      const opened = await verifyFix(src, RULE, { finding: 'File::open', compile: tokioCheck });
      assert.match(opened, /spawn_blocking\(\{ let path = std::path::PathBuf::from\(path\); move \|\| File::open\(path\) \}\)\.await\.unwrap_or_else\(\|e\| std::panic::resume_unwind\(e\.into_panic\(\)\)\)\?/);
      await verifyFix(src, RULE, { finding: 'TcpStream::connect', compile: tokioCheck });
    });

    it('moves a std::process::Command chain of owned arguments to spawn_blocking whole', async () => {
      const src = ['pub async fn status() -> std::io::Result<bool> {', '    let out = std::process::Command::new("true").arg("-x").output()?;', '    Ok(out.status.success())', '}', ''].join('\n');
      const after = await verifyFix(src, RULE, { compile: tokioCheck });
      assert.match(after, /spawn_blocking\(move \|\| std::process::Command::new\("true"\)\.arg\("-x"\)\.output\(\)\)\.await\.unwrap_or_else/);
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
