#!/usr/bin/env bash
# Runs every libFuzzer target of the `fuzz` preset for a fixed time on its corpus, two at a time,
# and fails if any of them finds a crash, a leak, a timeout or runs out of memory. Prints the
# executions of each. What a target finds is left in build/fuzz/artifacts/<target>/: reproduce it
# with `build/fuzz/tests/fuzz/<target>_fuzzer <file>`, fix it, and keep the file in
# tests/fuzz/regressions/<target>/, where the replay tests of every other build run it.
#   tests/fuzz/run-fuzzers.sh [seconds per target]      default 60
# FUZZ_BUILD names the build that holds the programs: build/fuzz (the `fuzz` preset, the default) or
# build/asan (the `asan` preset builds them too; CI uses it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

seconds=${1:-60}
work=${FUZZ_BUILD:-build/fuzz}
bin=$work/tests/fuzz
targets=(loop_loader session_snapshot session_import wav_repair)

run_target() {
    local target=$1
    local corpus=("$work/corpus/$target" "tests/fuzz/corpus/$target")
    # The public YAML test suite, where the machine has it (never copied into the repository).
    if [ "$target" = loop_loader ] && [ -d ../shared/data/yaml-test-suite ]; then
        corpus+=(../shared/data/yaml-test-suite)
    fi
    mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
    # A target's dictionary (tests/fuzz/<target>.dict), where it has one: the loader's keys.
    local dictionary=()
    if [ -f "tests/fuzz/$target.dict" ]; then
        dictionary=(-dict="tests/fuzz/$target.dict")
    fi
    # -timeout: an input taking longer is a hang (the loader's bound is 2 s, and ASan slows it);
    # -rss_limit_mb: a target needing more is a memory bomb.
    "$bin/${target}_fuzzer" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$target/" "${dictionary[@]}" "${corpus[@]}" >"$work/$target.log" 2>&1
}

status=0
pids=()
for target in "${targets[@]}"; do
    run_target "$target" &
    pids+=($!)
    # Two at a time: one per core of the 2-core CI machine.
    if ((${#pids[@]} == 2)); then
        for pid in "${pids[@]}"; do wait "$pid" || status=1; done
        pids=()
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done

for target in "${targets[@]}"; do
    log="$work/$target.log"
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if grep -qE '^==[0-9]+==ERROR|^SUMMARY: |Test unit written to|ERROR: libFuzzer' "$log"; then
        echo "fuzz $target: FAILED after ${executions:-?} executions; the input is in $work/artifacts/$target/"
        grep -E 'ERROR|SUMMARY|Test unit written to' "$log" | head -5
        status=1
    else
        echo "fuzz $target: ${executions:-?} executions in ${seconds} s, no crash, leak or timeout"
    fi
done
exit $status
