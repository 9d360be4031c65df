#!/usr/bin/env bash
# Installs what the tests need on Debian/Ubuntu, then runs every test.
#
#   bash .ci/test.sh
#
# Plain `cargo test` runs the tests that need only Rust; the ones that need
# Java (the W3C Nu HTML Checker), Chromium (axe-core, check --render; python3
# serves pages to it) or a real terminal, SSH
# or X server (the clipboard: tmux, sshd, screen, Xvfb, xclip) are #[ignore]d
# there and run here with --include-ignored, so nothing is skipped silently. Last,
# every fuzz corpus is replayed once (fuzz/replay.sh; cargo-fuzz is
# installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages, installed only when missing.
packages=()
command -v java >/dev/null || packages+=(default-jre-headless)
command -v npm >/dev/null || packages+=(npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v python3 >/dev/null || packages+=(python3)  # a web server for check --render
command -v tmux >/dev/null || packages+=(tmux)
command -v pgrep >/dev/null || packages+=(procps)
command -v screen >/dev/null || packages+=(screen)
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)
command -v Xvfb >/dev/null || packages+=(xvfb)
command -v xclip >/dev/null || packages+=(xclip)
if [ ${#packages[@]} -gt 0 ]; then
  echo "== installing ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
fi

# npm packages pinned in package.json / package-lock.json.
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
  || [ ! -f node_modules/axe-core/axe.min.js ] \
  || [ ! -f node_modules/playwright-core/package.json ]; then
  echo "== npm install"
  npm install --no-audit --no-fund --loglevel=error
fi

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo test (including the tests that need Java, Chromium, tmux, sshd, screen and Xvfb)"
CI=true cargo test -- --include-ignored
echo "== fuzz corpus replay"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo fmt --check --manifest-path fuzz/Cargo.toml
bash fuzz/replay.sh
