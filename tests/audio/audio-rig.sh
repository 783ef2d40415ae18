#!/usr/bin/env bash
# The audio test rig: a private PulseAudio server with a virtual microphone, so the audio tests
# record and play real audio on a machine with no sound card (CI, a container, a chroot), as root
# or not, with no D-Bus and no XDG_RUNTIME_DIR of its own.
#
#   audio-rig.sh start [DIR]          start the rig in DIR; prints the environment to use it
#   audio-rig.sh stop [DIR]           stop it and everything it started
#   audio-rig.sh env [DIR]            print the environment (export lines) of a running rig
#   audio-rig.sh run [DIR] -- CMD...  start, run CMD with the environment, stop (also on failure)
#
# DIR defaults to $MOCKLOOP_AUDIO_RIG_DIR, else ${TMPDIR:-/tmp}/mockloop-audio-rig-<uid>. CTest
# runs "start" and "stop" as the setup and cleanup of the audio_rig fixture (tests/audio).
#
# What runs, all under DIR:
#   pulseaudio -D -n           no default.pa: only the modules below, nothing from the host
#     module-native-protocol-unix  socket DIR/native, anonymous (PULSE_SERVER=unix:DIR/native)
#     speaker                  a null sink, the default output: playback tests play into it
#     micfeed                  a null sink at 16 kHz mono; what is played into it is "spoken"
#     mic                      module-remap-source on micfeed's monitor: the virtual microphone,
#                              the default input; it behaves like a real one (a steady stream)
#     pipemic                  module-pipe-source on DIR/pipemic.fifo: exactly the bytes written
#                              to the FIFO, for bit-exact tests
#   pacat /dev/zero > micfeed  keeps the microphone flowing with silence, as a real one does
#   pacat /dev/zero > speaker  keeps the speaker running, so playback starts at once
# Every process the rig starts is wrapped in timeout, so nothing outlives a forgotten rig by more
# than MOCKLOOP_AUDIO_RIG_LIFETIME seconds (default 3 hours).
#
# When the rig cannot start (no pulseaudio installed, say), "start" writes the reason to
# DIR/status and succeeds, and the audio tests skip with that reason; with MOCKLOOP_REQUIRE_AUDIO=1
# (set by .ci/setup test) it fails instead, and so do the tests.
set -uo pipefail

readonly tools=(pulseaudio pactl pacat parecord espeak-ng sox soxi timeout)
readonly lifetime=${MOCKLOOP_AUDIO_RIG_LIFETIME:-10800}

usage() {
    echo "usage: $0 start|stop|env [DIR]  |  $0 run [DIR] -- COMMAND..." >&2
    exit 2
}

command=${1:-}
[ -n "$command" ] || usage
shift
dir=${MOCKLOOP_AUDIO_RIG_DIR:-${TMPDIR:-/tmp}/mockloop-audio-rig-$(id -u)}
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    dir=$1
    shift
fi
if ! mkdir -p "$dir" || ! dir=$(cd "$dir" && pwd); then
    echo "audio rig: cannot create $dir" >&2
    exit 1
fi
socket=$dir/native
log=$dir/pulseaudio.log

rig_env() {
    # Clients must reach only the rig: no autospawn, no host cookie, no host server.
    XDG_RUNTIME_DIR=$dir/runtime
    PULSE_RUNTIME_PATH=$dir/runtime/pulse
    PULSE_STATE_PATH=$dir/state
    PULSE_SERVER=unix:$socket
    PULSE_CLIENTCONFIG=$dir/client.conf
    PULSE_COOKIE=$dir/home/.config/pulse/cookie
    MOCKLOOP_AUDIO_RIG=$dir
    export XDG_RUNTIME_DIR PULSE_RUNTIME_PATH PULSE_STATE_PATH PULSE_SERVER PULSE_CLIENTCONFIG PULSE_COOKIE \
        MOCKLOOP_AUDIO_RIG
    unset PULSE_SINK PULSE_SOURCE
}

print_env() {
    local name
    for name in PULSE_SERVER PULSE_CLIENTCONFIG PULSE_COOKIE MOCKLOOP_AUDIO_RIG; do
        printf 'export %s=%q\n' "$name" "${!name}"
    done
}

# A process counts as gone once it is a zombie: in a container with no init reaping orphans it
# may stay one forever.
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) } # the state follows the command name in parentheses
    [[ $stat != Z* ]]
}

stop_pid() {
    local pid=$1
    alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do
        alive "$pid" || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
}

