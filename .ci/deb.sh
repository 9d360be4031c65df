#!/usr/bin/env bash
# Installs the .deb as an admin would, checks what a user gets, removes it.
#
#   bash .ci/deb.sh target/debian/ceop-onboard_VERSION-1_ARCH.deb
#
# The installed binary runs; man-db finds the command's page and a
# subcommand's; bash-completion loads the completion on demand and completes
# `ceop-onboard ge` to `generate`; after removal every file the package
# listed is gone. Needs root (or sudo), man-db and bash-completion.
set -euo pipefail
deb=$(realpath "$1")
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
fail() { echo "deb.sh: $*" >&2; exit 1; }

if dpkg -s ceop-onboard >/dev/null 2>&1; then
  fail "ceop-onboard is already installed here; remove it first (apt-get remove ceop-onboard)"
fi
echo "== apt-get install $deb"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
removed=false
remove() {
  $removed || as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ceop-onboard >/dev/null
  removed=true
}
trap remove EXIT
# Its files (directories such as /usr/share/man are shared with other packages).
mapfile -t listed < <(dpkg -L ceop-onboard | while read -r f; do [ -d "$f" ] || echo "$f"; done)
[ ${#listed[@]} -gt 10 ] || fail "dpkg -L lists only: ${listed[*]}"

echo "== the installed binary runs"
[ "$(command -v ceop-onboard)" = /usr/bin/ceop-onboard ] || fail "ceop-onboard is not /usr/bin/ceop-onboard on PATH"
version=$(/usr/bin/ceop-onboard --version)
[ "$version" = "ceop-onboard $(dpkg-query -W -f '${Version}' ceop-onboard | sed 's/-[^-]*$//')" ] \
  || fail "--version printed '$version'"
# An answers file is read only as a regular file (never a pipe), so it is
# written to a directory of our own, removed at once.
answers_dir=$(mktemp -d)
printf 'read_guidance = true\nuk = "yes"\nserves_children = "yes"\norganisation = "school"\ncontent_appropriate = "yes"\nno_endorsement = true\nplatform = "app"\n' \
  > "$answers_dir/answers.toml"
app_text=$(/usr/bin/ceop-onboard generate --answers "$answers_dir/answers.toml" --format text 2>&1) || true
rm -rf "$answers_dir"
grep -q "CEOP Safety Centre" <<<"$app_text" || fail "generate did not print the app text: $app_text"

echo "== man pages"
page=$(man -w ceop-onboard) || fail "man -w ceop-onboard found no page"
[ "$page" = /usr/share/man/man1/ceop-onboard.1.gz ] || fail "man -w ceop-onboard gave $page"
man -w ceop-onboard-generate >/dev/null || fail "no page for ceop-onboard-generate"
MANWIDTH=80 man ceop-onboard-generate 2>/dev/null | grep -q -- "--record" \
  || fail "man ceop-onboard-generate does not show --record"

echo "== bash completion through bash-completion"
completions=$(bash --norc --noprofile -c '
  source /usr/share/bash-completion/bash_completion
  __load_completion ceop-onboard || exit 3
  func=$(complete -p ceop-onboard | sed -n "s/.*-F \([^ ]*\).*/\1/p")
  COMP_WORDS=(ceop-onboard ge); COMP_CWORD=1
  COMP_LINE="ceop-onboard ge"; COMP_POINT=${#COMP_LINE}
  "$func" ceop-onboard ge ceop-onboard
  printf "%s\n" "${COMPREPLY[@]}"')
[ "$completions" = generate ] || fail "ceop-onboard ge completed to '$completions', not 'generate'"
for f in /usr/share/zsh/vendor-completions/_ceop-onboard /usr/share/fish/vendor_completions.d/ceop-onboard.fish; do
  [ -f "$f" ] || fail "$f is missing"
done

echo "== apt-get remove"
remove
left=()
for f in "${listed[@]}" /usr/share/doc/ceop-onboard; do
  if [ -e "$f" ]; then left+=("$f"); fi
done
[ ${#left[@]} -eq 0 ] || fail "left after removal: ${left[*]}"
! command -v ceop-onboard >/dev/null || fail "ceop-onboard is still on PATH"
echo "ok: installed, ran, man pages and completions found, removed cleanly"
