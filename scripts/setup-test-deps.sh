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

# clippy's UI tests (test/unit/clippyUi.test.ts re-measures scripts/clippy-agreement.mjs against them):
# only tests/ui and tests/ui-toml of the pinned rust-web-src, about 17 MB, unpacked once into .test-cache/.
CLIPPY_SRC=rust-web-src=1.96.0+dfsg1-1~deb12u2
CLIPPY_DIR="$(dirname "$0")/../.test-cache/clippy-1.96.0"
if [ ! -d "$CLIPPY_DIR/tests/ui" ]; then
  tmp="$(mktemp -d)"
  # As root, apt fetches as _apt, which cannot write to a private temporary directory.
  sandbox=(); [ "$(id -u)" != 0 ] || sandbox=(-o APT::Sandbox::User=root)
  (cd "$tmp" && apt-get download -qq "${sandbox[@]}" "$CLIPPY_SRC") || { echo "setup-test-deps: cannot download $CLIPPY_SRC (apt-get update?)" >&2; exit 1; }
  mkdir -p "$tmp/x"
  dpkg-deb --fsys-tarfile "$tmp"/rust-web-src_*.deb | tar -x -C "$tmp/x" --wildcards './usr/src/rustc-*/src/tools/clippy/tests/ui/*' './usr/src/rustc-*/src/tools/clippy/tests/ui-toml/*'
  mkdir -p "$CLIPPY_DIR"
  mv "$tmp"/x/usr/src/rustc-*/src/tools/clippy/tests "$CLIPPY_DIR/"
  rm -rf "$tmp"
fi
