#!/usr/bin/env bash
# Renders every page of MockLoop to PNG under a virtual display (Xvfb), in the light palette, in a
# dark one, with the font at 200% and in a high-contrast palette, with the audio test rig running when it can start, so that the answer on the
# pictures is really being recorded from the rig's virtual microphone.
#   tests/app/render-screenshots.sh [OUTPUT_FOLDER]     default: build/screenshots
# Needs the packages xvfb and xauth (and, for the recording, those of .ci/setup test).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-$root/build/screenshots}
program=${MOCKLOOP_SCREENSHOTS:-$root/build/release/tests/app/mockloop_screenshots}
[ -x "$program" ] || { echo "build first: $program is missing" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: apt-get install xvfb xauth" >&2; exit 1; }
mkdir -p "$out/light" "$out/dark" "$out/large-text" "$out/high-contrast"

render() {
    xvfb-run -a -s "-screen 0 1400x900x24 -dpi 96" "$program" "$@"
}
rig=$root/tests/audio/audio-rig.sh
if [ -x "$rig" ]; then
    "$rig" run -- bash -c "$(declare -f render); program='$program'; render '$out/light' && render '$out/dark' --dark \
        && render '$out/large-text' --font-scale 2 && render '$out/high-contrast' --high-contrast"
else
    render "$out/light"
    render "$out/dark" --dark
    # For people who need large type or strong contrast: the system font at 200%, and a
    # high-contrast palette (issue 18).
    render "$out/large-text" --font-scale 2
    render "$out/high-contrast" --high-contrast
fi
echo "screenshots in $out"
