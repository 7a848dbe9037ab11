#!/usr/bin/env bash
# Builds the guest agent (resources/guest/agent.c), the /init of every hyperv container's utility VM.
# usage: installer/build-guest.sh [OUT]     OUT defaults to /var/cache/isoscope/guest/isoscope-agent
# The binary is static: the guest's root is an arbitrary container image, with or without a libc.
# It is rebuilt only when the source is newer than OUT. As root, a missing gcc or libc6-dev is installed with
# apt-get; otherwise the exact apt-get line is printed and the script exits 1.
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)/resources/guest/agent.c"
out=${1:-/var/cache/isoscope/guest/isoscope-agent}

[ -f "$src" ] || { echo "isoscope: no agent source at $src" >&2; exit 2; }
[ -x "$out" ] && [ ! "$src" -nt "$out" ] && exit 0

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
gcc -static -Os -Wall -Wextra -Werror -o "$tmp" "$src"
chmod 0755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "isoscope: built $out" >&2
