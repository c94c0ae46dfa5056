import { checkRule } from '../support/checkRule';

const RULE = 'long_lived_access_token';

describe(RULE, () => {
  it('flags an exp claim days or many hours ahead, through lets and constants', () =>
    checkRule(RULE, `
      const TOKEN_TTL_HOURS: i64 = 24;
      fn issue(user: String) -> Claims {
          Claims { sub: user, exp: (Utc::now() + Duration::days(30)).timestamp() as usize }
                            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`exp\` is 30 days away
      }
      fn login(user: String) -> String {
          let expiration = Utc::now() + chrono::Duration::hours(TOKEN_TTL_HOURS);
          let claims = JwtClaims { sub: user, exp: expiration.timestamp() };
                                            //^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`exp\` is 1 day away
          encode(&Header::default(), &claims, &key).unwrap()
      }
      fn token(now: u64) -> TokenClaims {
          let exp = now + 60 * 60 * 24 * 7;
          TokenClaims { exp, iat: now }
                      //^^^ \`exp\` is 7 days away
      }
    `));

  it('leaves short lifetimes, refresh and other non-access tokens, other exp fields and configured lifetimes alone', () =>
    checkRule(RULE, `
      fn access(user: String, config: &Config) -> Claims {
          let short = Claims { sub: user.clone(), exp: (Utc::now() + Duration::minutes(15)).timestamp() };
          let hour = Claims { sub: user.clone(), exp: now() + 3600 };
          let configured = Claims { sub: user, exp: (Utc::now() + config.access_ttl).timestamp() };
          short
      }
      fn refresh_token(user: String) -> Claims {
          Claims { sub: user, exp: (Utc::now() + Duration::days(30)).timestamp() }
      }
      fn issue(user: String) -> (Claims, Claims) {
          let refresh_claims = Claims { sub: user.clone(), exp: (Utc::now() + Duration::days(30)).timestamp() };
          let typed = Claims { sub: user.clone(), token_type: TokenType::Refresh, exp: (Utc::now() + Duration::days(7)).timestamp() };
          let invite = InviteClaims { sub: user, exp: (Utc::now() + Duration::days(7)).timestamp() };
          (refresh_claims, typed)
      }
      fn math() -> Float { Float { mantissa: 1, exp: 86400 + 1 } }
    `));
});
