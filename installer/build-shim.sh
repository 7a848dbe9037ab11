#!/usr/bin/env bash
# Builds the per-container monitor (resources/shim/isoscope-shim.c) that holds each process-isolated container's
# stdio, terminal, log and exit code, so that containers outlive the app.
# usage: installer/build-shim.sh [OUT]     OUT defaults to /var/cache/isoscope/guest/isoscope-shim
# The binary is static (it runs for as long as its container, across upgrades of the host's libc). It is rebuilt
# only when the source is newer than OUT. As root, a missing gcc or libc6-dev is installed with apt-get;
# otherwise the exact apt-get line is printed and the script exits 1.
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)/resources/shim/isoscope-shim.c"
out=${1:-/var/cache/isoscope/guest/isoscope-shim}

[ -f "$src" ] || { echo "isoscope: no monitor source at $src" >&2; exit 2; }
[ -x "$out" ] && [ ! "$src" -nt "$out" ] && exit 0

missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
# libc.a is what -static links against; its presence is the test for libc6-dev.
[ -f "$(gcc -print-file-name=libc.a 2>/dev/null || echo /nonexistent)" ] || missing+=(libc6-dev)
# shellcheck source=apt-install.sh
. "$(dirname "$0")/apt-install.sh"
install_or_explain "Building the container monitor needs" ${missing[@]+"${missing[@]}"}

dir=$(dirname "$out")
[ -d "$dir" ] || (umask 022 && mkdir -p "$dir")
# Build beside OUT and rename: a monitor starting meanwhile never execs a half-written binary, and monitors still
# running keep the old file they were started from.
tmp=$(mktemp "$dir/.isoscope-shim.XXXXXX")
trap 'rm -f "$tmp"' EXIT
gcc -static -Os -Wall -Wextra -Werror -o "$tmp" "$src"
chmod 0755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "isoscope: built $out" >&2
