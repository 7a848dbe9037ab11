#!/usr/bin/env bash
# Renders the README screenshot from the real app under Xvfb: a process-isolated busybox ping selected, seen
# inside the container and on the host. Uses its own state directory and removes everything it started.
# usage: installer/screenshot.sh [OUT.png]        (default: docs/screenshot.png; needs root, like the app)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
out=${1:-docs/screenshot.png}
installer/host-setup.sh gui
if ! command -v import >/dev/null || ! command -v xwininfo >/dev/null || ! command -v Xvfb >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "needs: sudo apt-get install -y xvfb x11-utils imagemagick" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb x11-utils imagemagick >&2
fi

export ISOSCOPE_HOME
ISOSCOPE_HOME=$(mktemp -d /tmp/isoscope-shot.XXXXXX)
xvfb_pid=""; gui_pid=""
cleanup() {
  [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  ./isoscope rm -f demo-ping >/dev/null 2>&1 || true
  rm -rf "$ISOSCOPE_HOME"
}
trap cleanup EXIT

./isoscope run -d --name demo-ping busybox ping 127.0.0.1 >/dev/null
display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
./isoscope >/dev/null 2>&1 &
gui_pid=$!

# Wait (bounded) for the window, then for two refresh ticks so both tables are filled.
for _ in $(seq 1 120); do
  xwininfo -name Isoscope >/dev/null 2>&1 && break
  sleep 0.5
done
xwininfo -name Isoscope >/dev/null 2>&1 || { echo "screenshot: the window never appeared" >&2; exit 1; }
sleep 3
window=$(xwininfo -name Isoscope | awk '/Window id:/ {print $4}')
mkdir -p "$(dirname "$out")"
import -window "$window" "$out"
echo "screenshot: wrote $out"
