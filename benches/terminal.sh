#!/usr/bin/env bash
# Measures the release binary in a real pseudo-terminal (util-linux `script`,
# 80×24, TERM=xterm-256color), beside `whiptail --menu` on a screen of the
# same size, and prints the figures side by side with their ratios:
#
#   - first frame: from start to the end of the first complete frame
#     (median of $RUNS starts of each, alternated);
#   - bytes per navigation keystroke (median over a scripted walk), the
#     write calls they took (the same walk again under strace, slower),
#     and idle output;
#   - peak RSS over the walk (/usr/bin/time -v);
#   - `generate` wall time (hyperfine, or a loop without it);
#   - the stripped release binary's size.
#
#   bash benches/terminal.sh            # RUNS=20 bash benches/terminal.sh
#
# Needs: script (bsdutils), whiptail, time, strace, python3; hyperfine is
# optional (apt-get install -y whiptail time strace hyperfine). Not part of .ci/test.sh:
# speed is measured here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
GAP=${GAP:-0.3}  # seconds between keystrokes, as a brisk person types

need() {
  command -v "$1" >/dev/null || {
    echo "benches/terminal.sh: $1 is missing: apt-get install -y $2" >&2
    exit 2
  }
}
need script bsdutils
need whiptail whiptail
need python3 python3
need strace strace
[ -x /usr/bin/time ] || { echo "benches/terminal.sh: /usr/bin/time is missing: apt-get install -y time" >&2; exit 2; }

cargo build --release --quiet
BIN=$PWD/target/release/ceop-onboard
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

export TERM=xterm-256color LANG=C.UTF-8
unset NO_COLOR ACCESSIBLE TMUX STY

# The comparable whiptail screen: a menu of nine choices at 80×24.
WHIPTAIL=(whiptail --title "Your organisation" --menu "What kind of organisation is it?" 24 80 9
  school "School, college or academy"
  online "Online service (website, app or platform for young people)"
  youth "Youth or children's organisation (club, scout group, charity)"
  public "Public service (police, health, local authority)"
  other "Something else"
  parent "Parents' or families' group"
  library "Library or museum"
  sport "Sports club"
  faith "Faith group")

UP=$'\e[A' DOWN=$'\e[B' RIGHT=$'\e[C' LEFT=$'\e[D' ENTER=$'\r' SPACE=' ' ESC=$'\e' CTRL_C=$'\x03'

# The keystrokes of a walk, as "label bytes" lines: navigation keys are
# labelled nav:*, others are sent but not counted.
ceop_walk() {
  k() { printf '%s\t%s\n' "$1" "$2"; }
  k step "$ENTER"                                          # welcome → guidance
  k nav:scroll "$DOWN"; k nav:scroll "$UP"
  for _ in 1 2 3; do k nav:section "$RIGHT"; done
  for _ in 1 2 3; do k nav:section "$LEFT"; done
  for _ in $(seq 11); do k tick "$SPACE"; done              # acknowledge each section, confirm
  k step "$ENTER"                                          # → your organisation
  k step "$ENTER"                                          # name (optional) → in the UK?
  k nav:choice "$DOWN"; k nav:choice "$DOWN"; k nav:choice "$UP"; k nav:choice "$UP"
  k step "$ENTER"; k step "$ENTER"                         # yes, yes → what kind?
  for _ in 1 2 3 4; do k nav:choice "$DOWN"; done
  for _ in 1 2 3 4; do k nav:choice "$UP"; done
  k quit "$CTRL_C"
}
whiptail_walk() {
  k() { printf '%s\t%s\n' "$1" "$2"; }
  for _ in $(seq 8); do k nav:choice "$DOWN"; done
  for _ in $(seq 8); do k nav:choice "$UP"; done
  k quit "$ESC"
}
start_only() { printf 'quit\t%s\n' "$1"; }

