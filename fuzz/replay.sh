#!/usr/bin/env bash
# Replays each fuzz target's corpus once, without fuzzing: the regression
# check CI runs. Builds the targets without a sanitizer (stable toolchain),
# runs every input in fuzz/corpus/T/ with -runs=0, and exits non-zero if any
# input crashes (libFuzzer saves it under fuzz/artifacts/T/).
#
#   bash fuzz/replay.sh              # every target `cargo fuzz list` names
#   bash fuzz/replay.sh render       # only these
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). The build is a dev
# build with optimisations off: it compiles in a fraction of the release
# time, and replaying a corpus does not need speed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

build=(-s none --dev)
echo "== building fuzz targets: ${targets[*]}"
if [ $# -gt 0 ]; then
  for t in "${targets[@]}"; do cargo fuzz build "${build[@]}" "$t"; done
else
  cargo fuzz build "${build[@]}"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=()
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  if [ ! -d "$corpus" ]; then
    echo "== $t: no corpus at $corpus" >&2
    failed+=("$t")
    continue
  fi
  echo "== replaying $t ($(find "$corpus" -type f | wc -l) inputs)"
  if ! cargo fuzz run "${build[@]}" "$t" "$corpus" -- -runs=0 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    failed+=("$t")
  else
    grep -E 'INFO: seed corpus|^Done' "$log" || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "== fuzz replay failed: ${failed[*]}" >&2
  exit 1
fi
echo "== fuzz replay: every corpus input passes"
