#!/usr/bin/env bash
# Mutation testing of the pure core with cargo-mutants (https://mutants.rs):
# puts one plausible bug at a time into the code and runs the tests; a
# mutant the tests do not catch ("missed") is a behaviour no test pins.
#
#   scripts/mutants.sh                every mutant in the core (hours on 2 cores)
#   scripts/mutants.sh --diff BASE    only the mutants in lines changed since BASE
#   scripts/mutants.sh --shard 2/8    the second of eight slices (for long runs)
#   scripts/mutants.sh --list         list the mutants, run nothing
#   scripts/mutants.sh [...] -- ARGS  more cargo-mutants arguments, e.g. -F 'escape_html'
#
# Environment:
#   MUTANTS_JOBS=1      parallel builds; each is a copy of the tree and its own target/
#   MUTANTS_TIMEOUT=60  seconds for one test run; the suite takes about 10 s, and a
#                       mutant that loops for ever (a step index stuck at 0) times out
#   MUTANTS_IN_PLACE=1  mutate this checkout itself, reusing its target/ (CI: a fresh
#                       clone nothing else writes; a mutant left by a killed run is
#                       undone with `git checkout src`)
#   MUTANTS_MAX=N       with --diff: when more than N mutants are in the diff, say so
#                       and test none (CI's time limit; run them locally instead)
#
# Exit status: 0 when no mutant was missed (a timeout counts as caught: the
# tests noticed), 2 when one was (listed in target/mutants/mutants.out/missed.txt),
# and cargo-mutants' own status for anything else (4: the tests fail without
# any mutant; 5, 6: the diff does not fit this tree).
#
# Mutants that no test can catch because they do not change behaviour are
# listed, each with its reason, in .cargo/mutants.toml (`exclude_re`).
set -euo pipefail
cd "$(dirname "$0")/.."

# The pure core (SPEC: answers and their validation, flow, eligibility,
# render and its escapers, output, session and resume, the clipboard's method
# choice, `check`'s judging and fixing), as globs that still match when a
# module is split into a directory.
core=(
  'src/answers.rs' 'src/answers/**'
  'src/flow.rs' 'src/flow/**'
  'src/eligibility.rs' 'src/eligibility/**'
  'src/render.rs' 'src/render/**' 'src/escape.rs' 'src/gate.rs'
  'src/output.rs' 'src/output/**' 'src/fsio/**'
  'src/verdict.rs'
  'src/session.rs' 'src/wizard.rs' 'src/wizard/**'
  'src/clipboard.rs' 'src/clipboard/**'
  'src/audit/**'
)

# Not the pure core: driving Chromium and talking to web servers, reached
# only by the #[ignore]d tests with a real browser and real servers (run by
# .ci/test.sh), like the clipboard's I/O in .cargo/mutants.toml.
io=(
  'src/audit/render/browser.rs'
  'src/audit/web/client.rs' 'src/audit/web/crawl.rs'
)

diff_base="" shard="" list=false extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --diff) diff_base="${2:?--diff needs a base revision}"; shift 2 ;;
    --shard) shard="${2:?--shard needs K/N}"; shift 2 ;;
    --list) list=true; shift ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/mutants.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
  exit 1
fi

out=target/mutants
mkdir -p "$out"
args=(--no-shuffle --output "$out" --timeout "${MUTANTS_TIMEOUT:-60}" --build-timeout 600)
for glob in "${core[@]}"; do args+=(--file "$glob"); done
for glob in "${io[@]}"; do args+=(--exclude "$glob"); done
[ -n "$shard" ] && args+=(--shard "$shard")
if [ "${MUTANTS_IN_PLACE:-0}" = 1 ]; then
  args+=(--in-place)
else
  args+=(--jobs "${MUTANTS_JOBS:-1}")
fi
if [ -n "$diff_base" ]; then
  git rev-parse --verify --quiet "$diff_base^{commit}" >/dev/null || {
    echo "scripts/mutants.sh: $diff_base is not a commit here" >&2
    exit 1
  }
  # Only files under src/: a diff of the tests alone has no mutants.
  git diff "$diff_base" -- src >"$out/changes.diff"
  if [ ! -s "$out/changes.diff" ]; then
    echo "== no change under src/ since $diff_base: no mutants to test"
    exit 0
  fi
  args+=(--in-diff "$out/changes.diff")
fi
args+=("${extra[@]}")

if $list; then
  exec cargo mutants --list "${args[@]}"
fi

if [ -n "$diff_base" ]; then
  listed=$(cargo mutants --list "${args[@]}") || {
    status=$?
    echo "scripts/mutants.sh: cargo mutants --list failed ($status)" >&2
    exit "$status"
  }
  count=$(printf '%s' "$listed" | grep -c . || true)
  echo "== $count mutants in the core's lines changed since $diff_base"
  [ "$count" -eq 0 ] && exit 0
  if [ -n "${MUTANTS_MAX:-}" ] && [ "$count" -gt "$MUTANTS_MAX" ]; then
    echo "NOT TESTED: $count mutants are more than this run's limit of $MUTANTS_MAX."
    echo "  Test them before merging: scripts/mutants.sh --diff $diff_base"
    exit 0
  fi
fi

# Every non-ignored test: the library's, the binary's and the integration tests.
status=0
cargo mutants "${args[@]}" -- --tests || status=$?
missed="$out/mutants.out/missed.txt"
timeouts="$out/mutants.out/timeout.txt"
if [ -s "$timeouts" ]; then
  echo "== timed out (counted as caught: the tests did not pass):"
  cat "$timeouts"
fi
if [ -s "$missed" ]; then
  echo "== MISSED: kill each with a test, or list it in .cargo/mutants.toml with why it is equivalent:"
  cat "$missed"
  exit 2
fi
case "$status" in
  0 | 2 | 3) exit 0 ;;
  *) exit "$status" ;;
esac
