//! A library whose manifest asks for more of tokio than it uses.

/// How many requests a client may still send in this window.
pub fn remaining(limit: u32, used: u32) -> u32 {
    limit.saturating_sub(used)
}
