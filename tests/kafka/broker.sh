#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for tests.
#
#   tests/kafka/broker.sh start    fetch Kafka (once, cached), format storage, start, wait
#   tests/kafka/broker.sh stop     stop it, wait for it, remove its data directory
#   tests/kafka/broker.sh status   exit 0 when it runs and answers, 1 otherwise
#   tests/kafka/broker.sh restart [S]  stop it keeping its data, wait S seconds, start again
#   tests/kafka/broker.sh fetch    only fetch the jars into the cache
#   tests/kafka/broker.sh log      print the broker's log
#
# Environment:
#   NW_KAFKA_PORT            client port on 127.0.0.1 (default 19092)
#   NW_KAFKA_CONTROLLER_PORT controller port (default NW_KAFKA_PORT+1)
#   NW_KAFKA_VERSION         Kafka version from Maven Central (default 3.9.1)
#   NEWSWORKER_CACHE         cache directory (default ~/.cache/newsworker)
#   NW_KAFKA_STATE           state dir: pid, log, config, data (default /tmp/newsworker-kafka-PORT)
#   NW_KAFKA_START_TIMEOUT   seconds to wait for the broker (default 180)
#   NW_KAFKA_HEAP            JVM heap options (default "-Xms256m -Xmx512m")
#   NW_KAFKA_EXTRA_PROPERTIES  key=value lines appended to server.properties (they win over
#                            the defaults), e.g. a broker that cannot serve transactions:
#                            transaction.state.log.replication.factor=3
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${NW_KAFKA_PORT:-19092}"
CPORT="${NW_KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
KAFKA_VERSION="${NW_KAFKA_VERSION:-3.9.1}"
CACHE="${NEWSWORKER_CACHE:-${HOME:-/tmp}/.cache/newsworker}"
LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
STATE="${NW_KAFKA_STATE:-${TMPDIR:-/tmp}/newsworker-kafka-$PORT}"
PIDFILE="$STATE/broker.pid"
LOGFILE="$STATE/broker.log"
PROPS="$STATE/server.properties"
DATA="$STATE/data"
TIMEOUT="${NW_KAFKA_START_TIMEOUT:-180}"
HEAP="${NW_KAFKA_HEAP:--Xms256m -Xmx512m}"

say() { echo "broker.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found (apt-get install $2)"
}

# 0 when something accepts TCP connections on 127.0.0.1:$1
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

broker_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

fetch() {
  if [[ -f "$LIBS/.complete" ]]; then
    return 0
  fi
  need mvn maven
  need java default-jre-headless
  say "fetching Apache Kafka $KAFKA_VERSION from Maven Central into $LIBS"
  local tmp="$LIBS.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  local mvnlog="$tmp.mvn.log"
  # -f keeps target/ (if any) in tests/kafka/, which .gitignore covers
  if ! mvn -B -q -f "$HERE/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
        dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$tmp" >"$mvnlog" 2>&1; then
    cat "$mvnlog" >&2
    rm -rf "$tmp" "$mvnlog"
    die "mvn could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION"
  fi
  rm -f "$mvnlog"
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || die "kafka_2.13 jar missing after mvn"
  touch "$tmp/.complete"
  if [[ -f "$LIBS/.complete" ]]; then # a concurrent fetch finished first: use that one
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$LIBS"
  mkdir -p "$(dirname "$LIBS")"
  mv "$tmp" "$LIBS"
  say "fetched $(ls "$LIBS" | wc -l) jars"
}

write_config() {
  mkdir -p "$STATE"
  cat >"$PROPS" <<EOF
# written by tests/kafka/broker.sh; removed by 'broker.sh stop'
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
# the worker never creates topics: the tests do, so a wrong topic name fails loudly
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=24
log.segment.bytes=16777216
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
EOF
  if [[ -n "${NW_KAFKA_EXTRA_PROPERTIES:-}" ]]; then
    printf '# NW_KAFKA_EXTRA_PROPERTIES\n%s\n' "$NW_KAFKA_EXTRA_PROPERTIES" >>"$PROPS"
  fi
  cat >"$STATE/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.kafka.log.LogCleaner=WARN
EOF
}

java_opts() {
  # shellcheck disable=SC2206
  local heap=($HEAP)
  echo "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$STATE/log4j.properties"
}

