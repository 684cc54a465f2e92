#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: the real app in a real window under Xvfb, and the HTML report in headless
# Chromium. Needs Debian's xvfb, imagemagick, libgtk-3-0 and chromium (apt-get install -y xvfb imagemagick libgtk-3-0
# chromium). Overview, Charts and the report show the newest run in the history: run ./servescope ladder first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/docs/screenshots"
DISPLAY_NO=${SCREENSHOT_DISPLAY:-:77}

Xvfb "$DISPLAY_NO" -screen 0 1280x800x24 > /dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
export DISPLAY=$DISPLAY_NO
sleep 1

shoot() {
  local tab=$1 wait=$2 name=${3:-$1}
  shift 3 || shift $#
  "$ROOT/servescope" gui --tab "$tab" --text "The new release is stable, fast and a pleasure to deploy." "$@" \
    > /dev/null 2>&1 &
  local app=$!
  sleep "$wait"
  import -window root "$OUT/$name.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  echo "wrote $OUT/$name.png"
}

"$ROOT/servescope" --version > /dev/null   # builds first if needed, so the waits below only wait for the window
shoot overview 10
shoot predict 12
shoot build 10
shoot charts 10
shoot build 10 build-own-ladder --ladder "$ROOT/samples/ladders/ladder.yaml"
shoot explore 75 explore-v1 --image v1
shoot explore 45 explore-diff --image v5 --diff-from v4

# The report a colleague gets: one HTML file, opened with no network.
"$ROOT/servescope" report --out /tmp/servescope-report.html > /dev/null
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --proxy-server=127.0.0.1:9 \
  --hide-scrollbars --window-size=1280,2300 --screenshot="$OUT/report.png" file:///tmp/servescope-report.html \
  > /dev/null 2>&1
echo "wrote $OUT/report.png"
