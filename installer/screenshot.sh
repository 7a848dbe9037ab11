#!/usr/bin/env bash
# Renders the README's screenshots from the real app under Xvfb: a process-isolated busybox ping is started, then
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
# tab=TAB_TEXT (spaces as _), click=#ID (a button or the readiness line), theme=light|dark, wait=SECONDS.
shots=(
  "main       select=demo-ping"
  "readiness  select=demo-ping click=#readinessButton"
  "settings   select=demo-ping click=#settingsButton"
  "shortcuts  select=demo-ping click=#shortcutsButton"
  "dark       select=demo-ping theme=dark"
  # The other views, one line each as they arrive, e.g.:
  # "logs        select=demo-ping tab=Logs"
  # "stats       select=demo-ping tab=Stats wait=4"
  # "details     select=demo-ping tab=Details"
  # "events      select=demo-ping tab=Events"
  # "walkthrough click=#walkthroughButton wait=2"
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
  ./isoscope rm -f demo-ping >/dev/null 2>&1 || true
  rm -rf "$ISOSCOPE_HOME" "$settings_dir"
}
trap cleanup EXIT

# This first call also builds the app when its sources changed.
./isoscope run -d --name demo-ping busybox ping 127.0.0.1 >/dev/null
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
