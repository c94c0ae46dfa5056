import { checkRule } from '../support/checkRule';

const RULE = 'unit_error_type';

describe(RULE, () => {
  it('flags Result<_, ()> in return types, on the Result, naming the fn', async () => {
    await checkRule(RULE, `
      pub fn parse_port(s: &str) -> Result<u16, ()> { s.parse().map_err(|_| ()) }
                                  //^^^^^^^^^^^^^^^ \`parse_port\` returns \`Result<u16, ()>\`: the \`()\` error tells callers nothing
      fn private() -> Option<Result<(), ()>> { None }
                           //^^^^^^^^^^^^^^ \`private\` returns \`Result<(), ()>\`
      trait Store { fn get(&self) -> std::result::Result<Vec<u8>, ()>; }
                                   //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`get\` returns \`std::result::Result<Vec<u8>, ()>\`
      impl S { pub async fn load(&self) -> Result<u8, ( )> { Ok(1) } }
                                         //^^^^^^^^^^^^^^^ \`load\` returns \`Result<u8, ( )>\`
    `);
  });

  it('leaves the near misses alone', async () => {
    // () as the Ok type is fine; so are real errors.
    await checkRule(RULE, `
      pub fn save() -> Result<(), std::io::Error> { Ok(()) }
      pub fn f() -> io::Result<()> { Ok(()) }
      pub fn g() -> fmt::Result { Ok(()) }
    `);
    // A trait implementation cannot choose its signature.
    await checkRule(RULE, `
      impl FromStr for Port { type Err = (); fn from_str(s: &str) -> Result<Self, ()> { Err(()) } }
    `);
    // Parameters and bodies are not the fn's contract.
    await checkRule(RULE, `
      pub fn f(r: Result<u8, ()>) -> u8 { let x: Result<u8, ()> = r; 0 }
    `);
    await checkRule(RULE, `
      #[cfg(test)]
      mod tests { fn helper() -> Result<(), ()> { Ok(()) } }
    `);
  });
});
