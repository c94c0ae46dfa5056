#!/usr/bin/env bash
# Installs what the tests need beyond npm: Rust crate sources from Debian (for compile checks of
# fixes and snippets) and the real-Rust corpus. Idempotent; quiet when everything is present.
set -euo pipefail
packages=(rust-src librust-tokio-dev librust-hyper-dev librust-reqwest-dev librust-serde-dev librust-h2-dev
  librust-tower-dev librust-rayon-dev librust-clap-dev librust-tokio-postgres-dev librust-rusqlite-dev
  # compiled snippets (test/unit/snippets.test.ts)
  librust-rand-dev librust-tracing-dev librust-thiserror-dev librust-anyhow-dev librust-hmac-dev librust-sha2-dev
  librust-hex-dev librust-subtle-dev librust-rust-decimal-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup-test-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v rustc >/dev/null || { echo "setup-test-deps: rustc is required (rustup or apt-get install rustc)" >&2; exit 1; }
