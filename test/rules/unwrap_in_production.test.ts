import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { lint } from '../support/engine';
import { applyFix, fixesFor } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'unwrap_in_production';

describe(RULE, () => {
  it('flags unwrap and expect in ordinary code, on the method tail', async () => {
    await checkRule(RULE, `
      fn f(x: Option<u8>) -> u8 { x.unwrap() }
                                 //^^^^^^^^^ \`x.unwrap()\` panics when the value is \`None\`.
    `);
    await checkRule(RULE, `
      fn f(x: Result<u8, E>) -> u8 { x.expect("config is valid") }
                                    //^^^^^^^^^^^^^^^^^^^^^^^^^^ \`x.expect(…)\` panics when the value is an \`Err\`.
    `);
  });

  it('starts the range on the line of the dot in a multi-line chain', async () => {
    await checkRule(RULE, `
      fn f() -> u16 {
          std::env::var("PORT")
              .unwrap()
            //^^^^^^^^^ \`std::env::var("PORT").unwrap()\` panics when the value is an \`Err\`.
              .parse()
              .unwrap()
            //^^^^^^^^^ \`std::env::var("PORT").unwrap().parse().unwrap()\` panics when the value is an \`Err\`.
      }
    `);
  });

  it('names the receiver in the message', () =>
    checkRule(RULE, `
      fn f() { config.get("port").unwrap(); }
                               //^^^^^^^^^ \`config.get("port").unwrap()\` panics when the value is \`None\`.
    `));

  it('names the failure that applies where the receiver is known to hold an Option or a Result', async () => {
    await checkRule(RULE, `
      fn f(o: Option<u8>, r: Result<u8, E>, x: Foo, items: &[u8]) {
          o.unwrap();
         //^^^^^^^^^ \`o.unwrap()\` panics when the value is \`None\`.
          r.expect("r");
         //^^^^^^^^^^^^ \`r.expect(…)\` panics when the value is an \`Err\`.
          items.first().unwrap();
                     //^^^^^^^^^ \`items.first().unwrap()\` panics when the value is \`None\`.
          std::env::var("A").unwrap();
                          //^^^^^^^^^ \`std::env::var("A").unwrap()\` panics when the value is an \`Err\`.
          x.unwrap();
         //^^^^^^^^^ \`x.unwrap()\` panics when the value is \`None\` or \`Err\`.
          let s = some_service
              .client()
              .fetch();
          s.unwrap();
         //^^^^^^^^^ \`s.unwrap()\` panics when the value is \`None\` or \`Err\`.
      }
    `);
    // A chain over several lines is named on one, without runs of spaces.
    await checkRule(RULE, `
      fn f() {
          some_service
              .client()
              .fetch()
              .unwrap();
            //^^^^^^^^^ \`some_service.client().fetch().unwrap()\` panics
      }
    `);
  });

  it('leaves calls that cannot fail at run time alone: const contexts, fixed-length slices, first split pieces, Infallible parses', () =>
    checkRule(RULE, `
      const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
      static ORIGIN: Option<u8> = Some(0u8).checked_add(1).map(Some).unwrap();
      fn words(data: &[u8], repo: &str, raw: &str) -> (Vec<u32>, u16, &str, String) {
          let words = data.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect();
          let tag = u16::from_be_bytes(data[..2].try_into().unwrap());
          let mid: [u8; 4] = data[4..8].try_into().expect("four bytes");
          let at = 8;
          let next: [u8; 2] = data[at..at + 2].try_into().unwrap();
          let owner = repo.split('/').next().unwrap();
          let copy = raw.parse::<String>().unwrap();
          let open: [u8; 4] = data[at..].try_into().unwrap();
                                                 //^^^^^^^^^ panics when the value is an \`Err\`
          (words, tag, owner, copy)
      }
    `));

  it('leaves a local or parameter whose Result cannot hold an Err alone (Infallible, !), as clippy does', () =>
    checkRule(RULE, `
      use std::convert::Infallible;
      fn values(built: Result<u8, Infallible>, other: Result<u8, String>) -> u8 {
          let never: Result<u8, core::convert::Infallible> = Ok(1);
          built.unwrap() + never.expect("built above") + other.unwrap()
                                                            //^^^^^^^^^ panics when the value is an \`Err\`
      }
    `));

  it('leaves a panic re-raised alone, from a task or through a poisoned lock: the panic already happened', () =>
    checkRule(RULE, `
      async fn f(state: &Mutex<u8>, table: &RwLock<Vec<u8>>) -> u8 {
          let m = tokio::task::spawn_blocking(move || work()).await.expect("worker panicked");
          let d = fetch().await.unwrap();
                             //^^^^^^^^^ panics when the value is \`None\` or \`Err\`
          let n = *state.lock().unwrap() + table.read().unwrap()[0];
          table.write().expect("poisoned").push(n);
          let t = state.try_lock().unwrap();
                                //^^^^^^^^^ panics when the value is \`None\` or \`Err\`
          m
      }
    `));

  it('leaves an expect whose message states why it cannot fail alone', () =>
    checkRule(RULE, `
      fn f(user: &User) -> Uuid {
          let id = Uuid::from_str(&user.uuid).expect("we generated it: always a valid uuid");
          let raw = Uri::from_parts(parts).expect("cannot fail: every part comes from a parsed Uri");
          let row = query.first(conn).expect("Error loading user attachment total size");
                                   //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ panics
          id
      }
    `));

  it('flags unwrap_err/expect_err (a panic on Ok) and the path forms Option::unwrap(x)', () =>
    checkRule(RULE, `
      fn f(r: Result<u8, E>, o: Option<u8>) -> u8 {
          let e = r.unwrap_err();
                 //^^^^^^^^^^^^^ panics when the value is \`Ok\`
          let e2 = r.expect_err("must fail");
                  //^^^^^^^^^^^^^^^^^^^^^^^^ panics when the value is \`Ok\`
          let a = Option::unwrap(o);
                //^^^^^^^^^^^^^^^^^ \`Option::unwrap(o)\` panics when the value is \`None\`
          let b = std::result::Result::expect(r, "config");
                //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ panics
          let c = Option::unwrap_or(o, 0);
          a
      }
    `));

  it('leaves the safe relatives alone', async () => {
    await checkRule(RULE, `
      fn f(x: Option<u8>) -> u8 { x.unwrap_or(0) + x.unwrap_or_default() + x.unwrap_or_else(|| 1) }
    `);
    await checkRule(RULE, `
      fn f(x: Option<u8>) -> u8 { unwrap(x) }
    `);
    // `expect` with no argument or two is not Option/Result::expect.
    await checkRule(RULE, `
      fn f(p: Parser) { p.expect(); p.expect(Token::A, "x"); }
    `);
  });

  it('exempts test code', async () => {
    await checkRule(RULE, `
      #[test]
      fn t() { Some(1).unwrap(); }
    `);
    await checkRule(RULE, `
      #[tokio::test(flavor = "multi_thread")]
      async fn t() { Some(1).unwrap(); }
    `);
    await checkRule(RULE, `
      #[cfg(test)]
      mod tests {
        fn helper() { Some(1).unwrap(); }
        mod deeper { fn h() { Some(1).unwrap(); } }
      }
    `);
    for (const path of ['tests/api.rs', 'benches/b.rs', 'examples/demo.rs', 'build.rs', 'crates/core/tests/it.rs']) {
      await checkRule(RULE, `
        fn f() { Some(1).unwrap(); }
      `, { path });
    }
  });

  it('does not exempt near misses of test code', async () => {
    await checkRule(RULE, `
      #[cfg(not(test))]
      mod real { fn f() { Some(1).unwrap(); } }
                               //^^^^^^^^^ \`Some(1).unwrap()\` panics when the value is \`None\` or \`Err\`
    `);
    await checkRule(RULE, `
      fn test_like() { Some(1).unwrap(); }
                            //^^^^^^^^^ \`Some(1).unwrap()\` panics when the value is \`None\` or \`Err\`
    `);
    await checkRule(RULE, `
      fn f() { Some(1).unwrap(); }
                    //^^^^^^^^^ \`Some(1).unwrap()\` panics when the value is \`None\` or \`Err\`
    `, { path: 'src/testing.rs' });
  });

  it('honours clippy allows and rust-patterns directives', async () => {
    await checkRule(RULE, `
      #[allow(clippy::unwrap_used)]
      fn f() { Some(1).unwrap(); }
    `);
    await checkRule(RULE, `
      #[expect(clippy::expect_used, reason = "checked above")]
      fn f() { Some(1).expect("x"); }
    `);
    await checkRule(RULE, `
      #![allow(clippy::unwrap_used)]
      fn f() { Some(1).unwrap(); }
    `);
    await checkRule(RULE, `
      #[allow(clippy::unwrap_used)]
      impl S { fn f() { Some(1).unwrap(); } }
    `);
    await checkRule(RULE, `
      fn f() {
          // rust-patterns: allow(unwrap_in_production)
          Some(1).unwrap();
          Some(2).unwrap();
               //^^^^^^^^^ \`Some(2).unwrap()\` panics when the value is \`None\` or \`Err\`
      }
    `);
    await checkRule(RULE, `
      fn f() {
          Some(1).unwrap(); // rust-patterns: allow(unwrap_in_production)
      }
    `);
    await checkRule(RULE, `
      // rust-patterns: allow-file(unwrap_in_production)
      fn f() { Some(1).unwrap(); }
    `);
    // Another rule's allow does not silence this one.
    await checkRule(RULE, `
      #[allow(clippy::clone_on_copy)]
      fn f() { Some(1).unwrap(); }
                    //^^^^^^^^^ \`Some(1).unwrap()\` panics when the value is \`None\` or \`Err\`
    `);
  });

  describe('fix: `.unwrap()` → `?`', () => {
    const fixes = async (src: string) => {
      const [f] = await lint(src, RULE);
      return (await fixesFor(src, f)).map((x) => x.title);
    };

    it('offers `?` where the fn returns what the receiver produces; rustc accepts before and after', async () => {
      await checkFix(RULE, `
        pub fn first_word(s: &str) -> Option<&str> {
            let w = s.split_whitespace().next().unwrap();
            Some(w)
        }
      `, `
        pub fn first_word(s: &str) -> Option<&str> {
            let w = s.split_whitespace().next()?;
            Some(w)
        }
      `, { compile: rustcCheck });
      await checkFix(RULE, `
        pub fn port(s: &str) -> Result<u16, Box<dyn std::error::Error>> {
            let p: u16 = s.trim().parse().unwrap();
            Ok(p)
        }
      `, `
        pub fn port(s: &str) -> Result<u16, Box<dyn std::error::Error>> {
            let p: u16 = s.trim().parse()?;
            Ok(p)
        }
      `, { compile: rustcCheck });
      await checkFix(RULE, `
        use std::fs;
        use std::io;
        pub fn load(p: &str) -> io::Result<usize> {
            let text = fs::read_to_string(p).unwrap();
            Ok(text.len())
        }
      `, `
        use std::fs;
        use std::io;
        pub fn load(p: &str) -> io::Result<usize> {
            let text = fs::read_to_string(p)?;
            Ok(text.len())
        }
      `, { compile: rustcCheck });
      await checkFix(RULE, `
        use std::io::Read;
        pub fn slurp(f: &mut std::fs::File) -> Result<String, std::io::Error> {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            Ok(s)
        }
      `, `
        use std::io::Read;
        pub fn slurp(f: &mut std::fs::File) -> Result<String, std::io::Error> {
            let mut s = String::new();
            f.read_to_string(&mut s)?;
            Ok(s)
        }
      `, { compile: rustcCheck });
      await checkFix(RULE, `
        pub fn home() -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
            Ok(std::env::var("HOME")
                .unwrap())
        }
      `, `
        pub fn home() -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
            Ok(std::env::var("HOME")?)
        }
      `, { compile: rustcCheck });
    });

    it('is a quick fix only: fix-all never applies it', async () => {
      const src = 'pub fn f(v: &[u8]) -> Option<u8> { Some(*v.first().unwrap()) }';
      const { fix } = await applyFix(src, RULE);
      assert.strictEqual(fix.safe, false);
    });

    it('is not offered where `?` would not compile or would mean something else', async () => {
      const none = async (src: string) => assert.deepStrictEqual(await fixes(src), [], src);
      // The fn returns nothing, or another kind.
      await none('pub fn f(v: &[u8]) { v.first().unwrap(); }');
      await none('pub fn f(s: &str) -> Option<u16> { Some(s.parse().unwrap()) }');
      await none('pub fn f(v: &[u8]) -> Result<u8, Box<dyn std::error::Error>> { Ok(*v.first().unwrap()) }');
      // A custom error may have no From for the receiver's error.
      await none('pub fn f(s: &str) -> Result<u16, MyError> { Ok(s.parse().unwrap()) }');
      await none('pub fn f(s: &str) -> std::io::Result<u16> { Ok(s.parse().unwrap()) }');
      // Inside a closure or async block, `?` returns from that instead.
      await none('pub fn f(v: &[&[u8]]) -> Option<Vec<u8>> { Some(v.iter().map(|x| *x.first().unwrap()).collect()) }');
      await none('pub async fn f(v: Vec<u8>) -> Option<u8> { async move { *v.first().unwrap() }.await.into() }');
      // The receiver's kind is unknown.
      await none('pub fn f(x: Option<u8>) -> Option<u8> { Some(x.unwrap()) }');
      // expect keeps its message: no `?` offered.
      await none('pub fn f(v: &[u8]) -> Option<u8> { Some(*v.first().expect("non-empty")) }');
    });
  });
});
