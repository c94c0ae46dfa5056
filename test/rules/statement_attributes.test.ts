import { checkRule } from '../support/checkRule';

// `#[allow(clippy::…)]`, `#[expect(..)]` and `#[cfg(test)]` silence what stands under them wherever
// they stand, as on a fn: a statement, a `let`, a block, a match arm, a field.
describe('attributes where they stand', () => {
  it('on a statement, a let, a block and a match arm', () =>
    checkRule(
      'unwrap_in_production',
      `
      fn f(x: Option<u8>, e: E) -> u8 {
          #[allow(clippy::unwrap_used)]
          x.unwrap();
          #[expect(clippy::unwrap_used, reason = "checked above")]
          let a = x.unwrap();
          #[cfg(test)]
          let b = x.unwrap();
          #[allow(clippy::expect_used)]
          {
              x.expect("present");
          }
          match e {
              #[allow(clippy::unwrap_used)]
              E::A => x.unwrap(),
              #[cfg(test)]
              E::B => x.unwrap(),
              E::C => x.unwrap(),
                     //^^^^^^^^^ panics
          };
          // Another lint's allow, and cfg(not(test)), leave it flagged.
          #[allow(clippy::clone_on_copy)]
          let c = x.unwrap();
                 //^^^^^^^^^ panics
          #[cfg(not(test))]
          let d = x.unwrap();
                 //^^^^^^^^^ panics
          x.unwrap()
         //^^^^^^^^^ panics
      }
      `,
    ));

  it('on a field', () =>
    checkRule(
      'linked_list',
      `
      struct Queue {
          #[allow(clippy::linkedlist)]
          a: std::collections::LinkedList<u8>,
          b: std::collections::LinkedList<u8>,
                             //^^^^^^^^^^ linked list
      }
      `,
    ));

  it('on a statement holding a macro whose body is analysed', () =>
    checkRule(
      'undocumented_unsafe',
      `
      fn f(p: *const u8) {
          #[allow(clippy::undocumented_unsafe_blocks)]
          println!("{}", unsafe { *p });
          println!("{}", unsafe { *p });
                       //^^^^^^ no \`// SAFETY:\` comment
      }
      `,
    ));
});