stop_rig() {
    local file
    for file in "$dir"/*.pid "$dir"/runtime/pulse/pid; do
        [ -f "$file" ] || continue
        stop_pid "$(cat "$file")"
        rm -f "$file"
    done
    rm -rf "$dir/runtime" "$socket" "$dir/pipemic.fifo"
}

stop_and_mark() {
    stop_rig
    if [ -f "$dir/status" ]; then echo stopped > "$dir/status"; fi
}

unavailable() {
    local reason=$1
    printf 'unavailable: %s\n' "$reason" > "$dir/status"
    echo "audio rig: not available: $reason" >&2
    if [ -s "$log" ]; then
        echo "audio rig: the end of $log:" >&2
        tail -n 20 "$log" >&2
    fi
    stop_rig
    if [ "${MOCKLOOP_REQUIRE_AUDIO:-0}" = 1 ]; then
        echo "audio rig: MOCKLOOP_REQUIRE_AUDIO=1, so this is a failure" >&2
        exit 1
    fi
    echo "audio rig: the audio tests will be skipped" >&2
    exit 0
}

# Waits until the microphone delivers at least half of what it should in a second.
wait_for_microphone() {
    local bytes
    for _ in $(seq 10); do
        bytes=$(timeout -s INT 1 parecord --device=mic --raw --format=s16le --rate=16000 --channels=1 2>/dev/null \
            | wc -c)
        [ "$bytes" -ge 16000 ] && return 0
    done
    return 1
}

start_rig() {
    stop_rig
    rm -f "$dir/status" "$log"
    local tool missing=()
    for tool in "${tools[@]}"; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if ((${#missing[@]})); then
        unavailable "not installed: ${missing[*]} (Debian: apt-get install pulseaudio pulseaudio-utils espeak-ng sox)"
    fi
    if [ ${#socket} -gt 100 ]; then
        unavailable "the socket path $socket is too long for a Unix socket; use a shorter DIR"
    fi

    mkdir -p "$dir/runtime/pulse" "$dir/state" "$dir/home"
    chmod 700 "$dir/runtime" "$dir/runtime/pulse"
    printf 'autospawn = no\n' > "$dir/client.conf"
    cat > "$dir/rig.pa" <<EOF
load-module module-native-protocol-unix socket=$socket auth-anonymous=1
load-module module-null-sink sink_name=speaker rate=48000 channels=2 sink_properties=device.description=Rig-speaker
load-module module-null-sink sink_name=micfeed format=s16le rate=16000 channels=1 sink_properties=device.description=Rig-microphone-feed
load-module module-remap-source source_name=mic master=micfeed.monitor source_properties=device.description=Rig-microphone
load-module module-pipe-source source_name=pipemic file=$dir/pipemic.fifo format=s16le rate=16000 channels=1 source_properties=device.description=Rig-pipe-microphone
set-default-sink speaker
set-default-source mic
EOF

    rig_env
    # -D returns once the daemon is up (or failed). -n: no default script. As root pulseaudio
    # warns that it is meant for --system, and runs anyway; --system would need a pulse user.
    if ! HOME=$dir/home timeout 30 pulseaudio -D -n -F "$dir/rig.pa" --exit-idle-time=-1 --disallow-exit \
        --use-pid-file=yes --log-target="file:$log" --log-level=info \
        </dev/null >>"$log" 2>&1; then
        unavailable "pulseaudio did not start"
    fi
    for _ in $(seq 50); do
        timeout 5 pactl info >/dev/null 2>&1 && break
        sleep 0.1
    done
    timeout 5 pactl info >/dev/null 2>&1 || unavailable "pulseaudio started but does not answer on $socket"

    # Silence into the microphone and the speaker, at a low latency. A null sink with no stream
    # runs in 2-second blocks: the first stream to arrive stalls for a second or more and then
    # catches up. Kept flowing, both behave like a sound card's: a steady stream from the
    # microphone, and playback that starts at once and runs in real time.
    timeout "$lifetime" pacat --playback --device=micfeed --latency-msec=20 --raw --format=s16le --rate=16000 \
        --channels=1 /dev/zero </dev/null >/dev/null 2>&1 &
    echo $! > "$dir/feeder.pid"
    timeout "$lifetime" pacat --playback --device=speaker --latency-msec=20 --raw --format=s16le --rate=48000 \
        --channels=2 /dev/zero </dev/null >/dev/null 2>&1 &
    echo $! > "$dir/speaker-feeder.pid"
    # A null sink's monitor takes about a second to deliver once its first stream starts.
    wait_for_microphone || unavailable "the virtual microphone delivers no audio"

    echo ok > "$dir/status"
    echo "audio rig: running in $dir" >&2
    print_env
}

case "$command" in
start)
    start_rig
    ;;
stop)
    stop_and_mark
    echo "audio rig: stopped" >&2
    ;;
env)
    [ "$(cat "$dir/status" 2>/dev/null)" = ok ] || { echo "audio rig: not running in $dir" >&2; exit 1; }
    rig_env
    print_env
    ;;
run)
    [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || usage
    export MOCKLOOP_REQUIRE_AUDIO=1
    start_rig >/dev/null
    trap stop_and_mark EXIT
    "$@"
    ;;
*)
    usage
    ;;
esac
