import { checkFix, checkRule } from '../support/checkRule';
import { rustcCheck } from '../support/rustc';

const RULE = 'clone_on_copy';

describe(RULE, () => {
  it('flags clone on primitive-typed bindings and literals, on `.clone()`, naming the value and its type', async () => {
    await checkRule(RULE, `
      pub fn scale(factor: f64, xs: &mut [f64]) {
          for x in xs.iter_mut() {
              *x *= factor.clone();
                        //^^^^^^^^ \`factor\` is a \`f64\`, which is \`Copy\`: \`factor.clone()\` is just \`factor\`
          }
      }
    `);
    await checkFix(RULE, `
      pub fn scale(factor: f64, xs: &mut [f64]) {
          for x in xs.iter_mut() {
              *x *= factor.clone();
          }
      }
    `, `
      pub fn scale(factor: f64, xs: &mut [f64]) {
          for x in xs.iter_mut() {
              *x *= factor;
          }
      }
    `, { compile: rustcCheck });
  });

  it('fixes every shape; rustc accepts before and after', async () => {
    await checkFix(RULE, `
      pub fn f() -> u8 { 5u8.clone() }
    `, `
      pub fn f() -> u8 { 5u8 }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f() -> i64 { let n: i64 = 3; -n.clone() }
    `, `
      pub fn f() -> i64 { let n: i64 = 3; -n }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f() -> char { let c = 'x'; c.clone() }
    `, `
      pub fn f() -> char { let c = 'x'; c }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f(flag: bool) -> bool { !flag.clone() }
    `, `
      pub fn f(flag: bool) -> bool { !flag }
    `, { compile: rustcCheck });
    await checkFix(RULE, `
      pub fn f() -> f64 { let r: f64 = -1.5; r.clone().abs() }
    `, `
      pub fn f() -> f64 { let r: f64 = -1.5; r.abs() }
    `, { compile: rustcCheck });
    // Inside a macro the call is not parsed: nothing is flagged there.
    await checkRule(RULE, `
      pub fn f(n: usize) -> Vec<usize> { vec![n.clone(); 3] }
    `);
  });

  it('leaves the near misses alone', async () => {
    // References: dropping the clone would change the type from u32 to &u32.
    await checkRule(RULE, `
      pub fn f(x: &u32) -> u32 { x.clone() }
    `);
    await checkRule(RULE, `
      pub fn f(s: &str) -> &str { s.clone() }
    `);
    // Not a primitive, or not known.
    await checkRule(RULE, `
      pub fn f(v: Vec<u8>) -> Vec<u8> { v.clone() }
    `);
    await checkRule(RULE, `
      pub fn f(x: Meters) -> Meters { x.clone() }
    `);
    await checkRule(RULE, `
      pub fn f() -> u32 { let n = compute(); n.clone() }
    `);
    await checkRule(RULE, `
      pub fn f() -> String { let s = "abc".to_string(); s.clone() }
    `);
    // A string literal is a reference, not a primitive number.
    await checkRule(RULE, `
      pub fn f() -> &'static str { "abc".clone() }
    `);
    // Bound by a pattern: its type is not declared here.
    await checkRule(RULE, `
      pub fn f(v: &[u32]) -> u32 { let mut t = 0; for x in v { t += x.clone(); } t }
    `);
  });

  it('leaves a copy the code uses as such: borrowed, bound by reference, or changed in place (as clippy does)', () =>
    checkRule(RULE, `
      pub fn f(mut n: u32, c: char) -> u32 {
          let r = &n.clone();
          n += 1;
          let ref mut m = n.clone();
          *m += 1;
          let mut up = c;
          c.clone().make_ascii_uppercase();
          up.make_ascii_uppercase();
          n + *r + *m + up as u32
      }
    `));
});
