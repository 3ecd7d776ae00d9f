#!/usr/bin/env bash
# Fuzzes every target (or those named) for SECONDS each (default 600), two
# at a time, with libFuzzer (clang-15, libfuzzer-15-dev). The working corpus
# grows in build-fuzz/corpus/<target>; inputs that crash or break an
# invariant are left as build-fuzz/findings/<target>/crash-*; copy each into
# tests/fuzz/corpus/<target>/ once fixed, so every test pass replays it.
# Prints, per target: executions, seconds, corpus size, the files in
# findings/ (kept from earlier runs too) and this run's oom/timeout/crash counts.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(project facilities facilities_xlsx cost_table encoding china_offsets)

CC=clang-15 CXX=clang++-15 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTUOWEI_FUZZ=ON \
  -DTUOWEI_BUILD_TESTS=ON -DTUOWEI_BUILD_BENCH=OFF -DTUOWEI_BUILD_UI=OFF >/dev/null
cmake --build build-fuzz -j "${TUOWEI_JOBS:-2}" --target $(printf 'fuzz_%s ' "${targets[@]}")

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
run_one() {
  local t=$1 corpus=build-fuzz/corpus/$1 findings=build-fuzz/findings/$1
  mkdir -p "$corpus" "$findings"
  local dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  # -fork keeps going after a finding, so one crash does not end the run.
  build-fuzz/tests/fuzz/fuzz_"$t" "$corpus" "tests/fuzz/corpus/$t" "${dict[@]}" -max_total_time="$seconds" \
    -timeout=20 -rss_limit_mb=4096 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$findings/" >"build-fuzz/$t.log" 2>&1 || true
}
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "${TUOWEI_JOBS:-2}" ]; then
    wait "${pids[0]}"
    pids=("${pids[@]:1}")
  fi
done
wait

printf '%-16s %12s %8s %8s %9s %s\n' target executions seconds corpus findings "oom/timeout/crash"
for t in "${targets[@]}"; do
  log=build-fuzz/$t.log
  # -fork prints "#EXECS: cov: ... oom/timeout/crash: O/T/C time: Ss ..." per job.
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)
  execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
  took=$(grep -oE 'time: [0-9]+s' <<<"$last" | grep -oE '[0-9]+' || true)
  otc=$(grep -oE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' <<<"$last" | awk '{print $2}' || true)
  printf '%-16s %12s %8s %8s %9s %s\n' "$t" "${execs:-?}" "${took:-?}" "$(ls "build-fuzz/corpus/$t" | wc -l)" \
    "$(ls "build-fuzz/findings/$t" | wc -l)" "${otc:-?}"
done
