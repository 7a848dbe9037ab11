#!/usr/bin/env bash
# Installs the Debian packages Isoscope needs on this host, or says exactly what to run.
# usage: installer/host-setup.sh run|gui|test
#   run   what every container needs: runc, the static busybox the built-in image is made from, QEMU for
#         hyperv containers, plus (via fetch-guest-kernel.sh, build-guest.sh and build-shim.sh) the guest kernel
#         and agent and the process-isolated containers' monitor
#   gui   + the GTK libraries JavaFX opens a window with
#   test  + Xvfb (screenshots and real-window checks); the test suite itself renders headless under Monocle
# As root, missing packages are installed with apt-get; otherwise the exact apt-get line is printed and the
# script exits 1.
set -euo pipefail

purpose=${1:-run}
packages=(runc busybox-static qemu-system-x86 lz4 gcc libc6-dev)
case "$purpose" in
  run) ;;
  gui) packages+=(libgtk-3-0 libxtst6 libxxf86vm1) ;;
  test) packages+=(xvfb xauth) ;;
  *) echo "usage: $0 run|gui|test" >&2; exit 2 ;;
esac
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

missing=()
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
for p in "${packages[@]}"; do
  grep -qx "$p installed" <<<"$installed" || missing+=("$p")
done
guest() {
  # The utility VMs' kernel and agent and the containers' monitor, once (the scripts return at once when their
  # output is current), where the engine looks for them (EngineConfig.defaultGuestDir).
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  if [ -n "${ISOSCOPE_GUEST_DIR:-}" ]; then dir=$ISOSCOPE_GUEST_DIR
  elif [ "$(id -u)" -eq 0 ]; then dir=/var/cache/isoscope/guest
  else dir=${XDG_CACHE_HOME:-$HOME/.cache}/isoscope/guest; fi
  "$here/fetch-guest-kernel.sh" "$dir" >/dev/null
  "$here/build-guest.sh" "$dir/isoscope-agent" >/dev/null
  # The process-isolated containers' monitor lives beside the agent (or where $ISOSCOPE_SHIM says).
  "$here/build-shim.sh" "${ISOSCOPE_SHIM:-$dir/isoscope-shim}" >/dev/null
}

# shellcheck source=apt-install.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
install_or_explain "Isoscope needs these Debian packages" ${missing[@]+"${missing[@]}"}
guest
