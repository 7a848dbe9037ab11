#!/usr/bin/env bash
# Builds the guest agent (resources/guest/agent.c and the sources beside it), the /init of every hyperv
# container's utility VM.
# usage: installer/build-guest.sh [OUT]     OUT defaults to /var/cache/isoscope/guest/isoscope-agent
# The binary is static: the guest's root is an arbitrary container image, with or without a libc.
# It is rebuilt only when a source file is newer than OUT. As root, a missing gcc or libc6-dev is installed with
# apt-get; otherwise the exact apt-get line is printed and the script exits 1.
set -euo pipefail

guest="$(cd "$(dirname "$0")/.." && pwd)/resources/guest"
sources=(agent.c line.c console.c spawn.c crilog.c ps.c)
out=${1:-/var/cache/isoscope/guest/isoscope-agent}

for f in "${sources[@]}" agent.h; do
  [ -f "$guest/$f" ] || { echo "isoscope: no agent source at $guest/$f" >&2; exit 2; }
done
if [ -x "$out" ]; then
  stale=0
  for f in "${sources[@]}" agent.h; do [ "$guest/$f" -nt "$out" ] && stale=1; done
  [ "$stale" -eq 0 ] && exit 0
fi

missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
# libc.a is what -static links against; its presence is the test for libc6-dev.
[ -f "$(gcc -print-file-name=libc.a 2>/dev/null || echo /nonexistent)" ] || missing+=(libc6-dev)
# shellcheck source=apt-install.sh
. "$(dirname "$0")/apt-install.sh"
install_or_explain "Building the guest agent needs" ${missing[@]+"${missing[@]}"}

dir=$(dirname "$out")
[ -d "$dir" ] || (umask 022 && mkdir -p "$dir")
# Build beside OUT and rename, so that a concurrent reader never sees a half-written binary.
tmp=$(mktemp "$dir/.isoscope-agent.XXXXXX")
trap 'rm -f "$tmp"' EXIT
(cd "$guest" && gcc -static -Os -Wall -Wextra -Werror -o "$tmp" "${sources[@]}")
chmod 0755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "isoscope: built $out" >&2
