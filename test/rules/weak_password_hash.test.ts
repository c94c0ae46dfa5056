import * as assert from 'assert';
import { lint } from '../support/engine';

const RULE = 'weak_password_hash';
const flagged = async (src: string, path?: string) => (await lint(src, RULE, path)).map((f) => f.text);

describe(RULE, () => {
  it('flags a fast hash applied to a password', async () => {
    assert.deepStrictEqual(await flagged('use sha2::{Digest, Sha256};\nfn f(password: &str) { let h = Sha256::digest(password.as_bytes()); }'), ['Sha256::digest(password.as_bytes())']);
    assert.deepStrictEqual(await flagged('fn f(req: &Login) -> String { format!("{:x}", md5::compute(&req.password)) }'), ['md5::compute(&req.password)']);
    assert.deepStrictEqual(
      await flagged('use sha1::{Digest, Sha1};\nfn f(pwd: &[u8], salt: &[u8]) {\n    let mut hasher = Sha1::new();\n    hasher.update(salt);\n    hasher.update(pwd);\n    hasher.finalize();\n}'),
      ['.update(pwd)'],
    );
    assert.deepStrictEqual(await flagged('fn f(new_password: &str) { let d = sha2::Sha512::new().chain_update(new_password).finalize(); }'), ['.chain_update(new_password)']);
    assert.deepStrictEqual(await flagged('use ring::digest;\nfn f(password: &str) { digest::digest(&digest::SHA256, password.as_bytes()); }'), ['digest::digest(&digest::SHA256, password.as_bytes())']);
    assert.deepStrictEqual(
      await flagged('use std::collections::hash_map::DefaultHasher;\nfn f(password: &str) -> u64 {\n    let mut h = DefaultHasher::new();\n    password.hash(&mut h);\n    h.finish()\n}'),
      ['.hash(&mut h)'],
    );
    const [f] = await lint('fn f(password: &str) { sha256::digest(password); }', RULE);
    assert.match(f.message, /`sha256::digest\(…\)` hashes `password` with a fast hash.*Argon2id/);
  });

  it('leaves fast hashes of other data, and slow password hashes, alone', async () => {
    for (const src of [
      'fn f(body: &[u8]) { Sha256::digest(body); }',
      // Reset tokens are random: a fast hash of one is fine.
      'fn f(reset_token: &str) { Sha256::digest(reset_token.as_bytes()); }',
      'fn f(password_hash: &str) { Sha256::digest(password_hash.as_bytes()); }',
      'fn f(password: &str) { Argon2::default().hash_password(password.as_bytes(), &salt); }',
      'fn f(password: &str) { bcrypt::hash(password, 12); }',
      'fn f(password: &[u8]) { pbkdf2::pbkdf2::<Hmac<Sha256>>(password, salt, 600_000, &mut out); }',
      // A hasher of unknown kind.
      'fn f(password: &str, hasher: &mut H) { hasher.update(password); }',
      'fn f(password: &str, file: &mut File) { file.write(password.as_bytes()); }',
    ]) {
      assert.deepStrictEqual(await flagged(src), [], src);
    }
  });

  it('leaves wire protocols that mandate a digest of user name and password (PostgreSQL md5, HTTP Digest)', async () => {
    const pg = 'fn md5_hash(username: &[u8], password: &[u8], salt: [u8; 4]) -> String {\n    let mut md5 = Md5::new();\n    md5.update(password);\n    md5.update(username);\n    format!("md5{:x}", md5.finalize())\n}';
    assert.deepStrictEqual(await flagged(pg), []);
  });

  it('exempts test code', async () => {
    assert.deepStrictEqual(await flagged('#[test]\nfn t() { Sha256::digest(password); }'), []);
  });
});
