import { checkRule } from '../support/checkRule';

const RULE = 'permissive_cors';

describe(RULE, () => {
  it("flags tower-http's and actix-cors's allow-everything constructors", () =>
    checkRule(RULE, `
      use tower_http::cors::CorsLayer;
      fn app(router: Router) -> Router {
          router.layer(CorsLayer::permissive())
                     //^^^^^^^^^^^^^^^^^^^^^^^ \`CorsLayer::permissive()\` lets every origin call this API
      }
      fn lax() -> CorsLayer { tower_http::cors::CorsLayer::very_permissive() }
                            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ echoes back whatever origin asks and allows credentials
      fn actix() -> actix_cors::Cors { actix_cors::Cors::permissive() }
                                     //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ \`actix_cors::Cors::permissive()\` echoes back whatever origin
    `));

  it('flags any origin combined with credentials in one builder chain, on the credentials call', () =>
    checkRule(RULE, `
      fn cors() -> CorsLayer {
          CorsLayer::new()
              .allow_origin(AllowOrigin::mirror_request())
              .allow_methods(Any)
              .allow_credentials(true)
            //^^^^^^^^^^^^^^^^^^^^^^^^ Any origin (\`allow_origin(AllowOrigin::mirror_request())\`) with credentials
      }
      fn actix() -> Cors {
          Cors::default().allow_any_origin().supports_credentials().max_age(3600)
                                          //^^^^^^^^^^^^^^^^^^^^^^^ Any origin (\`allow_any_origin()\`) with credentials
      }
    `));

  it('leaves listed origins, any origin without credentials, wildcard answers and development-only branches alone', () =>
    checkRule(RULE, `
      fn cors(origins: Vec<HeaderValue>, config: &Config) -> CorsLayer {
          let listed = CorsLayer::new().allow_origin(origins).allow_credentials(true);
          let public = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET]);
          let wildcard = Cors::default().allow_any_origin().send_wildcard().supports_credentials();
          if cfg!(debug_assertions) { CorsLayer::permissive() } else { listed }
      }
      fn by_mode(config: &Config) -> CorsLayer {
          if config.dev_mode {
              return CorsLayer::permissive();
          }
          match config.env {
              Env::Development => CorsLayer::very_permissive(),
              Env::Production => CorsLayer::new(),
          }
      }
      #[cfg(test)]
      mod tests {
          fn app() -> CorsLayer { CorsLayer::permissive() }
      }
    `));
});
