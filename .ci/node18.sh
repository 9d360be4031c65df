#!/usr/bin/env bash
# Runs the axe-core test under stock Debian 12's Node 18 on a machine with
# another Node, without installing anything: the .debs are downloaded and
# unpacked into a temporary directory that is removed afterwards.
#
#   bash .ci/node18.sh          # as root (a private mount namespace)
#
# Debian's node also needs libuv1 and libc-ares2, and loads three of its
# built-in modules from /usr/share/nodejs (node-acorn, node-cjs-module-lexer,
# node-undici); that directory is laid over /usr/share only inside the
# namespace, so the system never sees it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo test --quiet --test integration --no-run
bin=$(cargo test --test integration --no-run 2>&1 | grep -o 'target/[^ )]*/deps/integration-[0-9a-f]*' | head -1)
# Debian's version (libnode108 exists only there); nodejs may come from elsewhere.
version=$(apt-cache madison libnode108 | awk 'NR == 1 { print $3 }')
(cd "$dir" && apt-get download -qq "nodejs=$version" "libnode108=$version" \
  libuv1 libc-ares2 node-acorn node-cjs-module-lexer node-undici 2>/dev/null)
for deb in "$dir"/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
unshare --mount sh -c '
  set -e
  mount -t overlay overlay -o "lowerdir=$1/root/usr/share:/usr/share" /usr/share
  export LD_LIBRARY_PATH="$1/root/usr/lib/x86_64-linux-gnu" PATH="$1/root/usr/bin:$PATH"
  echo "node $(node --version)"
  "$2" --include-ignored accessibility::
' sh "$dir" "$PWD/$bin"