# session NAME WALK-FILE COMMAND...: runs COMMAND in an 80×24 pty, sends the
# walk's keys (the first after 1 s, then every $GAP s) and logs the output
# with its timing.
session() {
  local name=$1 walk=$2
  shift 2
  local state="$WORK/$name.state"
  mkdir -p "$state"
  {
    sleep 1
    while IFS=$'\t' read -r _ bytes; do
      printf '%s' "$bytes"
      sleep "$GAP"
    done <"$walk"
    sleep 0.5
  } | SHELL=/bin/bash XDG_STATE_HOME=$state script -q -m advanced -O "$WORK/$name.out" -I "$WORK/$name.in" \
    -T "$WORK/$name.tim" -c "stty rows 24 cols 80; exec $(printf '%q ' "$@")" >/dev/null
}

ceop_walk >"$WORK/ceop.walk"
whiptail_walk >"$WORK/whiptail.walk"
start_only "$CTRL_C" >"$WORK/ceop.start"
start_only "$ESC" >"$WORK/whiptail.start"

echo "== first frame: $RUNS starts each, alternated"
for i in $(seq "$RUNS"); do
  session "ceop-start-$i" "$WORK/ceop.start" "$BIN"
  session "whiptail-start-$i" "$WORK/whiptail.start" "${WHIPTAIL[@]}"
done
echo "== walks (under /usr/bin/time -v for peak RSS)"
session ceop-walk "$WORK/ceop.walk" /usr/bin/time -v -o "$WORK/ceop.rss" "$BIN"
session whiptail-walk "$WORK/whiptail.walk" /usr/bin/time -v -o "$WORK/whiptail.rss" "${WHIPTAIL[@]}"
echo "== walks again under strace, counting write calls (slower: a key a second)"
STRACE=(strace -qq -ttt -e trace=openat,read,write -e signal=none -s 0)
GAP=1 session ceop-strace "$WORK/ceop.walk" "${STRACE[@]}" -o "$WORK/ceop.strace" "$BIN"
GAP=1 session whiptail-strace "$WORK/whiptail.walk" "${STRACE[@]}" -o "$WORK/whiptail.strace" "${WHIPTAIL[@]}"

echo "== generate wall time"
cat >"$WORK/answers.toml" <<'TOML'
read_guidance = true
uk = "yes"
serves_children = "yes"
organisation = "school"
content_appropriate = "yes"
no_endorsement = true
platform = "website"
audience = "children"
placement = "safety-area"
image_src = "/images/clickceop.gif"
new_tab = false
TOML
GENERATE=("$BIN" generate --answers "$WORK/answers.toml")
"${GENERATE[@]}" >/dev/null 2>&1 || { echo "generate failed" >&2; exit 1; }
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 20 --runs 300 --export-json "$WORK/generate.json" \
    "$(printf '%q ' "${GENERATE[@]}")" >"$WORK/hyperfine.txt"
  GENERATE_HOW="hyperfine -N --warmup 20 --runs 300"
else
  start=$(date +%s%N)
  for _ in $(seq 300); do "${GENERATE[@]}" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo "{\"loop_mean_s\": $(((end - start) / 300))e-9}" >"$WORK/generate.json"
  GENERATE_HOW="a loop of 300 runs (hyperfine not installed)"
fi

strip -o "$WORK/stripped" "$BIN"

python3 - "$WORK" "$RUNS" "$GENERATE_HOW" "$(stat -c %s "$WORK/stripped")" "$(stat -c %s "$BIN")" <<'PY'
import json, statistics, sys
work, runs, generate_how, stripped, built = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

def events(name):
    """[(seconds since start, 'I' or 'O', bytes)] from script's timing log."""
    data = open(f"{work}/{name}.out", "rb").read()
    data = data[data.index(b"\n") + 1:]  # script's own header line
    out, t, pos = [], 0.0, 0
    for line in open(f"{work}/{name}.tim"):
        kind, delay, n = line.split()[:3]
        if kind not in "IO":
            continue
        t += float(delay)
        chunk = b""
        if kind == "O":
            chunk, pos = data[pos:pos + int(n)], pos + int(n)
        out.append((t, kind, int(n), chunk))
    return out

def first_frame(name, marker):
    """End of the first burst of output (no output for 50 ms after it, or
    a key), checked to hold the frame's last row."""
    ev = [e for e in events(name)]
    outs = []
    for e in ev:
        if e[1] == "I":
            break
        if outs and e[0] - outs[-1][0] >= 0.05:
            break
        if e[1] == "O":
            outs.append(e)
    shown = b"".join(e[3] for e in outs)
    assert marker in shown, f"{name}: the first burst lacks {marker!r}"
    return outs[-1][0] * 1000, len(shown)

