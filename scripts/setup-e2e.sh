#!/usr/bin/env bash
# Installs what the end-to-end suites need: Debian's chromium (driven by playwright-core), neovim
# (a real LSP client), ripgrep and libkrb5-dev (for code-server's install), and code-server itself,
# a complete VS Code workbench, into .e2e-cache/ (ignored by git). Idempotent; quiet and fast when
# everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3 # the newest code-server that runs on Node 20
RIPGREP_PACKAGE_VERSION=1.15.11 # the @vscode/ripgrep that code-server's VS Code pins
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

bash scripts/apt-install-missing.sh chromium neovim ripgrep libkrb5-dev

prefix=".e2e-cache/code-server-$CODE_SERVER_VERSION"
if [ -f "$prefix/.installed" ]; then exit 0; fi

echo "setup-e2e: installing code-server@$CODE_SERVER_VERSION into $prefix (about a minute)"
rm -rf "$prefix"
mkdir -p "$prefix"
echo '{ "private": true }' >"$prefix/package.json"
# @vscode/ripgrep downloads rg from GitHub at install, which these machines cannot reach; it first
# looks in $TMPDIR/vscode-ripgrep-cache-<version>/, so put Debian's rg there as that asset.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION" "$tmp/rg"
cp "$(command -v rg)" "$tmp/rg/rg"
tar czf "$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION/$RIPGREP_ASSET" -C "$tmp/rg" rg
# As root the postinstall needs unsafe-perm; it also runs npx, which must not prompt.
(
  cd "$prefix"
  TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$tmp/install.log" 2>&1
) || { tail -n 60 "$tmp/install.log" >&2; echo "setup-e2e: code-server install failed" >&2; exit 1; }
test -x "$prefix/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
touch "$prefix/.installed"
echo "setup-e2e: code-server ready"
