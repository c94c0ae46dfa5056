//! Authentication, sessions and CORS for the order service, written the way the guide says not to:
//! every backend rule of these sections fires here at least once. It uses jsonwebtoken, chrono,
//! tower-http and tower-sessions, which are not dependencies of this crate: read it in the editor.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use tower_http::cors::CorsLayer;
use tower_sessions::{MemoryStore, SessionManagerLayer};

#[derive(Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: i64,
}

/// long_lived_access_token: a month-long access token; hardcoded_secret: its key in the source.
///
/// # Errors
/// When the claims cannot be serialised.
pub fn issue_token(user_id: &str) -> jsonwebtoken::errors::Result<String> {
    let claims = Claims { sub: user_id.to_owned(), exp: (Utc::now() + Duration::days(30)).timestamp() };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(b"order-service-jwt-key"))
}

/// insecure_jwt_validation: expired tokens keep working.
///
/// # Errors
/// When the token is malformed or its signature does not match.
pub fn verify_token(token: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false;
    Ok(decode::<Claims>(token, key, &validation)?.claims)
}

/// in_memory_session_state: sessions and login attempts that a second instance never sees.
pub struct SessionState {
    pub sessions: Mutex<HashMap<String, Claims>>,
    pub login_attempts: Mutex<HashMap<String, u32>>,
}

pub fn session_layer() -> SessionManagerLayer<MemoryStore> {
    SessionManagerLayer::new(MemoryStore::default())
}

/// permissive_cors: any web page may call the API.
pub fn cors() -> CorsLayer {
    CorsLayer::permissive()
}

/// unchecked_money_arithmetic: the guide's discount larger than the price.
pub fn apply_discount(price: u32, discount: u32) -> u32 {
    price - discount
}
