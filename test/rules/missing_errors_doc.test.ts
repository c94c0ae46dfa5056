import * as assert from 'assert';
import { checkFix, checkRule } from '../support/checkRule';
import { applyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';
import { packageDeclaring } from '../support/engine';

const RULE = 'missing_errors_doc';

describe(RULE, () => {
  it('flags documented pub fns returning Result without `# Errors`, on the name', async () => {
    await checkRule(RULE, `
      /// Reads the file.
      pub fn load(p: &str) -> Result<String, std::io::Error> { std::fs::read_to_string(p) }
           //^^^^ \`pub fn load\` returns \`Result\` but its doc comment never says when it fails: add an \`# Errors\` section
      /** Block docs. */
      #[inline]
      pub fn parse(s: &str) -> std::io::Result<u8> { Ok(0) }
           //^^^^^ \`pub fn parse\` returns \`Result\` but its doc comment never says when it fails
      impl Store {
          /// Saves.
          pub async fn save(&self) -> anyhow::Result<()> { Ok(()) }
                     //^^^^ \`pub fn save\` returns \`Result\` but its doc comment never says when it fails
      }
    `);
  });

  it('leaves test code alone: a test-support module or crate has no users to document its errors for', async () => {
    await checkRule(RULE, `
      #[cfg(test)]
      pub mod support {
          /// Starts a mint for the test.
          pub fn mint() -> Result<u8, String> { Ok(0) }
      }
    `);
    await checkRule(RULE, `
      /// Starts a mint for the test.
      pub fn mint() -> Result<u8, String> { Ok(0) }
    `, { crate: { ...packageDeclaring([1, 80, 0]), role: 'test' } });
  });

  it('fixes by appending an `# Errors` skeleton with the indentation of the fn; rustc accepts before and after', async () => {
    await checkFix(RULE, `
      pub struct Store;
      impl Store {
          /// Saves the store.
          #[inline]
          pub fn save(&self) -> Result<(), std::io::Error> {
              Ok(())
          }
      }
    `, `
      pub struct Store;
      impl Store {
          /// Saves the store.
          ///
          /// # Errors
          ///
          /// Returns an error if …
          #[inline]
          pub fn save(&self) -> Result<(), std::io::Error> {
              Ok(())
          }
      }
    `, { compile: rustcCheck });
    // After a trailing blank doc line, no second blank line; CRLF kept.
    const crlf = '/// Loads.\r\n///\r\npub fn load() -> Result<(), String> {\r\n    Ok(())\r\n}\r\n';
    const fixed = (await applyFix(crlf, RULE)).text;
    assert.strictEqual(fixed, '/// Loads.\r\n///\r\n/// # Errors\r\n///\r\n/// Returns an error if …\r\npub fn load() -> Result<(), String> {\r\n    Ok(())\r\n}\r\n');
    await checkFix(RULE, `
      /** Loads. */
      pub fn load() -> Result<(), String> { Ok(()) }
    `, `
      /** Loads. */
      ///
      /// # Errors
      ///
      /// Returns an error if …
      pub fn load() -> Result<(), String> { Ok(()) }
    `, { compile: rustcCheck });
  });

  it('is a quick fix only', async () => {
    assert.strictEqual((await applyFix('/// Loads.\npub fn load() -> Result<(), String> { Ok(()) }\n', RULE)).fix.safe, false);
  });

  it('leaves the near misses alone', async () => {
    await checkRule(RULE, `
      /// Loads.
      ///
      /// # Errors
      ///
      /// When the file is missing.
      pub fn load() -> Result<(), E> { Ok(()) }
    `);
    await checkRule(RULE, `
      /// Loads.
      /// ## errors
      /// When the file is missing.
      pub fn load() -> Result<(), E> { Ok(()) }
    `);
    await checkRule(RULE, `
      /**
       * Loads.
       *
       * # Errors
       * When missing.
       */
      pub fn load() -> Result<(), E> { Ok(()) }
    `);
    await checkRule(RULE, `
      #[doc = "Loads."]
      #[doc = "# Errors"]
      pub fn load() -> Result<(), E> { Ok(()) }
    `);
    // No docs at all, hidden, private, not a Result, or a trait implementation.
    await checkRule(RULE, `
      pub fn load() -> Result<(), E> { Ok(()) }
    `);
    await checkRule(RULE, `
      /// x
      #[doc(hidden)]
      pub fn load() -> Result<(), E> { Ok(()) }
    `);
    await checkRule(RULE, `
      /// Loads.
      fn load() -> Result<(), E> { Ok(()) }
      /// Loads.
      pub(crate) fn load2() -> Result<(), E> { Ok(()) }
    `);
    await checkRule(RULE, `
      /// Loads.
      pub fn load() -> Option<u8> { None }
    `);
    await checkRule(RULE, `
      impl FromStr for X {
          /// Parses.
          fn from_str(s: &str) -> Result<Self, E> { todo!() }
      }
    `);
    // Prose that says when it fails is documentation enough.
    await checkRule(RULE, `
      /// Parses the header. Returns an error if the magic bytes are wrong.
      pub fn parse() -> Result<(), E> { Ok(()) }
    `);
    await checkRule(RULE, `
      /// Returns \`Err(_)\` if the index is invalid.
      pub fn version() -> Result<u8, E> { Ok(0) }
    `);
    await checkRule(RULE, `
      /// Fails when the peer hangs up.
      pub fn recv() -> Result<u8, E> { Ok(0) }
    `);
    // A serializer's own error, passed through.
    await checkRule(RULE, `
      /// Serializes as hex.
      pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> { todo!() }
    `);
    // A plain comment is not documentation.
    await checkRule(RULE, `
      // Loads.
      pub fn load() -> Result<(), E> { Ok(()) }
    `);
  });
});
