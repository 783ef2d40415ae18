#!/usr/bin/env bash
# Checks the Debian package the way a user's machine meets it: the desktop entry and AppStream
# metadata validate, lintian finds no error, it installs with its dependencies, the installed
# program reports the package's version, validates the installed Netflix loop and starts and
# quits (offscreen), and it removes cleanly. Needs root or sudo. CI runs it on every run.
#   packaging/check-package.sh build/release/mockloop_<version>_<arch>.deb
set -euo pipefail
deb=$(realpath "${1:?usage: $0 PACKAGE.deb}")
cd "$(dirname "${BASH_SOURCE[0]}")"
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
step() { printf '\n== %s\n' "$*"; }

version=$(dpkg-deb -f "$deb" Version)
step "package mockloop $version"
dpkg-deb -I "$deb" | sed -n '/Package:/,$p'

contents=$(mktemp -d)
trap 'rm -rf "$contents"' EXIT
dpkg-deb -x "$deb" "$contents"
step "desktop-file-validate"
desktop-file-validate "$contents/usr/share/applications/io.github.mockloop.MockLoop.desktop"
step "appstreamcli validate --no-net"
appstreamcli validate --no-net --explain "$contents/usr/share/metainfo/io.github.mockloop.MockLoop.metainfo.xml"
release=$(grep -o '<release version="[^"]*"' "$contents/usr/share/metainfo/io.github.mockloop.MockLoop.metainfo.xml" | head -n1 | cut -d'"' -f2)
[ "$release" = "$version" ] || { echo "the newest AppStream release is $release, the package is $version" >&2; exit 1; }

step "lintian (errors fail; kept warnings are explained in packaging/README.md)"
lintian --fail-on error --suppress-tags-from-file lintian-suppressed-tags --info "$deb"

step "install"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb"
home=$(mktemp -d)
run() { env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_RUNTIME_DIR="$home" "$@"; }
step "mockloop --version"
reported=$(run mockloop --version)
echo "$reported"
[ "$reported" = "MockLoop $version" ] || { echo "the installed program says '$reported'" >&2; exit 1; }
step "mockloop --validate the installed Netflix loop"
run mockloop --validate /usr/share/mockloop/interview_loops/netflix-engineering-leadership.yaml
step "mockloop --analyze, with the model the package depends on"
clip=/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav
if [ -f "$clip" ]; then
    run mockloop --analyze "$clip" | tee "$home/analysis.txt"
    grep -q "Transcript" "$home/analysis.txt"
else
    echo "skipped: $clip (pocketsphinx-testdata) is not installed"
fi
step "offscreen start and quit"
run env QT_QPA_PLATFORM=offscreen timeout 60 mockloop --quit-when-shown
step "man page"
man -w mockloop >/dev/null 2>&1 || [ -f /usr/share/man/man1/mockloop.1.gz ]

step "remove"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mockloop
if dpkg -s mockloop >/dev/null 2>&1 && dpkg -s mockloop | grep -q '^Status: install'; then
    echo "mockloop is still installed" >&2
    exit 1
fi
left=$(find /usr/bin/mockloop /usr/share/mockloop /usr/share/applications/io.github.mockloop.MockLoop.desktop 2>/dev/null || true)
[ -z "$left" ] || { echo "left behind after removal: $left" >&2; exit 1; }
rm -rf "$home"
step "the package validates, installs, runs and removes cleanly"
