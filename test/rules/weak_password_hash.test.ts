import { checkRule } from '../support/checkRule';

const RULE = 'weak_password_hash';

describe(RULE, () => {
  it('flags a fast hash applied to a password', async () => {
    await checkRule(RULE, `
      use sha2::{Digest, Sha256};
      fn f(password: &str) { let h = Sha256::digest(password.as_bytes()); }
                                   //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`Sha256::digest(…)\` hashes \`password\` with a fast hash
    `);
    await checkRule(RULE, `
      fn f(req: &Login) -> String { format!("{:x}", md5::compute(&req.password)) }
                                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`md5::compute(…)\` hashes \`password\` with a fast hash
    `);
    await checkRule(RULE, `
      use sha1::{Digest, Sha1};
      fn f(pwd: &[u8], salt: &[u8]) {
          let mut hasher = Sha1::new();
          hasher.update(salt);
          hasher.update(pwd);
              //^^^^^^^^^^^^ \`.update(…)\` hashes \`pwd\` with a fast hash
          hasher.finalize();
      }
    `);
    await checkRule(RULE, `
      fn f(new_password: &str) { let d = sha2::Sha512::new().chain_update(new_password).finalize(); }
                                                          //^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`.chain_update(…)\` hashes \`new_password\` with a fast hash
    `);
    await checkRule(RULE, `
      use ring::digest;
      fn f(password: &str) { digest::digest(&digest::SHA256, password.as_bytes()); }
                           //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`digest::digest(…)\` hashes \`password\` with a fast hash
    `);
    await checkRule(RULE, `
      use std::collections::hash_map::DefaultHasher;
      fn f(password: &str) -> u64 {
          let mut h = DefaultHasher::new();
          password.hash(&mut h);
                //^^^^^^^^^^^^^ \`password.hash(…)\` hashes \`password\` with a fast hash
          h.finish()
      }
    `);
    await checkRule(RULE, `
      fn f(password: &str) { sha256::digest(password); }
                           //^^^^^^^^^^^^^^^^^^^^^^^^ \`sha256::digest(…)\` hashes \`password\` with a fast hash: leaked hashes fall to GPU brute force. Use Argon2id for passwords
    `);
  });

  it('leaves fast hashes of other data, and slow password hashes, alone', () =>
    checkRule(RULE, `
      fn f(body: &[u8]) { Sha256::digest(body); }
      // Reset tokens are random: a fast hash of one is fine.
      fn f(reset_token: &str) { Sha256::digest(reset_token.as_bytes()); }
      fn f(password_hash: &str) { Sha256::digest(password_hash.as_bytes()); }
      fn f(password: &str) { Argon2::default().hash_password(password.as_bytes(), &salt); }
      fn f(password: &str) { bcrypt::hash(password, 12); }
      fn f(password: &[u8]) { pbkdf2::pbkdf2::<Hmac<Sha256>>(password, salt, 600_000, &mut out); }
      // A hasher of unknown kind.
      fn f(password: &str, hasher: &mut H) { hasher.update(password); }
      fn f(password: &str, file: &mut File) { file.write(password.as_bytes()); }
    `));

  it('leaves wire protocols that mandate a digest of user name and password (PostgreSQL md5, HTTP Digest)', () =>
    checkRule(RULE, `
      fn md5_hash(username: &[u8], password: &[u8], salt: [u8; 4]) -> String {
          let mut md5 = Md5::new();
          md5.update(password);
          md5.update(username);
          format!("md5{:x}", md5.finalize())
      }
    `));

  it('exempts test code', () =>
    checkRule(RULE, `
      #[test]
      fn t() { Sha256::digest(password); }
    `));
});
