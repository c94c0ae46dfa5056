//! A library whose manifest asks for more of tokio than it uses.

/// How many requests a client may still send in this window.
pub fn remaining(limit: u32, used: u32) -> u32 {
    limit.saturating_sub(used)
}

/// The limit a header asks for, if it names one.
pub fn requested(header: Option<&str>) -> Option<u32> {
    let Some(value) = header else {
        return None;
    };
    value.trim().parse().ok()
}
