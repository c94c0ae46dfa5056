#!/usr/bin/env bash
# Installs what the tests need beyond npm: Rust crate sources from Debian (for compile checks of
# fixes and snippets) and the real-Rust corpus. Idempotent; quiet when everything is present.
set -euo pipefail
packages=(rust-src librust-tokio-dev librust-hyper-dev librust-reqwest-dev librust-serde-dev librust-h2-dev
  librust-tower-dev librust-rayon-dev librust-clap-dev librust-tokio-postgres-dev librust-rusqlite-dev
  # compiled snippets (test/unit/snippets.test.ts)
  librust-rand-dev librust-tracing-dev librust-thiserror-dev librust-anyhow-dev librust-hmac-dev librust-sha2-dev
  librust-hex-dev librust-subtle-dev librust-rust-decimal-dev
  # the hook definition (test/package/npmPackage.test.ts)
  pre-commit)
bash "$(dirname "$0")/apt-install-missing.sh" "${packages[@]}"
command -v rustc >/dev/null || { echo "setup-test-deps: rustc is required (rustup or apt-get install rustc)" >&2; exit 1; }
