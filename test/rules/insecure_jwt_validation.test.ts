import { checkRule } from '../support/checkRule';

const RULE = 'insecure_jwt_validation';

describe(RULE, () => {
  it('flags a Validation that skips the signature or the expiry', () =>
    checkRule(RULE, `
      use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
      fn verify(token: &str, key: &DecodingKey) -> Result<Claims, Error> {
          let mut validation = Validation::new(Algorithm::HS256);
          validation.validate_exp = false;
        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`validate_exp = false\` accepts expired tokens
          let lax = Validation { validate_exp: false, ..Validation::default() };
                               //^^^^^^^^^^^^^^^^^^^ \`validate_exp: false\` accepts expired tokens
          Ok(decode::<Claims>(token, key, &validation)?.claims)
      }
      fn authenticate(token: &str, key: &DecodingKey) -> Result<Claims, Error> {
          let mut validation = Validation::new(Algorithm::HS256);
          validation.insecure_disable_signature_validation();
                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ turns the signature check off
          validation.validate_exp = false;
          Ok(decode::<Claims>(token, key, &validation)?.claims)
      }
    `));

  it('leaves checks turned off on purpose alone: unverified reads, logout hints, test verifiers', () =>
    checkRule(RULE, `
      fn insecure_decode_token(token: &str) -> Result<TokenData<UserInfo>, Error> {
          let mut validation = Validation::new(Algorithm::HS256);
          validation.insecure_disable_signature_validation();
          validation.validate_exp = false;
          decode::<UserInfo>(token, &DecodingKey::from_secret(&[]), &validation)
      }
      fn validate_logout_hint(token: &str, key: &DecodingKey) -> Result<IdTokenClaims, Error> {
          let mut validation = Validation::new(Algorithm::EdDSA);
          validation.validate_exp = false; // an id_token_hint may have expired
          Ok(decode(token, key, &validation)?.claims)
      }
      impl Verifier for SignedTestTokenVerifier {
          fn verify(&self, token: &str) -> Result<Claims, Error> {
              let mut validation = Validation::new(Algorithm::HS256);
              validation.validate_exp = false;
              Ok(decode(token, &self.key, &validation)?.claims)
          }
      }
    `));

  it('leaves expiry checked by hand alone', () =>
    checkRule(RULE, `
      fn tenant_validation() -> Validation {
          let mut v = Validation::default();
          v.validate_exp = false;
          v
      }
      fn check(data: TokenData<Claims>, now: i64) -> Result<(), AuthError> {
          if let Some(exp) = data.claims.exp {
              if now > exp { return Err(AuthError::Expired); }
          }
          Ok(())
      }
    `));

  it('leaves checked validations, optional claims, and test code alone', () =>
    checkRule(RULE, `
      fn validation(jwk: &Jwk) -> Validation {
          let mut v = Validation::new(Algorithm::RS256);
          v.validate_exp = true;
          v.leeway = 30;
          v.set_required_spec_claims(&["exp", "sub"]);
          v.required_spec_claims.remove("exp");
          v.set_audience(&["api"]);
          let by_key = Validation::new(jwk.common.algorithm.unwrap());
          let by_header = Validation::new(jsonwebtoken::decode_header(token)?.alg);
          v
      }
      fn peek(token: &str) -> Uuid {
          jsonwebtoken::dangerous::insecure_decode::<Claims>(token).unwrap().claims.key_id
      }
      #[cfg(test)]
      mod tests {
          fn expired_ok() { let mut v = Validation::default(); v.validate_exp = false; }
      }
    `));
});
