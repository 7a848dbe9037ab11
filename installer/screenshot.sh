#!/usr/bin/env bash
# Renders the README's screenshots from the real app under Xvfb: a few busybox containers are started, then
# the app's scripted mode (io.isoscope.app.gui.shots.ScreenshotMain) drives the real window to each state below
# and renders it, with any panel it opened over it where it stands. Uses its own state directory and settings
# file and removes everything it started.
# usage: installer/screenshot.sh [OUT_DIR]         every shot below into OUT_DIR (default: docs/screenshots)
#        installer/screenshot.sh FILE.png          the main window only, into FILE.png
#        installer/screenshot.sh OUT_DIR SHOT...   the given shots, written like the lines below
# Needs root, like the app.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

# One line per screenshot: NAME, then the steps that bring the window there (see ShotSpec): select=CONTAINER,
# tab=TAB_TEXT (spaces as _), click=#ID (a button, once enabled, or the readiness line), toggle=#ID, focus=#ID,
# type=TEXT or type="TEXT WITH SPACES" (into the focused control), key=ENTER (a JavaFX KeyCode),
# row=#TABLE:NAME (scroll to the row of that process name), divider=#SPLIT:FRACTION, theme=light|dark, wait=SECONDS.
# The containers: demo-ping (process-isolated ping), demo-shell (sh on a terminal, -it) and demo-vm (a Hyper-V,
# i.e. VM-isolated, ping); the walkthrough starts and removes its own.
shots=(
  "main        select=demo-ping"
  "logs        select=demo-ping tab=Logs"
  'console     select=demo-shell tab=Console focus=#terminal type=hostname key=ENTER type="ps -o pid,user,comm" key=ENTER wait=1'
  "stats       select=demo-vm tab=Stats wait=12"
  "details     select=demo-ping tab=Details"
  "host-tree   select=demo-ping divider=#layout:0.3 toggle=#hostTree row=#hostProcessTable:isoscope-shim"
  "host-filter select=demo-ping focus=#hostFilter type=ping"
  "walkthrough click=#walkthroughButton click=#nextButton click=#nextButton click=#nextButton"
  "events      select=demo-ping tab=Events"
  "readiness   select=demo-ping click=#readinessButton"
  "settings    select=demo-ping click=#settingsButton"
  "shortcuts   select=demo-ping click=#shortcutsButton"
  "dark        select=demo-ping theme=dark"
)

out=${1:-docs/screenshots}
if [[ $out == *.png ]]; then
  name=$(basename "$out" .png)
  shots=("$name select=demo-ping")
  out=$(dirname "$out")
elif [ $# -gt 1 ]; then
  shots=("${@:2}")
fi

installer/host-setup.sh gui
if ! command -v Xvfb >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "needs: sudo apt-get install -y xvfb" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb >&2
fi

export ISOSCOPE_HOME ISOSCOPE_SETTINGS
ISOSCOPE_HOME=$(mktemp -d /tmp/isoscope-shot.XXXXXX)
settings_dir=$(mktemp -d /tmp/isoscope-shot-settings.XXXXXX)
ISOSCOPE_SETTINGS=$settings_dir/settings.json
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  # Everything this script or the walkthrough started, whatever state the tour stopped in.
  ./isoscope rm -f demo-ping demo-shell demo-vm process-ping hyperv-ping >/dev/null 2>&1 || true
  rm -rf "$ISOSCOPE_HOME" "$settings_dir"
}
trap cleanup EXIT

# This first call also builds the app when its sources changed.
./isoscope run -d --name demo-ping busybox ping 127.0.0.1 >/dev/null
./isoscope run -dit --name demo-shell busybox sh >/dev/null
# Without Hyper-V here the VM's shots fail (and say so); the others still render.
./isoscope run -d --isolation=hyperv --name demo-vm busybox ping 127.0.0.1 >/dev/null \
  || echo "screenshot: no Hyper-V container (see ./isoscope info): the shots of demo-vm will fail" >&2
display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

mkdir -p "$out"
stamp=$(mktemp "$settings_dir/start.XXXXXX")
# shellcheck disable=SC2086
timeout 300 java ${ISOSCOPE_JAVA_OPTS:-} -cp "app/target/isoscope-app.jar:app/target/lib/*" \
  io.isoscope.app.gui.shots.ScreenshotMain "--out=$out" "${shots[@]}" 2> >(grep -v "^WARNING: Unsupported JavaFX configuration" >&2)

status=0
for line in "${shots[@]}"; do
  read -r name _ <<<"$line"
  if [ ! "$out/$name.png" -nt "$stamp" ]; then
    echo "screenshot: $out/$name.png was not rendered (see above)" >&2
    status=1
  fi
done
exit $status
