import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { applyFix, fixesFor } from '../support/fixHarness';

const RULE = 'println_logging';
const AXUM = 'use axum::{routing::post, Router};\n';

describe(RULE, () => {
  it('flags printing macros in a file that is part of a service, on the macro name', async () => {
    await checkRule(RULE, `
      use axum::{routing::post, Router};
      async fn create(id: u64) {
          println!("creating order {}", id);
        //^^^^^^^^ \`println!\` logs to stdout in a service (this file uses \`axum\`)
          eprintln!("failed: {id}");
        //^^^^^^^^^ \`eprintln!\` logs to stderr in a service (this file uses \`axum\`)
          dbg!(id);
        //^^^^ \`dbg!\` logs to stderr in a service (this file uses \`axum\`)
      }
    `);
    await checkRule(RULE, `
      use actix_web::{web, App, HttpServer};
      fn main() { println!("listening"); }
                //^^^^^^^^ \`println!\` logs to stdout in a service (this file uses \`actix_web\`)
    `);
    await checkRule(RULE, `
      use hyper::server::conn::Http;
      fn serve() { print!("."); }
                 //^^^^^^ \`print!\` logs to stdout in a service (this file uses \`hyper\`)
    `);
  });

  it('leaves command-line tools, clients, tracing and test code alone', async () => {
    await checkRule(RULE, `
      fn main() { println!("{}", 1 + 1); }
    `);
    await checkRule(RULE, `
      use hyper::Client;
      async fn fetch() { println!("got it"); }
    `);
    await checkRule(RULE, `
      use axum::{routing::post, Router};
      fn f() { tracing::info!("ok"); log::warn!("careful"); }
    `);
    await checkRule(RULE, `
      use axum::{routing::post, Router};
      #[cfg(test)]
      mod tests {
          #[test]
          fn t() { println!("debugging"); }
      }
    `);
    await checkRule(RULE, `
      use axum::{routing::post, Router};
      fn main() { println!("demo"); }
    `, { path: 'examples/server.rs' });
    // A macro of the same name from elsewhere.
    await checkRule(RULE, `
      use axum::{routing::post, Router};
      fn f() { defmt::println!("on the device"); }
    `);
  });

  it('offers tracing at the matching level where the file already uses tracing (a quick fix: output moves)', async () => {
    await checkFix(RULE, `
      use axum::{routing::post, Router};
      use tracing::info;

      pub async fn create(id: u64) {
          info!("start");
          println!("creating order {}", id);
          eprintln!("failed: {id}");
      }
    `, `
      use axum::{routing::post, Router};
      use tracing::info;

      pub async fn create(id: u64) {
          info!("start");
          tracing::info!("creating order {}", id);
          eprintln!("failed: {id}");
      }
    `);
    await checkFix(RULE, `
      use axum::{routing::post, Router};
      use tracing::info;

      pub async fn create(id: u64) {
          info!("start");
          println!("creating order {}", id);
          eprintln!("failed: {id}");
      }
    `, `
      use axum::{routing::post, Router};
      use tracing::info;

      pub async fn create(id: u64) {
          info!("start");
          println!("creating order {}", id);
          tracing::error!("failed: {id}");
      }
    `, { finding: 'eprintln!' });
    const src = `${AXUM}use tracing::info;\npub async fn create(id: u64) { println!("creating order {}", id); }\n`;
    assert.strictEqual((await applyFix(src, RULE)).fix.safe, false);
  });

  it('offers no fix without tracing in the file, nor for a bare println!()', async () => {
    const without = `${AXUM}fn f(id: u64) { println!("{}", id); }`;
    assert.deepStrictEqual(await fixesFor(without, (await lint(without, RULE))[0]), []);
    const bare = `${AXUM}use tracing::info;\nfn f() { println!(); }`;
    assert.deepStrictEqual(await fixesFor(bare, (await lint(bare, RULE))[0]), []);
  });
});
