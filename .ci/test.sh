#!/usr/bin/env bash
# Installs what the tests need on Debian/Ubuntu, then runs every test.
#
#   bash .ci/test.sh
#
# Plain `cargo test` runs the tests that need only Rust; the ones that need
# Java (the W3C Nu HTML Checker), Chromium (axe-core, check --render; python3
# serves pages to it) or a real terminal, SSH
# or X server (the clipboard: tmux, sshd, screen, Xvfb, xclip), or a web server
# and proxy (check URL: nginx, tinyproxy, openssl) are #[ignore]d
# there and run here with --include-ignored, so nothing is skipped silently.
# The .deb is built before the tests (packaging/build-deb.sh) and installed,
# used and removed after them (.ci/deb.sh). Last, every fuzz corpus is
# replayed once (fuzz/replay.sh; cargo-fuzz is installed when missing).
#
# Works with Debian 12's own Node 18 (axe-core needs no Node package beyond
# itself: tests/axe.js drives Chromium over its DevTools pipe). System
# packages are installed without their recommends. The tests must leave
# nothing in ~ or /tmp: what is there after them and was not before fails
# the run, listed.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages, installed only when missing.
packages=()
command -v java >/dev/null || packages+=(default-jre-headless)
command -v npm >/dev/null || packages+=(npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
# Chromium's fonts come with its recommends; one font family is enough.
[ -d /usr/share/fonts/truetype/dejavu ] || packages+=(fonts-dejavu-core)
command -v python3 >/dev/null || packages+=(python3)  # a web server for check --render
command -v tmux >/dev/null || packages+=(tmux)
command -v pgrep >/dev/null || packages+=(procps)
command -v screen >/dev/null || packages+=(screen)
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)
command -v Xvfb >/dev/null || packages+=(xvfb)
command -v xclip >/dev/null || packages+=(xclip)
command -v dpkg-shlibdeps >/dev/null || packages+=(dpkg-dev)      # the .deb's Depends
command -v man >/dev/null || packages+=(man-db)
[ -f /usr/share/bash-completion/bash_completion ] || packages+=(bash-completion)
[ -x /usr/sbin/nginx ] || packages+=(nginx-light)
command -v tinyproxy >/dev/null || packages+=(tinyproxy)
command -v openssl >/dev/null || packages+=(openssl)
if [ ${#packages[@]} -gt 0 ]; then
  echo "== installing ${packages[*]}"
  as_root apt-get update -qq
  # -XX:-UsePerfData: Java's trust-store trigger (ca-certificates-java) would
  # otherwise leave /tmp/hsperfdata_root behind.
  as_root env DEBIAN_FRONTEND=noninteractive JAVA_TOOL_OPTIONS=-XX:-UsePerfData \
    apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

# npm packages pinned in package.json / package-lock.json.
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
  || [ ! -f node_modules/axe-core/axe.min.js ]; then
  echo "== npm install"
  # vnu-jar's postinstall runs `java -version` (to see whether it must fetch
  # a Java of its own): without the flag that too leaves /tmp/hsperfdata_root.
  JAVA_TOOL_OPTIONS=-XX:-UsePerfData npm install --no-audit --no-fund --loglevel=error
fi

# In a temporary directory of their own: a build script in one of their
# locked dependencies (cargo-mutants' rustix 1.1.2) writes a file straight
# into $TMPDIR.
tools_tmp=$(mktemp -d)
tools() { TMPDIR="$tools_tmp" cargo install --locked "$@"; }
command -v cargo-deb >/dev/null || tools cargo-deb
command -v cargo-fuzz >/dev/null || tools cargo-fuzz
command -v cargo-mutants >/dev/null || tools cargo-mutants --version '^27'
rm -rf "$tools_tmp"

# What is in ~ and /tmp now; the tests may add nothing to either.
leftovers() { for d in "$HOME" /tmp; do ls -A "$d" | sed "s|^|$d/|"; done | sort; }
before=$(leftovers)

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
# The .deb is built before the tests (packaging:: reads its content list) and
# installed and removed after them (.ci/deb.sh). It is a release build with
# fat LTO, as shipped: about 2 to 3 minutes on 2 cores, which the 25-minute
# budget allows; a faster profile would test a package nobody installs.
echo "== the .deb (packaging/build-deb.sh)"
deb=$(bash packaging/build-deb.sh)
echo "$deb"
echo "== cargo test (including the tests that need Java, Chromium, tmux, sshd, screen and Xvfb)"
# The two tests that compare with the guide file itself run only where it
# is (beside the project, as in CI, or at CEOP_GUIDE); a fresh clone relies
# on the pinned digests and is told the comparison did not run.
guide_tests=(official_texts::official_texts_equal_the_guide_file
  guide_words::every_listed_statement_is_word_for_word_in_the_guide)
skip=(); for t in "${guide_tests[@]}"; do skip+=(--skip "$t"); done
CI=true cargo test -- --include-ignored "${skip[@]}"
guide="${CEOP_GUIDE:-../shared/seed/000_0d0c87fde9bd67cf.txt}"
if [ -f "$guide" ]; then
  echo "== the official texts and listed statements against the guide file ($guide)"
  CEOP_GUIDE="$(realpath "$guide")" CI=true cargo test --test integration -- --ignored --exact "${guide_tests[@]}"
else
  echo "NOT RUN: the comparison with the guide file ($guide is absent; set CEOP_GUIDE to run it)"
fi
echo "== install, use and remove the .deb"
bash .ci/deb.sh "$deb"
echo "== fuzz corpus replay"
cargo fmt --check --manifest-path fuzz/Cargo.toml
bash fuzz/replay.sh

# ---- Mutation testing of this change (scripts/mutants.sh; README "Mutation testing") ----
# Kept as one block at the end so it merges cleanly with other edits above.
# Runs the mutants in the core's lines changed by the last
# commit (since HEAD^, or CEOP_MUTANTS_BASE), in this checkout, reusing the target/
# built above. About 15 to 30 s a mutant on 2 cores, so at most 8 are tested
# here (2 to 4 minutes, within the 25-minute limit); a larger change is
# reported as NOT TESTED with the command to run before merging. A missed
# mutant fails the run.
echo "== mutation testing of the change"
mutants_base="${CEOP_MUTANTS_BASE:-HEAD^}"
if git rev-parse --verify --quiet "$mutants_base^{commit}" >/dev/null; then
  MUTANTS_IN_PLACE=1 MUTANTS_TIMEOUT=30 MUTANTS_MAX=8 bash scripts/mutants.sh --diff "$mutants_base"
else
  echo "NOT TESTED: no commit $mutants_base to compare with (a shallow clone?)"
fi

echo "== nothing left in ~ or /tmp"
left=$(comm -13 <(echo "$before") <(leftovers))
if [ -n "$left" ]; then
  echo "the tests left these behind:" >&2
  echo "$left" >&2
  exit 1
fi
echo "ok"
