#!/usr/bin/env bash
# Installs what building and testing Kinesis Sandbox needs, pinned, from the package registries
# only (crates.io, npm, Debian). Idempotent: a tool already at the right version is left alone.
#   scripts/install-tools.sh            build tools (wasm32 target, wasm-bindgen-cli, wasm-split-cli, npm)
#   scripts/install-tools.sh --browser  also Chromium and ChromeDriver for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_SPLIT_VERSION=0.2.4
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, or the build and the test runner fail.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The splitter that cuts the site's wasm at its #[wasm_split] points (scripts/build.mjs). It
# prints no version, so cargo's own record of installed crates is asked.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "Installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file names a webpki-roots release the registry may not have yet.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# binaryen's wasm-opt (for release builds) and Playwright, at the versions in package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages (binaryen, Playwright)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "Installing Chromium and ChromeDriver from Debian"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
  fi
fi
