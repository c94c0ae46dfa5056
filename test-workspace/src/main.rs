//! Examples for manual testing: each module shows one group of the guide's anti-patterns.

mod async_unsafe;
mod auth_sessions;
mod collections_security;
mod errors;
mod ownership;

fn main() {
    let port = std::env::var("PORT").unwrap();
    println!("listening on {port}");
}
