import * as assert from 'assert';
import { lint } from '../support/engine';
import { applyFix, verifyFix } from '../support/fixHarness';
import { rustcCheck } from '../support/rustc';

const RULE = 'missing_errors_doc';
const flagged = async (src: string) => (await lint(src, RULE)).map((f) => f.text);

describe(RULE, () => {
  it('flags documented pub fns returning Result without `# Errors`, on the name', async () => {
    const src = [
      '/// Reads the file.',
      'pub fn load(p: &str) -> Result<String, std::io::Error> { std::fs::read_to_string(p) }',
      '/** Block docs. */',
      '#[inline]',
      'pub fn parse(s: &str) -> std::io::Result<u8> { Ok(0) }',
      'impl Store {',
      '    /// Saves.',
      '    pub async fn save(&self) -> anyhow::Result<()> { Ok(()) }',
      '}',
    ].join('\n');
    assert.deepStrictEqual(await flagged(src), ['load', 'parse', 'save']);
    const [f] = await lint(src, RULE);
    assert.match(f.message, /`pub fn load` returns `Result` but its doc comment never says when it fails: add an `# Errors` section/);
  });

  it('fixes by appending an `# Errors` skeleton with the indentation of the fn; rustc accepts before and after', async () => {
    const src = 'pub struct Store;\nimpl Store {\n    /// Saves the store.\n    #[inline]\n    pub fn save(&self) -> Result<(), std::io::Error> {\n        Ok(())\n    }\n}\n';
    const after = await verifyFix(src, RULE, { compile: rustcCheck });
    assert.strictEqual(after, 'pub struct Store;\nimpl Store {\n    /// Saves the store.\n    ///\n    /// # Errors\n    ///\n    /// Returns an error if …\n    #[inline]\n    pub fn save(&self) -> Result<(), std::io::Error> {\n        Ok(())\n    }\n}\n');
    // After a trailing blank doc line, no second blank line; CRLF kept.
    const crlf = '/// Loads.\r\n///\r\npub fn load() -> Result<(), String> {\r\n    Ok(())\r\n}\r\n';
    const fixed = (await applyFix(crlf, RULE)).text;
    assert.strictEqual(fixed, '/// Loads.\r\n///\r\n/// # Errors\r\n///\r\n/// Returns an error if …\r\npub fn load() -> Result<(), String> {\r\n    Ok(())\r\n}\r\n');
    await verifyFix('/** Loads. */\npub fn load() -> Result<(), String> { Ok(()) }\n', RULE, { compile: rustcCheck });
  });

  it('is a quick fix only', async () => {
    assert.strictEqual((await applyFix('/// Loads.\npub fn load() -> Result<(), String> { Ok(()) }\n', RULE)).fix.safe, false);
  });

  it('leaves the near misses alone', async () => {
    const none = async (src: string) => assert.deepStrictEqual(await flagged(src), [], src);
    await none('/// Loads.\n///\n/// # Errors\n///\n/// When the file is missing.\npub fn load() -> Result<(), E> { Ok(()) }');
    await none('/// Loads.\n/// ## errors\n/// When the file is missing.\npub fn load() -> Result<(), E> { Ok(()) }');
    await none('/**\n * Loads.\n *\n * # Errors\n * When missing.\n */\npub fn load() -> Result<(), E> { Ok(()) }');
    await none('#[doc = "Loads."]\n#[doc = "# Errors"]\npub fn load() -> Result<(), E> { Ok(()) }');
    // No docs at all, hidden, private, not a Result, or a trait implementation.
    await none('pub fn load() -> Result<(), E> { Ok(()) }');
    await none('/// x\n#[doc(hidden)]\npub fn load() -> Result<(), E> { Ok(()) }');
    await none('/// Loads.\nfn load() -> Result<(), E> { Ok(()) }\n/// Loads.\npub(crate) fn load2() -> Result<(), E> { Ok(()) }');
    await none('/// Loads.\npub fn load() -> Option<u8> { None }');
    await none('impl FromStr for X {\n    /// Parses.\n    fn from_str(s: &str) -> Result<Self, E> { todo!() }\n}');
    // Prose that says when it fails is documentation enough.
    await none('/// Parses the header. Returns an error if the magic bytes are wrong.\npub fn parse() -> Result<(), E> { Ok(()) }');
    await none('/// Returns `Err(_)` if the index is invalid.\npub fn version() -> Result<u8, E> { Ok(0) }');
    await none('/// Fails when the peer hangs up.\npub fn recv() -> Result<u8, E> { Ok(0) }');
    // A serializer's own error, passed through.
    await none('/// Serializes as hex.\npub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> { todo!() }');
    // A plain comment is not documentation.
    await none('// Loads.\npub fn load() -> Result<(), E> { Ok(()) }');
  });
});