def keystrokes(name, walk):
    """Per key of the walk: (label, bytes, writes) output within 150 ms after
    it, before the next key; and idle output per second before the first key."""
    labels = [l.split("\t")[0] for l in open(f"{work}/{walk}").read().splitlines()]
    ev = events(name)
    keys = [i for i, e in enumerate(ev) if e[1] == "I"]
    assert len(keys) == len(labels), f"{name}: {len(keys)} keys logged, {len(labels)} sent"
    result = []
    for k, (i, label) in enumerate(zip(keys, labels)):
        end = keys[k + 1] if k + 1 < len(keys) else len(ev)
        burst = [e for e in ev[i + 1:end] if e[1] == "O" and e[0] - ev[i][0] < 0.15]
        result.append((label, sum(e[2] for e in burst), len(burst)))
    frame_end, _ = first_frame(name, b"")
    idle = [e for e in ev[:keys[0]] if e[1] == "O" and e[0] * 1000 > frame_end]
    idle_s = ev[keys[0]][0] - frame_end / 1000
    return result, sum(e[2] for e in idle) / idle_s

def write_calls(name, walk):
    """Write calls to the terminal in the first frame and in the response to
    each key of the walk: the writes up to the first pause of 100 ms (idle
    redraws come 200 ms after a frame). whiptail reads /dev/tty a byte at a
    time: reads less than 50 ms apart are one key."""
    labels = [l.split("\t")[0] for l in open(f"{work}/{walk}").read().splitlines()]
    tty, counts, last_read, last_write, open_burst = {0, 1, 2}, [0], None, None, True
    for line in open(f"{work}/{name}.strace"):
        t, call = line.split(None, 1)
        t, result = float(t), call.rsplit("=", 1)[-1].split()[0]
        if not result.isdigit():
            continue  # failed (ENOENT, EAGAIN)
        if call.startswith("openat(") and '"/dev/tty"' in call:
            tty.add(int(result))
            continue
        fd = call[call.index("(") + 1:].split(",", 1)[0]
        if not fd.isdigit() or int(fd) not in tty or result == "0":
            continue
        if call.startswith("read(") and int(fd) not in (1, 2):
            if last_read is None or t - last_read > 0.05:
                counts.append(0)
                last_write, open_burst = None, True
            last_read = t
        elif call.startswith("write("):
            if last_write is not None and t - last_write >= 0.1:
                open_burst = False
            if open_burst:
                counts[-1] += 1
            last_write = t
    assert len(counts) == len(labels) + 1, f"{name}: {len(counts) - 1} keys read, {len(labels)} sent"
    return counts[0], [(label, n) for label, n in zip(labels, counts[1:])]

def rss(name):
    for line in open(f"{work}/{name}.rss"):
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1])
    raise SystemExit(f"{name}: no peak RSS in /usr/bin/time -v output")

ceop_ff = [first_frame(f"ceop-start-{i}", b"quit") for i in range(1, runs + 1)]
whip_ff = [first_frame(f"whiptail-start-{i}", b"<Cancel>") for i in range(1, runs + 1)]
ceop_keys, ceop_idle = keystrokes("ceop-walk", "ceop.walk")
whip_keys, whip_idle = keystrokes("whiptail-walk", "whiptail.walk")
ceop_w0, ceop_writes = write_calls("ceop", "ceop.walk")
whip_w0, whip_writes = write_calls("whiptail", "whiptail.walk")

def med(xs):
    return statistics.median(xs)

def nav(keys, kind=None):
    return [k for k in keys if k[0].startswith("nav:") and (kind is None or k[0] == kind)]

rows = []
def row(what, ceop, whip, unit, fmt="{:.1f}"):
    ratio = f"{ceop / whip:.2f}" if whip else "—"
    rows.append((what, fmt.format(ceop) + unit, fmt.format(whip) + unit if whip is not None else "—", ratio))

