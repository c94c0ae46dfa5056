import { checkRule } from '../support/checkRule';

const RULE = 'string_error_type';

describe(RULE, () => {
  it('flags Result<_, String> and Result<_, &str> returned by pub fns, naming the fn', async () => {
    await checkRule(RULE, `
      pub fn withdraw(amount: u64) -> Result<(), String> { Ok(()) }
                                    //^^^^^^^^^^^^^^^^^^ \`pub fn withdraw\` returns \`Result<(), String>\`: callers can only tell its errors apart by reading the text
      pub fn name(id: u8) -> Result<&'static str, &'static str> { Err("unknown") }
                           //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`pub fn name\` returns \`Result<&'static str, &'static str>\`
      impl Account { pub async fn open(&self) -> Result<Self, std::string::String> { todo!() } }
                                               //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`pub fn open\` returns \`Result<Self, std::string::String>\`
      pub fn nested() -> Option<Result<u8, &str>> { None }
                              //^^^^^^^^^^^^^^^^ \`pub fn nested\` returns \`Result<u8, &str>\`
    `);
  });

  it('leaves the near misses alone', async () => {
    // Not public API.
    await checkRule(RULE, `
      fn f() -> Result<(), String> { Ok(()) }
      pub(crate) fn g() -> Result<(), String> { Ok(()) }
    `);
    // String as the Ok type, or a structured error.
    await checkRule(RULE, `
      pub fn f() -> Result<String, ParseError> { todo!() }
      pub fn g() -> Result<String, Box<dyn std::error::Error>> { todo!() }
    `);
    // Validators: the error is the reason for the person who gave the value, reported as is.
    await checkRule(RULE, `
      pub fn validate(config: &Config) -> Result<(), String> { Ok(()) }
      pub fn check_compatible(a: &Segment, b: &Segment) -> Result<(), String> { Ok(()) }
      pub fn verify_fee_tiers(tiers: &[Tier]) -> Result<(), &'static str> { Ok(()) }
      pub fn checksum(bytes: &[u8]) -> Result<u32, String> { Ok(0) }
    //                                 ^^^^^^^^^^^^^^^^^^^ \`pub fn checksum\` returns
    `);
    // Hidden from the docs: not API (test helpers, deprecated shims).
    await checkRule(RULE, `
      #[doc(hidden)]
      pub fn check_invariants() -> Result<(), String> { Ok(()) }
    `);
    // Trait implementations follow the trait.
    await checkRule(RULE, `
      impl TryFrom<u8> for Kind { type Error = String; pub fn try_from(v: u8) -> Result<Self, String> { todo!() } }
    `);
    // Someone else's String.
    await checkRule(RULE, `
      use mylib::String;
      pub fn f() -> Result<(), String> { Ok(()) }
    `);
    await checkRule(RULE, `
      #[cfg(test)]
      mod tests { pub fn helper() -> Result<(), String> { Ok(()) } }
    `);
  });
});
