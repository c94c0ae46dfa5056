//! The same examples as a library, whose public API the rules about exported fns (missing_errors_doc,
//! unit_error_type, string_error_type) look at, as clippy does: in a binary nothing is exported.

pub mod async_unsafe;
pub mod auth_sessions;
pub mod collections_security;
pub mod errors;
pub mod ownership;
