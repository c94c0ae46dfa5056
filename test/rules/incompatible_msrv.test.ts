import { checkRule } from '../support/checkRule';
import { packageDeclaring } from '../support/engine';

const MSRV_1_60 = { crate: packageDeclaring([1, 60, 0]) };

describe('incompatible_msrv', () => {
  it('flags language features newer than the declared rust-version, where they are written', async () => {
    await checkRule('incompatible_msrv', `
      #![expect(dead_code)]
       //^^^^^^^^^^^^^^^^^ \`#[expect(…)]\` needs Rust 1.81
      use std::collections::HashMap;
      pub trait Store {
          type Entry<'a> where Self: 'a;
        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ generic associated type needs Rust 1.65, but the crate declares \`rust-version = "1.60"\`
          async fn load(&self) -> u8;
        //^^^^^ \`async fn\` in a trait needs Rust 1.75
          fn keys(&self) -> impl Iterator<Item = u8>;
        //                  ^^^^^^^^^^^^^^^^^^^^^^^^ \`-> impl Trait\` in a trait needs Rust 1.75
      }
      pub fn port(env: &HashMap<String, String>, n: u8) -> Option<u16> {
          let Some(raw) = env.get("PORT") else { return None };
        //                                ^^^^ \`let … else\` needs Rust 1.65
          let small = match n { 0..10 => true, _ => false };
        //                      ^^^^^ exclusive range pattern (\`a..b\`) needs Rust 1.80
          let limit = const { 8 };
        //            ^^^^^ inline \`const { … }\` block needs Rust 1.79
          #[expect(unused_variables)]
        //  ^^^^^^^^^^^^^^^^^^^^^^^^ \`#[expect(…)]\` needs Rust 1.81
          let f = async || 1;
        //        ^^^^^ \`async\` closure needs Rust 1.85
          println!("{raw} {small} {limit}");
          let _ = f;
          raw.parse().ok()
      }
    `, MSRV_1_60);
  });

  it('holds code to the MSRV clippy reads: #[clippy::msrv] on it or above it, the file\'s #![clippy::msrv], clippy.toml\'s msrv', async () => {
    await checkRule('incompatible_msrv', `
      #![clippy::msrv = "1.60"]
      pub fn port(env: &std::collections::HashMap<String, String>) -> Option<u16> {
          let Some(raw) = env.get("PORT") else { return None };
        //                                ^^^^ \`let … else\` needs Rust 1.65, but \`#![clippy::msrv = "1.60"]\` declares Rust 1.60 here
          raw.parse().ok()
      }
      #[clippy::msrv = "1.70"]
      pub mod modern {
          pub fn port(raw: Option<&str>) -> Option<u16> {
              let Some(raw) = raw else { return None };
              raw.parse().ok()
          }
          #[clippy::msrv = "1.64"]
          pub fn old(raw: Option<&str>) -> Option<u16> {
              let Some(raw) = raw else { return None };
            //                    ^^^^ \`let … else\` needs Rust 1.65, but \`#[clippy::msrv = "1.64"]\` declares Rust 1.64 here
              raw.parse().ok()
          }
      }
    `, MSRV_1_60);
    await checkRule('incompatible_msrv', `
      pub fn port(raw: Option<&str>) -> Option<u16> {
          let Some(raw) = raw else { return None };
        //                    ^^^^ \`let … else\` needs Rust 1.65, but clippy.toml declares \`msrv = "1.60"\`
          raw.parse().ok()
      }
    `, { crate: { ...packageDeclaring([1, 60, 0]), msrvFrom: 'clippy.toml' } });
  });

  it('flags identifiers captured in a format string, not named arguments or escaped braces', async () => {
    await checkRule('incompatible_msrv', `
      pub fn show(out: &mut String, name: &str, n: u8) -> std::fmt::Result {
          use std::fmt::Write;
          println!("{name}: {n:>4}");
        //         ^^^^^^^^^^^^^^^^ identifier captured in a format string (\`"{x}"\`) needs Rust 1.58, but the crate declares \`rust-version = "1.56"\`
          println!("{0} {n}", name, n = n);
          eprintln!("{{literal}} {}", n);
          writeln!(out, "{}", name)
      }
    `, { crate: packageDeclaring([1, 56, 0]) });
  });

  it('flags std items by path and import, and the Option/Result methods no other crate names', async () => {
    await checkRule('incompatible_msrv', `
      use std::sync::{Mutex, OnceLock};
      //                     ^^^^^^^^ \`std::sync::OnceLock\` needs Rust 1.70
      use std::io;
      static NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());
      pub fn f(v: Option<u8>, cache: &OnceLock<u8>) -> io::Error {
          let _ = std::cell::LazyCell::new(|| 1);
        //        ^^^^^^^^^^^^^^^^^^^ \`std::cell::LazyCell\` needs Rust 1.80
          let _ = v.is_some_and(|x| x > 1) || v.is_none_or(|x| x == 0);
        //          ^^^^^^^^^^^ \`Option::is_some_and\` needs Rust 1.70
        //                                      ^^^^^^^^^^ \`Option::is_none_or\` needs Rust 1.82
          let _ = cache.get();
          io::Error::other("boom")
        //^^^^^^^^^^^^^^^^ \`std::io::Error::other\` needs Rust 1.74
      }
    `, MSRV_1_60);
  });

  it('leaves alone what the declared version has, packages declaring none, tests, and version-gated code', async () => {
    const code = `
      pub fn f(v: Option<u8>) -> bool {
          let Some(x) = v else { return false };
          x > 1
      }
    `;
    await checkRule('incompatible_msrv', code, { crate: packageDeclaring([1, 65, 0]) });
    await checkRule('incompatible_msrv', code, {});
    await checkRule('incompatible_msrv', `
      #[cfg(has_let_else)]
      pub fn f(v: Option<u8>) -> bool {
          let Some(x) = v else { return false };
          x > 1
      }
      #[cfg(feature = "rust_1_70")]
      pub fn g(v: Option<u8>) -> bool {
          v.is_some_and(|x| x > 1)
      }
      #[cfg(all(unix, feature = "std"))]
      pub fn h(v: Option<u8>) -> bool {
          v.is_some_and(|x| x > 1)
        //  ^^^^^^^^^^^ needs Rust 1.70
      }
      #[rustversion::since(1.70)]
      pub fn i(v: Option<u8>) -> bool {
          v.is_some_and(|x| x > 1)
      }
      #[cfg(test)]
      mod tests {
          #[test]
          fn t() {
              let Some(_x) = Some(1) else { panic!() };
          }
      }
    `, MSRV_1_60);
  });

  it('reads async fn in a trait that #[async_trait] rewrites as the macro\'s, and let chains from edition 2024', async () => {
    await checkRule('incompatible_msrv', `
      #[async_trait::async_trait]
      pub trait Store {
          async fn load(&self) -> u8;
      }
      pub fn f(a: Option<u8>, b: bool) -> u8 {
          if let Some(x) = a && b { x } else { 0 }
        //   ^^^^^^^^^^^^^^^^^^^^ let chain (\`if let … && …\`) needs Rust 1.88, but the crate declares \`rust-version = "1.85"\`
      }
    `, { crate: packageDeclaring([1, 85, 0], '2024') });
  });
});
