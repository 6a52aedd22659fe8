#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/ and runs each one.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 20 s; all targets)
#
# Targets: fuzz/fuzz_<name>.c -> build-fuzz/fuzz_<name>. Seeds come from the shared
# articles (tools/gen_fuzz_corpus.py, into build-fuzz/seeds/), the growing corpus lives in
# build-fuzz/corpus/<name>/ (kept between runs), crashes in build-fuzz/artifacts/<name>/.
# Exits non-zero when a target crashes, leaks or trips a sanitizer.
# Environment: NW_FUZZ_JOBS (parallel targets, default 1), NW_FUZZ_MAX_LEN (default 8192).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECS="${1:-20}"
shift || true
B="$ROOT/build-fuzz"
MAXLEN="${NW_FUZZ_MAX_LEN:-8192}"

command -v clang >/dev/null || { echo "fuzz/run.sh: clang missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
# -fsanitize=fuzzer-no-link instruments the libraries (nwcore, nx) for coverage too;
# NW_SANITIZE adds ASan+UBSan (no recovery: the first report stops the target)
mkdir -p "$B"
CC=clang cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNW_FUZZ=ON -DNW_SANITIZE=ON \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link" >"$B/cmake.log" 2>&1 ||
  { cat "$B/cmake.log" >&2; exit 1; }
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in fuzz/fuzz_*.c; do targets+=("$(basename "$f" .c | sed 's/^fuzz_//')"); done
fi
cmake --build "$B" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" || exit 1

python3 tools/gen_fuzz_corpus.py "$B/seeds" >/dev/null || exit 1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
rc=0
printf '%-10s %8s %12s %10s %8s  %s\n' target seconds executions exec/s corpus result
for t in "${targets[@]}"; do
  corpus="$B/corpus/$t" art="$B/artifacts/$t"
  mkdir -p "$corpus" "$art"
  log="$B/fuzz_$t.log"
  t0=$SECONDS
  "$B/fuzz_$t" -max_total_time="$SECS" -max_len="$MAXLEN" -timeout=30 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$art/" "$corpus" "$B/seeds/$t" >"$log" 2>&1
  r=$?
  execs="$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')"
  eps="$(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}')"
  res=ok
  if ((r != 0)); then
    res="FAILED (exit $r, see $log)"
    rc=1
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" | head -n 10 >&2
  fi
  printf '%-10s %8s %12s %10s %8s  %s\n' "$t" "$((SECONDS - t0))" "${execs:-?}" "${eps:-?}" \
    "$(ls "$corpus" | wc -l)" "$res"
done
exit "$rc"