cluster_id() {
  # Kafka's Uuid: 16 random bytes, URL-safe base64 without padding; never starting with
  # '-' (the tool's option parser would take it for an option, as Kafka's own generator knows)
  if command -v python3 >/dev/null 2>&1; then
    python3 -c '
import base64, uuid
while True:
    s = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not s.startswith("-"):
        print(s)
        break'
  else
    java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid
  fi
}

start() {
  need java default-jre-headless
  if pid="$(broker_pid)"; then
    if port_open "$PORT"; then
      say "already running (pid $pid) on 127.0.0.1:$PORT"
      return 0
    fi
    die "a broker process $pid from $STATE runs but does not answer on $PORT; run '$0 stop'"
  fi
  if port_open "$PORT"; then
    die "port 127.0.0.1:$PORT is taken by another process; set NW_KAFKA_PORT to a free port"
  fi
  if port_open "$CPORT"; then
    die "controller port 127.0.0.1:$CPORT is taken; set NW_KAFKA_CONTROLLER_PORT (or NW_KAFKA_PORT)"
  fi
  fetch
  rm -rf "$STATE"
  write_config
  local t0=$SECONDS id
  id="$(cluster_id)"
  # shellcheck disable=SC2046
  if ! java $(java_opts) -cp "$LIBS/*" kafka.tools.StorageTool format \
        -t "$id" -c "$PROPS" >"$STATE/format.log" 2>&1; then
    cat "$STATE/format.log" >&2
    die "kafka-storage format failed"
  fi
  say "starting Kafka $KAFKA_VERSION on 127.0.0.1:$PORT (controller $CPORT), state in $STATE"
  launch "$t0"
}

# launch T0: start the JVM on the formatted $STATE and wait until it answers
launch() {
  local t0="$1"
  # setsid: the broker gets its own session, so a Ctrl-C of the caller doesn't reach it
  # and 'stop' can signal its whole process group.
  # shellcheck disable=SC2046
  setsid java $(java_opts) -cp "$LIBS/*" kafka.Kafka "$PROPS" \
    >"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local pid
  pid="$(cat "$PIDFILE")"
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the broker exited during start-up; last lines of $LOGFILE:"
      tail -n 40 "$LOGFILE" >&2 || true
      rm -f "$PIDFILE"
      die "Kafka failed to start"
    fi
    if grep -q "Kafka Server started" "$LOGFILE" 2>/dev/null && port_open "$PORT"; then
      break
    fi
    if ((SECONDS - t0 > TIMEOUT)); then
      say "no answer from the broker after ${TIMEOUT}s; last lines of $LOGFILE:"
      tail -n 40 "$LOGFILE" >&2 || true
      stop || true
      die "Kafka did not start within ${TIMEOUT}s (NW_KAFKA_START_TIMEOUT)"
    fi
    sleep 0.5
  done
  say "Kafka is up on 127.0.0.1:$PORT (pid $pid) after $((SECONDS - t0))s"
}

stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    say "not running"
    rm -rf "$STATE"
    return 0
  fi
  say "stopping broker pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 120; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "broker did not stop within 30s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  rm -rf "$STATE"
  say "stopped"
}

# restart [SECONDS]: stop the broker process but keep its data directory, stay down
# SECONDS (default 0), start it again on the same data (topics, offsets, transactions
# survive): the fault suite's broker outage (tests/faults/)
restart() {
  local down="${1:-0}" pid i
  pid="$(broker_pid)" || die "not running: nothing to restart"
  say "restart: stopping broker pid $pid (data kept), down for ${down}s"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 240; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "broker did not stop within 60s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  rm -f "$PIDFILE"
  sleep "$down"
  # the ports may linger a moment after the JVM exits
  for ((i = 0; i < 120; i++)); do
    port_open "$PORT" || port_open "$CPORT" || break
    sleep 0.25
  done
  mv -f "$LOGFILE" "$LOGFILE.$(date +%s)" 2>/dev/null || true
  local t0=$SECONDS
  say "restarting Kafka $KAFKA_VERSION on 127.0.0.1:$PORT, state in $STATE"
  launch "$t0"
}

status() {
  local pid
  if pid="$(broker_pid)" && port_open "$PORT"; then
    echo "running: pid $pid, 127.0.0.1:$PORT, state $STATE"
    return 0
  fi
  echo "not running (127.0.0.1:$PORT)"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) restart "${2:-0}" ;;
  fetch) fetch ;;
  log) cat "$LOGFILE" ;;
  *)
    echo "usage: $0 {start|stop|status|restart [SECONDS]|fetch|log}" >&2
    exit 64
    ;;
esac
