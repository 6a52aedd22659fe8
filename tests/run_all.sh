#!/usr/bin/env bash
# THE test command: every test of newsworker, from a fresh clone on a fresh Debian 12.
#
#   bash tests/run_all.sh
#
# Phases: Debian packages (only the missing ones) -> build/ (RelWithDebInfo) and
# build-asan/ (-DNW_SANITIZE=ON) -> unit tests (ctest) in both -> benchmarks, small and
# never failing -> Python venv -> Kafka broker (tests/kafka/broker.sh) -> integration
# tests (pytest tests/integration, against build/newsworker, then build-asan/newsworker)
# -> broker stopped (always) -> fault injection, short (tests/faults/run.sh, a broker of
# its own) -> fuzzing, short (fuzz/run.sh: every libFuzzer target, 20 s each).
# Exits non-zero when any phase failed; prints how long each phase took.
#
# Environment:
#   NEWSWORKER_CACHE   cache for Kafka jars and the venv (default ~/.cache/newsworker)
#   NW_KAFKA_PORT      broker port (default: the first free of 19092, 19192, ...; the
#                      controller uses the next one)
#   NW_BENCH_ARTICLES  article count for the benchmarks (default 50)
#   NW_PYTEST_ARGS     extra pytest arguments (e.g. "-k end_to_end -x")
#   NW_SKIP_ASAN=1     skip build-asan/ (quicker local runs; CI never sets it)
#   NW_SKIP_FAULTS=1, NW_SKIP_FUZZ=1  skip those phases (quicker local runs)
#   NW_FUZZ_SECONDS    seconds per fuzz target (default 20)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NEWSWORKER_CACHE="${NEWSWORKER_CACHE:-${HOME:-/tmp}/.cache/newsworker}"
# The broker of this run: its own state dir (so a concurrent run, in another clone, can
# neither adopt nor stop it) and, unless NW_KAFKA_PORT is set, the first free port pair
# of 19092, 19192, 19292, ...
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z "${NW_KAFKA_PORT:-}" ]]; then
  NW_KAFKA_PORT=19092
  for ((i = 0; i < 30; i++)); do
    p=$((19092 + 100 * i))
    if port_free "$p" && port_free "$((p + 1))"; then
      NW_KAFKA_PORT=$p
      break
    fi
  done
fi
export NW_KAFKA_PORT
export NW_KAFKA_STATE="${NW_KAFKA_STATE:-$(mktemp -d "${TMPDIR:-/tmp}/newsworker-kafka-XXXXXX")}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
RESULTS="$ROOT/build/test-results"
JOBS="$(nproc 2>/dev/null || echo 2)"

rm -rf "$RESULTS"
PHASES=()
FAILED=()
T_ALL=$SECONDS

banner() { printf '\n==== %s ====\n' "$*"; }

# phase NAME COMMAND...: run it, time it, record a failure without stopping the run
phase() {
  local name="$1"
  shift
  banner "$name"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  local dt=$((SECONDS - t0))
  if ((rc == 0)); then
    PHASES+=("$(printf '%-32s %5ss  ok' "$name" "$dt")")
  else
    PHASES+=("$(printf '%-32s %5ss  FAILED (exit %s)' "$name" "$dt" "$rc")")
    FAILED+=("$name")
  fi
  return 0
}

failed() {
  local f
  for f in "${FAILED[@]+"${FAILED[@]}"}"; do [[ "$f" == "$1" ]] && return 0; done
  return 1
}

# ---------------------------------------------------------------- packages ---
# the build's packages come from tools/build.sh (the Dockerfile installs the same); the
# fuzz phase needs clang and its libFuzzer/sanitizer runtime (fuzz/run.sh exits 1 without)
read -ra DEB_PACKAGES <<<"$(bash tools/build.sh --deps) maven default-jre-headless python3-venv clang libclang-rt-14-dev"

