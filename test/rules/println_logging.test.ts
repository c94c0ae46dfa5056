import * as assert from 'assert';
import { lint } from '../support/engine';
import { applyFix, fixesFor, verifyFix } from '../support/fixHarness';

const RULE = 'println_logging';
const flagged = async (src: string, path?: string) => (await lint(src, RULE, path)).map((f) => f.text);
const AXUM = 'use axum::{routing::post, Router};\n';

describe(RULE, () => {
  it('flags printing macros in a file that is part of a service, on the macro name', async () => {
    const src = `${AXUM}async fn create(id: u64) {\n    println!("creating order {}", id);\n    eprintln!("failed: {id}");\n    dbg!(id);\n}\n`;
    assert.deepStrictEqual(await flagged(src), ['println!', 'eprintln!', 'dbg!']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`println!` logs to stdout in a service \(this file uses `axum`\)/);
    assert.deepStrictEqual(await flagged('use actix_web::{web, App, HttpServer};\nfn main() { println!("listening"); }'), ['println!']);
    assert.deepStrictEqual(await flagged('use hyper::server::conn::Http;\nfn serve() { print!("."); }'), ['print!']);
  });

  it('leaves command-line tools, clients, tracing and test code alone', async () => {
    assert.deepStrictEqual(await flagged('fn main() { println!("{}", 1 + 1); }'), []);
    assert.deepStrictEqual(await flagged('use hyper::Client;\nasync fn fetch() { println!("got it"); }'), []);
    assert.deepStrictEqual(await flagged(`${AXUM}fn f() { tracing::info!("ok"); log::warn!("careful"); }`), []);
    assert.deepStrictEqual(await flagged(`${AXUM}#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { println!("debugging"); }\n}`), []);
    assert.deepStrictEqual(await flagged(`${AXUM}fn main() { println!("demo"); }`, 'examples/server.rs'), []);
    // A macro of the same name from elsewhere.
    assert.deepStrictEqual(await flagged(`${AXUM}fn f() { defmt::println!("on the device"); }`), []);
  });

  it('offers tracing at the matching level where the file already uses tracing (a quick fix: output moves)', async () => {
    const src = `${AXUM}use tracing::info;\n\npub async fn create(id: u64) {\n    info!("start");\n    println!("creating order {}", id);\n    eprintln!("failed: {id}");\n}\n`;
    let after = await verifyFix(src, RULE);
    assert.match(after, /tracing::info!\("creating order \{\}", id\);/);
    after = await verifyFix(after, RULE);
    assert.match(after, /tracing::error!\("failed: \{id\}"\);/);
    assert.strictEqual((await applyFix(src, RULE)).fix.safe, false);
  });

  it('offers no fix without tracing in the file, nor for a bare println!()', async () => {
    const without = `${AXUM}fn f(id: u64) { println!("{}", id); }`;
    assert.deepStrictEqual(await fixesFor(without, (await lint(without, RULE))[0]), []);
    const bare = `${AXUM}use tracing::info;\nfn f() { println!(); }`;
    assert.deepStrictEqual(await fixesFor(bare, (await lint(bare, RULE))[0]), []);
  });
});
