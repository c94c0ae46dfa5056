import { checkRule } from '../support/checkRule';

const RULE = 'static_mut';

describe(RULE, () => {
  it('flags `static mut` items, at module level and inside fns, from `static` to the name', () =>
    checkRule(RULE, `
      pub static mut COUNTER: u64 = 0;
        //^^^^^^^^^^^^^^^^^^ \`static mut COUNTER\` is global mutable state: every access is \`unsafe\`
      fn f() { static mut SEEN: bool = false; }
             //^^^^^^^^^^^^^^^ \`static mut SEEN\`
    `));

  it('leaves immutable statics, consts, `mut` bindings and FFI declarations alone', () =>
    checkRule(RULE, `
      static COUNTER: AtomicU64 = AtomicU64::new(0);
      const MAX: u8 = 1;
      fn f() { let mut x = 0; x += 1; }
      extern "C" { static mut errno: i32; }
    `));

  it('leaves statics exported to C or the linker by name, and test code, alone', () =>
    checkRule(RULE, `
      #[no_mangle]
      pub static mut rust_eh_frame_registered: u8 = 0;
      #[unsafe(export_name = "plugin_abi_version")]
      pub static mut ABI: u32 = 1;
      #[link_section = ".init_array"]
      #[used]
      static mut INIT: extern "C" fn() = init;
      #[cfg(test)]
      mod tests {
          static mut DROPS: usize = 0;
      }
      #[doc = "still global state"]
      static mut CACHE: u8 = 0;
    //^^^^^^^^^^^^^^^^ \`static mut CACHE\`
    `));
});