row("first frame, median ms", med(f[0] for f in ceop_ff), med(f[0] for f in whip_ff), " ms")
quart = lambda xs: statistics.quantiles(sorted(xs), n=4)
row("first frame, 25th percentile ms", quart(f[0] for f in ceop_ff)[0], quart(f[0] for f in whip_ff)[0], " ms")
row("first frame, 75th percentile ms", quart(f[0] for f in ceop_ff)[2], quart(f[0] for f in whip_ff)[2], " ms")
# The starts alternate, so each pair ran under the same conditions.
pair_wins = sum(c[0] < w[0] for c, w in zip(ceop_ff, whip_ff))
row("first frame, bytes", med(f[1] for f in ceop_ff), med(f[1] for f in whip_ff), " B", "{:.0f}")
row("bytes per menu move (↑/↓), median", med(k[1] for k in nav(ceop_keys, "nav:choice")), med(k[1] for k in nav(whip_keys)), " B", "{:.0f}")
row("bytes per navigation key, median", med(k[1] for k in nav(ceop_keys)), med(k[1] for k in nav(whip_keys)), " B", "{:.0f}")
row("write calls, first frame", ceop_w0, whip_w0, "", "{:.0f}")
row("write calls per navigation key, median", med(k[1] for k in nav(ceop_writes)), med(k[1] for k in nav(whip_writes)), "", "{:.0f}")
row("idle output, bytes/s", ceop_idle, whip_idle, " B/s", "{:.0f}")
row("peak RSS over the walk", rss("ceop") / 1024, rss("whiptail") / 1024, " MiB")

print(f"\nceop-onboard vs whiptail --menu, 80×24 pty, {runs} starts each; ratio = ceop-onboard / whiptail\n")
w = max(len(r[0]) for r in rows)
print(f"{'':{w}}  {'ceop-onboard':>14}  {'whiptail':>12}  {'ratio':>6}")
for r in rows:
    print(f"{r[0]:{w}}  {r[1]:>14}  {r[2]:>12}  {r[3]:>6}")

print("\nbytes per navigation key, by kind (median, min–max, n; then each key of the walk):")
for who, keys in (("ceop-onboard", ceop_keys), ("whiptail", whip_keys)):
    for kind in ("nav:scroll", "nav:section", "nav:choice"):
        b = [k[1] for k in nav(keys, kind)]
        if b:
            print(f"  {who:12} {kind[4:]:8} {med(b):6.0f} B   {min(b)}–{max(b)}   n={len(b)}   {' '.join(map(str, b))}")

g = json.load(open(f"{work}/generate.json"))
if "results" in g:
    r = g["results"][0]
    gen = (f"median {r['median'] * 1000:.2f} ms, mean {r['mean'] * 1000:.2f} ± {r['stddev'] * 1000:.2f} ms, "
           f"min {r['min'] * 1000:.2f} ms; CPU: user {r['user'] * 1000:.2f} ms + system {r['system'] * 1000:.2f} ms")
    gen_ms = r["median"] * 1000
else:
    gen_ms = g["loop_mean_s"] * 1000
    gen = f"mean {gen_ms:.2f} ms"
print(f"\ngenerate --answers (website, to /dev/null), {generate_how}: {gen}")
print(f"release binary: {built} bytes as built; stripped {stripped} bytes = {stripped / 1e6:.2f} MB ({stripped / 2**20:.2f} MiB)")

ok = lambda b: "met" if b else "MISSED"
print(f"\nfirst frame: ceop-onboard was faster in {pair_wins} of {runs} alternated pairs of starts")
print("\ntargets:")
print(f"  first frame faster than whiptail's      {ok(med(f[0] for f in ceop_ff) < med(f[0] for f in whip_ff) and pair_wins > runs / 2)} (median, and in most pairs)")
print(f"  fewer bytes per keystroke than whiptail {ok(med(k[1] for k in nav(ceop_keys, 'nav:choice')) < med(k[1] for k in nav(whip_keys)))} (menu moves)")
print(f"  generate under 10 ms                    {ok(gen_ms < 10)}")
print(f"  stripped binary under 6 MB              {ok(stripped < 6e6)}")
PY
