//! Error handling: unwrap in production code, next to the test code that may unwrap.

pub fn read_config(path: &str) -> String {
    std::fs::read_to_string(path).expect("config file exists")
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads() {
        let cfg = std::fs::read_to_string("Cargo.toml").unwrap();
        assert!(!cfg.is_empty());
    }
}
