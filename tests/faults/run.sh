#!/usr/bin/env bash
# The fault-injection suite (tests/faults/faults.py) against a real Apache Kafka broker.
#
#   bash tests/faults/run.sh                  # short form (CI): 1000 articles per scenario,
#                                             # 5 s broker outage, a 10k burst; ~4 minutes
#   NW_FAULTS_FULL=1 bash tests/faults/run.sh # full form: 3000 articles, 20 s outage,
#                                             # webhook down 20 s then slow 30 s, 100k burst
#   bash tests/faults/run.sh --scenario kill9 --mode exactly_once   # any faults.py options
#
# Scenarios: broker_outage, kill9, scale_1_3_1, webhook_down_slow, malformed_2pct, burst;
# each in at_least_once and exactly_once mode. It prints a table (sent / enriched / dlq /
# lost / dup / peak RSS per scenario and mode) and exits non-zero when anything is lost,
# duplicated in exactly-once mode, when a worker dies, or its RSS passes NW_FAULTS_RSS_MB.
#
# The broker is its own (a fresh state dir and the first free port pair from 29592): the
# outage scenario restarts it (tests/kafka/broker.sh restart). NW_FAULTS_BROKER=external
# uses the broker of NW_KAFKA_PORT/NW_KAFKA_STATE instead (it must be one you may restart).
# Environment: NW_WORKER_BIN (default: builds build-faults/newsworker), NW_WORKER_WRAPPER
# (e.g. "valgrind --error-exitcode=99"), NEWSWORKER_CACHE (venv and Kafka jars).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export NEWSWORKER_CACHE="${NEWSWORKER_CACHE:-${HOME:-/tmp}/.cache/newsworker}"

if [[ -z "${NW_WORKER_BIN:-}" ]]; then
  cmake -S . -B build-faults -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build-faults -j"$(nproc 2>/dev/null || echo 2)" --target newsworker >/dev/null
  export NW_WORKER_BIN="$ROOT/build-faults/newsworker"
fi

py="$(command -v python3)"
VENV="$NEWSWORKER_CACHE/venv-py$("$py" -c 'import sys;print("%d.%d" % sys.version_info[:2])')"
if [[ ! -x "$VENV/bin/python" ]]; then
  "$py" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -r tests/integration/requirements.txt
fi

OWN_BROKER=0
stop_broker() {
  if ((OWN_BROKER)); then
    bash tests/kafka/broker.sh stop || true
    OWN_BROKER=0
  fi
}
trap stop_broker EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM
if [[ "${NW_FAULTS_BROKER:-own}" != external ]]; then
  port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  NW_KAFKA_PORT=""
  for ((i = 0; i < 30; i++)); do
    p=$((29592 + 100 * i))
    if port_free "$p" && port_free "$((p + 1))"; then
      NW_KAFKA_PORT=$p
      break
    fi
  done
  [[ -n "$NW_KAFKA_PORT" ]] || { echo "no free port pair for the broker" >&2; exit 1; }
  export NW_KAFKA_PORT
  unset NW_KAFKA_CONTROLLER_PORT NW_KAFKA_BOOTSTRAP
  NW_KAFKA_STATE="$(mktemp -d "${TMPDIR:-/tmp}/newsworker-faults-kafka-XXXXXX")"
  export NW_KAFKA_STATE
  OWN_BROKER=1
  bash tests/kafka/broker.sh start
fi

rc=0
# in the background, so that a TERM (CI's timeout) reaches it at once: faults.py then stops
# its workers before this script stops the broker
"$VENV/bin/python" tests/faults/faults.py "$@" &
PY=$!
trap 'kill -TERM "$PY" 2>/dev/null; wait "$PY" 2>/dev/null; echo "interrupted" >&2; exit 130' INT TERM
wait "$PY" || rc=$?
if ((rc != 0)) && ((OWN_BROKER)); then
  echo "--- last warnings and errors in the broker log ---"
  bash tests/kafka/broker.sh log 2>/dev/null | grep -E '\] (WARN|ERROR) ' | tail -n 20 || true
fi
exit "$rc"
