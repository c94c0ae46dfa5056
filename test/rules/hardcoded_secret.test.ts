import * as assert from 'assert';
import { checkRule } from '../support/checkRule';
import { lint } from '../support/engine';

const RULE = 'hardcoded_secret';

describe(RULE, () => {
  it('flags a secret-named binding holding a literal value, on the literal', async () => {
    await checkRule(RULE, `
      const API_KEY: &str = "a8f5f167f44f4964e6c998dee827110c";
                          //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`API_KEY\` is set to a hard-coded secret (\`a8f5…\`)
    `);
    await checkRule(RULE, `
      pub static JWT_SECRET: &[u8] = b"k9Xq2mWv8Rt4";
                                   //^^^^^^^^^^^^^^^ \`JWT_SECRET\` is set to a hard-coded secret (\`k9Xq…\`)
    `);
    await checkRule(RULE, `
      fn f() { let db_password = "hunter22"; }
                               //^^^^^^^^^^ \`db_password\` is set to a hard-coded secret (\`hu…\`)
    `);
    await checkRule(RULE, `
      fn f() -> Config { Config { user: "app".into(), password: "s3cr3t-Pa55".to_string() } }
                                                              //^^^^^^^^^^^^^ \`password\` is set to a hard-coded secret (\`s3cr…\`)
    `);
    await checkRule(RULE, `
      const stripeApiKey: &str = "rk_test_51Hx8Y2eZvKYlo2C";
                               //^^^^^^^^^^^^^^^^^^^^^^^^^^ \`stripeApiKey\` is set to a hard-coded secret (\`rk_t…\`)
    `);
    await checkRule(RULE, `
      fn f() { let private_key = String::from("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"); }
                                            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`private_key\` is set to a hard-coded secret (\`MIIE…\`)
    `);
    await checkRule(RULE, `
      fn f() { let cfg = Config::new().user("app").password("s3cr3t-Pa55").dbname("shop"); }
                                                          //^^^^^^^^^^^^^ \`.password(…)\` is given a hard-coded secret (\`s3cr…\`)
    `);
    await checkRule(RULE, `
      fn f(c: &mut Client) { c.set_api_key("a8f5f167f44f4964e6c998dee827110c"); }
                                         //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`.set_api_key(…)\` is given a hard-coded secret (\`a8f5…\`)
    `);
  });

  it('leaves a secret scanner\'s test vectors (a sample beside its detecting pattern) and versioned prefix names alone', () =>
    checkRule(RULE, `
      static SECRET_PATTERNS: &[(&str, &str, TestValue)] = &[
          ("GitHub PAT", "ghp_[a-zA-Z0-9]{36}", TestValue::Single("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")),
          ("Slack bot", "xoxb-[0-9]{11}-[0-9]{11}-[0-9a-zA-Z]{24}", TestValue::Multiple(&["xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"])),
      ];
      const AUTOCONFIG_TOKEN_PREFIX_V1: &str = "auto_v1_";
      const FALLBACK: (&str, &str) = ("GitHub PAT", "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");
                                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ has the shape of a live credential
      const API_TOKEN_V2: &str = "c2VjcmV0LXRva2VuLTE5ODQ";
                               //^^^^^^^^^^^^^^^^^^^^^^^^^ is set to a hard-coded secret
    `));

  it('flags a JWT signing key built from a literal, whatever the literal holds', () =>
    checkRule(RULE, `
      use jsonwebtoken::{DecodingKey, EncodingKey};
      fn keys() -> (EncodingKey, DecodingKey) {
          let enc = EncodingKey::from_secret(b"secret");
                                           //^^^^^^^^^ \`EncodingKey::from_secret(…)\` is given a signing secret written in the source
          let dec = jsonwebtoken::DecodingKey::from_secret("my-jwt-key".as_bytes());
                                                         //^^^^^^^^^^^^ anyone with the code or the binary can mint valid tokens
          (enc, dec)
      }
      fn from_env(secret: &str) -> EncodingKey {
          let unused = DecodingKey::from_secret(&[]);
          EncodingKey::from_secret(secret.as_bytes())
      }
    `));

  it('does not echo the secret in the message', async () => {
    await checkRule(RULE, `
      const API_TOKEN: &str = "a8f5f167f44f4964e6c998dee827110c";
                            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`API_TOKEN\` is set to a hard-coded secret (\`a8f5…\`)
    `);
    const [f] = await lint('const API_TOKEN: &str = "a8f5f167f44f4964e6c998dee827110c";', RULE);
    assert.ok(!f.message.includes('f44f4964'));
  });

  it('flags live-key shapes wherever they appear', async () => {
    await checkRule(RULE, `
      fn f() { stripe::Client::new("sk_live_4eC39HqLyjWDarjtT1zdp7dc"); }
                                 //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`sk_l…\` has the shape of a live credential
    `);
    await checkRule(RULE, `
      const ID: &str = "AKIAZ7VRSQ5TLM3XKQ2P";
                     //^^^^^^^^^^^^^^^^^^^^^^ \`AKIA…\` has the shape of a live credential
    `);
    await checkRule(RULE, `
      fn f() { gh(format!("token {}", "ghp_16C7e42F292c6912E7710c838347Ae178B4a")); }
                                    //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`ghp_…\` has the shape of a live credential
    `);
    await checkRule(RULE, `
      const K: &str = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----";
                    //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`----…\` has the shape of a live credential
    `);
  });

  it('leaves names, locations and stand-ins of secrets alone', async () => {
    await checkRule(RULE, `
      fn f() {
          const TOKEN_HEADER: &str = "Authorization";
          const API_KEY: &str = "x-api-key";
          let token = "Bearer";
          const PASSWORD_ENV: &str = "DB_PASSWORD";
          const API_KEY: &str = "STRIPE_API_KEY";
          let secret = std::env::var("JWT_SECRET")?;
          const SECRET_PATH: &str = "/run/secrets/db_password";
          const PRIVATE_KEY: &str = "certs/server-2024.pem";
          const TOKEN_URL: &str = "https://oauth2.googleapis.com/token";
          const PASSWORD_MIN_LEN: &str = "12";
          let password = "";
          let password = "<your-password-here>";
          let api_key = "changeme123";
          let api_key = "xxxxxxxxxxxxxxxx";
          let err = "Invalid password";
          let password_prompt = "Password: ";
          const TOKEN: &str = "$serde_json::private::Number";
          const szOID_USER_PASSWORD: &str = "2.5.4.35";
          const AWS_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
          if !pem.starts_with("-----BEGIN PRIVATE KEY-----") {}
          let user_name = "admin2024";
          cfg.password(&std::env::var("DB_PASSWORD")?);
          cfg.password("pass");
          cfg.password_file("/run/secrets/db");
          headers.insert("x-api-key", key);
      }
    `);
  });

  it('leaves keys made to ship inside clients (analytics write keys, publishable keys), not the secret beside them', () =>
    checkRule(RULE, `
      const SEGMENT_API_KEY: &str = "P3FWhhEsJiEDCu9HpmcN1DHcK4hVfBvb";
      const MIXPANEL_TOKEN: &str = "3b5a8c1f9e2d47a6b0c4e8f1a2d3c4b5";
      const STRIPE_PUBLISHABLE_KEY: &str = "pk_live_51Hx8b2Kq9ZpT4mNw7";
      const STRIPE_SECRET_KEY: &str = "51Hx8b2Kq9ZpT4mNw7aQ3rS";
                                    //^^^^^^^^^^^^^^^^^^^^^^^^^ hard-coded secret
    `));

  it('exempts test code, where fake secrets belong', async () => {
    await checkRule(RULE, `
      #[test]
      fn t() { let password = "hunter22"; }
    `);
    await checkRule(RULE, `
      const API_KEY: &str = "a8f5f167f44f4964e6c998dee827110c";
    `, { path: 'tests/api.rs' });
  });
});
