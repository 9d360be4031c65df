#!/usr/bin/env bash
# Builds the Debian package: the release binary, its man pages and shell
# completions (made by the binary itself, from its clap definitions), the
# README and the licences.
#
#   bash packaging/build-deb.sh        # prints the path of the .deb
#
# Needs cargo-deb (`cargo install cargo-deb --locked`). Extra arguments go to
# `cargo deb` (e.g. --output DIR). Nothing generated is committed: it all
# lands under target/release/.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo-deb >/dev/null || {
  echo "cargo-deb is not installed: run \`cargo install cargo-deb --locked\`" >&2
  exit 2
}
out="${CARGO_TARGET_DIR:-target}/release"

cargo build --release --locked --quiet
bin="$out/ceop-onboard"
rm -rf "$out/man" "$out/completions"
"$bin" man-pages "$out/man"
# Debian policy: man pages are gzipped (cargo-deb leaves files under
# target/release/ as they are). -n: no name or time, the same bytes each time.
gzip -9n "$out"/man/*.1
mkdir -p "$out/completions"
"$bin" completions bash >"$out/completions/ceop-onboard.bash"
"$bin" completions zsh >"$out/completions/_ceop-onboard"
"$bin" completions fish >"$out/completions/ceop-onboard.fish"
cargo deb --no-build --locked --quiet "$@"
