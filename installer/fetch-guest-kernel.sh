#!/usr/bin/env bash
# Fetches the utility VMs' guest kernel once: Debian's cloud kernel (the 8250 serial driver built in), downloaded
# with apt-get download and unpacked; vmlinuz is kept, and beside it the uncompressed ELF vmlinux that QEMU boots
# directly through PVH (under TCG the bzImage's self-decompression costs about half a second per start).
# usage: installer/fetch-guest-kernel.sh [DIR]   (default: /var/cache/isoscope/guest as root,
#        ${XDG_CACHE_HOME:-~/.cache}/isoscope/guest otherwise). Prints the kernel's path.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then default=/var/cache/isoscope/guest; else default=${XDG_CACHE_HOME:-$HOME/.cache}/isoscope/guest; fi
dir=${1:-$default}
extract_vmlinux() {
  # Debian compresses the cloud kernel with LZ4: find the stream's magic in the bzImage and decompress from it
  # (lz4 complains about the bytes after the stream, hence no status check; the ELF check below is the test).
  local off
  off=$(grep -obUaP '\x02\x21\x4c\x18' "$dir/vmlinuz" | head -1 | cut -d: -f1)
  [ -n "$off" ] || return 1
  tail -c +$((off + 1)) "$dir/vmlinuz" | lz4 -dc > "$dir/vmlinux.tmp" 2>/dev/null || true
  [ "$(head -c 4 "$dir/vmlinux.tmp" | od -An -c | tr -d ' ')" = '177ELF' ] || { rm -f "$dir/vmlinux.tmp"; return 1; }
  chmod 0644 "$dir/vmlinux.tmp" && mv -f "$dir/vmlinux.tmp" "$dir/vmlinux"
}
if [ -s "$dir/vmlinuz" ]; then
  [ -s "$dir/vmlinux" ] || extract_vmlinux || echo "fetch-guest-kernel: could not extract vmlinux; VMs boot the bzImage" >&2
  echo "$dir/vmlinuz"; exit 0
fi
mkdir -p "$dir"
work=$(mktemp -d)
chmod 755 "$work" # apt-get download drops privileges to _apt, which must be able to write here
trap 'rm -rf "$work"' EXIT
# linux-image-cloud-amd64 is a metapackage; the kernel is in the versioned package it depends on.
pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
if [ -z "$pkg" ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq >&2; pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'); fi
fi
[ -n "$pkg" ] || { echo "fetch-guest-kernel: apt knows no linux-image-cloud-amd64 (run: apt-get update)" >&2; exit 1; }
(cd "$work" && apt-get download -qq "$pkg" >&2)
dpkg-deb --fsys-tarfile "$work"/*.deb | tar -x -C "$work" --wildcards './boot/vmlinuz-*'
install -m 0644 "$work"/boot/vmlinuz-* "$dir/vmlinuz.tmp"
mv -f "$dir/vmlinuz.tmp" "$dir/vmlinuz"
echo "$pkg" > "$dir/vmlinuz.package"
extract_vmlinux || echo "fetch-guest-kernel: could not extract vmlinux; VMs boot the bzImage" >&2
echo "$dir/vmlinuz"