install_packages() {
  local missing=() p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    echo "all ${#DEB_PACKAGES[@]} Debian packages present"
    return 0
  fi
  echo "installing: ${missing[*]}"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || { echo "not root and no sudo: install ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  # (inside a phase, set -e is off: every step checks its own status)
  "${sudo[@]}" apt-get update -q || return 1
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

# ------------------------------------------------------------------- build ---
build() { # DIR CMAKE_ARGS...: the same script the Dockerfile runs
  NW_BUILD_JOBS="$JOBS" bash tools/build.sh "$@"
}

unit() { # DIR
  mkdir -p "$RESULTS"
  ctest --test-dir "$1" --output-on-failure --no-tests=error -j"$JOBS" \
    --output-junit "$RESULTS/ctest-$(basename "$1").xml"
}

bench() {
  # benchmarks take [FILE.jsonl] [--repeat N] (see bench/bench_dates.c): feed them the
  # first NW_BENCH_ARTICLES lines of the shared corpus, once
  local n="${NW_BENCH_ARTICLES:-50}" corpus="$ROOT/../shared/data/corpus/current-events.jsonl"
  local small="$RESULTS/bench-corpus.jsonl" b found=0 rc
  mkdir -p "$RESULTS"
  if [[ -f "$corpus" ]]; then
    head -n "$n" "$corpus" >"$small"
  else
    echo "($corpus missing: benchmarks run on their defaults)"
    small=""
  fi
  for b in build/bench_*; do
    [[ -x "$b" && -f "$b" ]] || continue
    found=1
    echo "--- $b ${small:+$small --repeat 1}"
    rc=0
    NW_BENCH_ARTICLES="$n" timeout 300 "$b" ${small:+"$small" --repeat 1} </dev/null || rc=$?
    ((rc == 0)) || echo "(benchmark $b exited $rc; benchmarks never fail the run)"
  done
  ((found)) || echo "no benchmarks built"
  return 0
}

# ------------------------------------------------------------------ python ---
VENV=""
venv() {
  local py
  py="$(command -v python3)"
  local ver
  ver="$("$py" -c 'import sys;print("%d.%d" % sys.version_info[:2])')"
  VENV="$NEWSWORKER_CACHE/venv-py$ver"
  local req="$ROOT/tests/integration/requirements.txt"
  local want
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  if [[ -x "$VENV/bin/python" && "$(cat "$VENV/.requirements.sha256" 2>/dev/null)" == "$want" ]]; then
    echo "venv $VENV up to date"
    return 0
  fi
  rm -rf "$VENV"
  mkdir -p "$NEWSWORKER_CACHE" || return 1
  "$py" -m venv "$VENV" || { echo "python3 -m venv failed (apt-get install python3-venv)" >&2; return 1; }
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$req" || return 1
  echo "$want" >"$VENV/.requirements.sha256"
  "$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null |
    grep -Ei '^(confluent-kafka|pytest|standardwebhooks)' || true
}

# ------------------------------------------------------------- integration ---
BROKER_UP=0
stop_broker() {
  if ((BROKER_UP)); then
    bash tests/kafka/broker.sh stop || true
    BROKER_UP=0
  fi
}
trap stop_broker EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

start_broker() {
  BROKER_UP=1
  bash tests/kafka/broker.sh start
}

integration() { # BUILD_DIR: whose newsworker the tests run
  mkdir -p "$RESULTS"
  local rc=0 name
  name="$(basename "$1")"
  # shellcheck disable=SC2086
  NW_WORKER_BIN="$ROOT/$1/newsworker" "$VENV/bin/python" -m pytest tests/integration \
    -c tests/integration/pytest.ini --rootdir tests/integration -p no:cacheprovider \
    -o junit_suite_name="integration-$name" -v --durations=10 \
    --junitxml="$RESULTS/integration-$name.xml" ${NW_PYTEST_ARGS:-} || rc=$?
  if ((rc == 5)); then
    echo "pytest collected no tests: that is a failure" >&2
  fi
  if ((rc != 0)) && ((BROKER_UP)); then
    echo "--- last warnings and errors in the broker log ---"
    bash tests/kafka/broker.sh log 2>/dev/null | grep -E '\] (WARN|ERROR) ' | tail -n 30 || true
  fi
  return "$rc"
}

# ------------------------------------------------------- faults and fuzzing ---
faults() { # the short fault-injection suite on a broker of its own (tests/faults/run.sh)
  NW_WORKER_BIN="$ROOT/build/newsworker" timeout 1800 bash tests/faults/run.sh
}

fuzz() { # every libFuzzer target (ASan+UBSan) for NW_FUZZ_SECONDS (default 20) each
  timeout 1800 bash fuzz/run.sh "${NW_FUZZ_SECONDS:-20}"
}

# -------------------------------------------------------------------- main ---
phase "debian packages" install_packages
if failed "debian packages"; then
  echo "cannot go on without the packages" >&2
else
  phase "build (RelWithDebInfo)" build build
  if [[ "${NW_SKIP_ASAN:-0}" != 1 ]]; then
    phase "build-asan (NW_SANITIZE)" build build-asan -DNW_SANITIZE=ON
  fi
  if ! failed "build (RelWithDebInfo)"; then
    phase "unit tests (build)" unit build
  fi
  if [[ "${NW_SKIP_ASAN:-0}" != 1 ]] && ! failed "build-asan (NW_SANITIZE)"; then
    phase "unit tests (build-asan)" unit build-asan
  fi
  if ! failed "build (RelWithDebInfo)"; then
    phase "benchmarks (small)" bench
  fi
  phase "python venv" venv
  phase "kafka broker start" start_broker
  if ! failed "python venv" && ! failed "kafka broker start"; then
    phase "integration tests (build)" integration build
    # the same suite against the sanitized worker: memory errors in the Kafka paths
    if [[ "${NW_SKIP_ASAN:-0}" != 1 ]] && ! failed "build-asan (NW_SANITIZE)"; then
      phase "integration tests (build-asan)" integration build-asan
    fi
  fi
  phase "kafka broker stop" stop_broker
  # after the shared broker is gone: the fault suite restarts a broker of its own
  if [[ "${NW_SKIP_FAULTS:-0}" != 1 ]] && ! failed "build (RelWithDebInfo)" && ! failed "python venv"; then
    phase "fault injection (short)" faults
  fi
  if [[ "${NW_SKIP_FUZZ:-0}" != 1 ]]; then
    phase "fuzzing (short)" fuzz
  fi
fi

banner "summary"
printf '%s\n' "${PHASES[@]}"
printf '%-32s %5ss\n' "total" "$((SECONDS - T_ALL))"

# one closing line over every test case run (ctest in both builds + pytest)
if ((${#FAILED[@]})); then
  echo "FAILED: ${FAILED[*]}"
else
  echo "ALL OK"
fi
if [[ -d "$RESULTS" ]]; then
  python3 - "$RESULTS" <<'EOF' || true
import sys, pathlib, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.xml")):
    try:
        root = ET.parse(f).getroot()
    except Exception:
        continue
    for tc in root.iter("testcase"):
        kids = {c.tag for c in tc}
        if kids & {"failure", "error"}:
            failed += 1
        elif "skipped" in kids:
            skipped += 1
        else:
            passed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
EOF
fi

((${#FAILED[@]} == 0))
