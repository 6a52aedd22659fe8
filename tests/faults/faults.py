"""Fault injection against the real broker: every scenario in both processing modes.

    python tests/faults/faults.py [--full] [--scenario NAME ...] [--mode MODE ...]

Run through tests/faults/run.sh (it builds the worker, starts a broker, picks the venv).
Each scenario feeds articles of ../shared/data/corpus/ (plus malformed messages or a
burst of small articles) to fresh topics while newsworker runs and a fault strikes, waits
until the group has committed the whole input, stops the workers with SIGTERM and reads
every output topic to its end (read_committed). It reports, per scenario and mode:

    sent      messages produced to the input topic
    enriched  distinct article ids in the enriched topic
    dlq       distinct input offsets dead-lettered
    lost      valid articles with no record + malformed messages with no dead letter
              (+ alerts never delivered to the webhook, in the webhook scenario)
    dup       records (and dead letters) beyond the first for the same id (offset)
    rss_mb    peak VmRSS of any worker process (sampled from /proc/<pid>/status)

and fails (exit 1) when anything is lost, duplicated in exactly-once mode, dead-lettered
with the wrong reason, when a worker exits other than by SIGTERM (or exits non-zero
after it), or when a worker's RSS exceeds NW_FAULTS_RSS_MB (default 160).

When only the suite's own input producer failed (its client hit a fatal error or never
delivered the input, e.g. across the broker restart), that is a fault of the harness, not
of the worker: the scenario is run once more, in fresh topics, and the table says so. A
failure of the worker is never retried.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "tests" / "integration"))

import nwkafka  # noqa: E402
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient  # noqa: E402

INPUT_PARTITIONS = 6
BROKER_SH = REPO / "tests" / "kafka" / "broker.sh"
MODES = ["at_least_once", "exactly_once"]
# The bound: the engine's tables (~10 MB) + the consumer prefetch (queued.max.messages.kbytes,
# 8 MB) + the producer queue (queue.buffering.max.kbytes, 16-64 MB) + the in-flight window
# (worker.max_in_flight) + one article's arena and librdkafka's threads: a worker that held
# its backlog in memory would pass it at once (100k articles in the burst). Measured: 17-23
# MB for 1,000-3,000 articles, 61-64 MB with the 100k burst. Not checked under a
# NW_WORKER_WRAPPER (valgrind).
RSS_LIMIT_MB = float(os.environ.get("NW_FAULTS_RSS_MB", "160"))
WEBHOOK_SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # base64 of 24 bytes


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ------------------------------------------------------------------ input ----

def corpus_items(n: int, prefer_summits: bool = False) -> list[dict]:
    items = []
    with open(nwkafka.CORPUS, encoding="utf-8") as fh:
        for line in fh:
            items.append(json.loads(line))
    if prefer_summits:  # articles likely to hold summits first, so alerts happen
        words = ("summit", " met ", " meet", "talks with", "visit")
        items.sort(key=lambda c: not any(w in c["text"].lower() for w in words))
    assert len(items) >= n, f"{nwkafka.CORPUS} has {len(items)} articles, {n} wanted"
    return items[:n]


def malformed(max_bytes: int, rng: random.Random) -> list[tuple[bytes, str]]:
    """One (value, expected reason) of every dead-letter class; varied per call."""
    k = rng.randrange(1_000_000)
    return [
        (f"date 2022-12-30 Putin met \xff Xi {k}".encode("latin-1"), "invalid_utf8"),
        (b"date 2022-12-30 Putin met Xi\x00 in Moscow " + str(k).encode(), "nul_byte"),
        (b"", "empty"),
        (b" \n\t  \r\n " * (1 + k % 5), "empty"),
        (b"date 2022-12-30 " + b"word " * (max_bytes // 5 + 10), "too_large"),
        (b'["Putin", "met", "Xi", %d]' % k, "json_not_object"),
        (b'{"id": "x%d", "published": "2022-12-30", "body": ["a", "b"]}' % k, "body_type"),
        (b'{"a":' * 3000 + b"1" + b"}" * 3000, "json_invalid"),  # too deep
        (bytes(rng.randrange(256) for _ in range(300)) + b"\xff", None),  # binary: NUL/UTF-8
        (b'{"id": "p%d", "published": "the 32nd of Smarch", "body": "Putin met Xi."}' % k,
         "published_invalid"),
        (b"date 2022-12-30 Putin met Xi\x1b[31m in Moscow " + str(k).encode(), "control_chars"),
        (b'{"id": "j%d", "body": "unterminated' % k, "json_invalid"),
        (b'{"id": "m%d", "title": "no body"}' % k, "body_missing"),
    ]


@dataclass
class Expected:
    ids: set = field(default_factory=set)            # article ids that must be enriched
    bad_keys: dict = field(default_factory=dict)     # message key -> expected reason (None: any)


# ---------------------------------------------------------------- webhook ----

class Receiver:
    """A webhook endpoint on 127.0.0.1 that can be down, slow (10 s answers) or up."""

    def __init__(self):
        self.port = nwkafka_free_port()
        self.url = f"http://127.0.0.1:{self.port}/hooks/newsworker"
        self.delivered: dict[str, int] = {}  # summit key (body "key") -> deliveries
        self.lock = threading.Lock()
        self.delay = 0.0
        self.server = None
        self.requests = 0

    def _handler(self):
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(n)
                with rec.lock:
                    rec.requests += 1
                if rec.delay:
                    time.sleep(rec.delay)
                try:
                    key = json.loads(body).get("key") or "?"
                except (ValueError, AttributeError):
                    key = "?"
                self.send_response(204)
                self.end_headers()
                with rec.lock:
                    rec.delivered[key] = rec.delivered.get(key, 0) + 1

            def log_message(self, *args):
                pass
        return Handler

    def up(self, delay: float = 0.0):
        self.delay = delay
        if self.server is None:
            ThreadingHTTPServer.allow_reuse_address = True
            self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
            self.server.daemon_threads = True
            threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def nwkafka_free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- workers ----

class RssSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.workers: list[nwkafka.Worker] = []
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(0.2):
            for w in list(self.workers):
                if w.proc is None or w.proc.poll() is not None:
                    continue
                try:
                    with open(f"/proc/{w.proc.pid}/status") as fh:
                        for line in fh:
                            if line.startswith("VmRSS:"):
                                self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except OSError:
                    pass


@dataclass
class Result:
    scenario: str
    mode: str
    sent: int = 0
    enriched: int = 0
    dlq: int = 0
    lost: int = 0
    dup: int = 0
    rss_mb: float = 0.0
    seconds: float = 0.0
    note: str = ""
    problems: list = field(default_factory=list)
    harness_failed: bool = False  # only the suite's own input producer failed


class HarnessStall(AssertionError):
    """The suite's own input producer (a Python client) failed or stalled: a fault of
    the harness, not of the worker (seen once across a broker restart: its idempotent
    producer never delivered the rest of the input, so the worker had nothing to do)."""


class Run:
    """One scenario in one mode: topics, workers, the input stream, the checks."""

    def __init__(self, admin: AdminClient, scenario: str, mode: str, logdir: Path, full: bool):
        self.admin, self.scenario, self.mode, self.full = admin, scenario, mode, full
        self.t = nwkafka.Topics.unique(f"fault-{scenario}-{mode[:3]}")
        self.logdir = logdir / f"{scenario}-{mode}"
        self.logdir.mkdir(parents=True, exist_ok=True)
        self.res = Result(scenario, mode)
        self.workers: list[nwkafka.Worker] = []
        self.expected_dead: set = set()  # workers we killed on purpose
        self.rss = RssSampler()
        self.exp = Expected()
        self.max_bytes = 256 * 1024
        self.extra: list[str] = []
        self.replica = 0

    # --- workers
    def start_worker(self, replica: int | None = None) -> nwkafka.Worker:
        if replica is None:
            replica = self.replica
            self.replica += 1
        args = ["-X", f"kafka.bootstrap.servers={nwkafka.bootstrap_servers()}",
                "-X", f"kafka.group.id={self.t.group}",
                "-X", "kafka.session.timeout.ms=6000",
                "-X", f"worker.max_article_bytes={self.max_bytes}",
                "-X", f"worker.processing_guarantee={self.mode}",
                *self.t.worker_args(), *self.extra]
        if self.mode == "exactly_once":
            args += ["-X", f"worker.transactional_id={self.t.group}-replica-{replica}",
                     "-X", "worker.transaction_max_messages=200"]
        w = nwkafka.Worker(f"w{len(self.workers) + 1}-r{replica}", args, self.logdir)
        w.start()
        self.workers.append(w)
        self.rss.workers.append(w)
        return w

    def check_workers(self):
        for w in self.workers:
            if w not in self.expected_dead and w.proc is not None and w.proc.poll() is not None \
                    and w.returncode is None:
                w.returncode = w.proc.returncode
                self.res.problems.append(
                    f"worker {w.name} exited by itself with code {w.proc.returncode}: "
                    f"{w.stderr_text(1500)}")

    def stop_worker(self, w: nwkafka.Worker, timeout: float = 90):
        try:
            rc = w.stop(timeout=timeout)
        except AssertionError as e:
            self.res.problems.append(str(e))
            return
        if rc != 0:
            self.res.problems.append(f"worker {w.name} exited {rc} after SIGTERM: "
                                     f"{w.stderr_text(1500)}")

    # --- topics
    def setup(self):
        nwkafka.create_topics(self.admin, {self.t.input: INPUT_PARTITIONS, self.t.enriched: 3,
                                           self.t.summits: 1, self.t.alerts: 1, self.t.dlq: 1,
                                           self.t.webhooks: 1})
        self.rss.start()

    def teardown(self):
        self.rss.stop.set()
        for w in self.workers:
            if w.alive():
                self.stop_worker(w)
        nwkafka.delete_topics(self.admin, self.t.all())

    # --- input
    def messages(self, n_articles: int, bad_ratio: float = 0.0, prefer_summits=False):
        out = []
        rng = random.Random(hash((self.scenario, self.mode)) & 0xFFFF)
        for c in corpus_items(n_articles, prefer_summits):
            out.append((c["id"].encode(), nwkafka.envelope(c)))
            self.exp.ids.add(c["id"])
        if bad_ratio:
            n_bad = max(1, int(round(n_articles * bad_ratio / (1 - bad_ratio))))
            pool = []
            while len(pool) < n_bad:
                pool += malformed(self.max_bytes, rng)
            for i, (v, reason) in enumerate(pool[:n_bad]):
                key = f"bad-{i:05d}-{reason or 'binary'}".encode()
                self.exp.bad_keys[key] = reason
                out.insert(rng.randrange(len(out) + 1), (key, v))
        return out

    def stream(self, msgs, rate: float | None, at_progress=None):
        """Produce msgs at `rate` per second (None: at once) in a thread; at_progress is a
        list of (fraction, callable) run from the producing thread when that fraction of
        the input has been handed to the producer."""
        self.res.sent = len(msgs)
        done = threading.Event()
        errors = []

        def run():
            try:
                produce_all()
            except Exception as e:  # noqa: BLE001 - the harness's own client failed
                errors.append(f"input producer: {type(e).__name__}: {e}")
            finally:
                done.set()

        def produce_all():
            def on_error(err):
                # the harness's client: a fatal error stops its deliveries (see HarnessStall)
                if err.fatal():
                    errors.append(f"input producer fatal error: {err}")
            p = Producer({"bootstrap.servers": nwkafka.bootstrap_servers(), "acks": "all",
                          "enable.idempotence": True, "linger.ms": 5, "log_level": 2,
                          "message.timeout.ms": 600000, "message.max.bytes": 4 << 20,
                          "error_cb": on_error})
            hooks = sorted(at_progress or [], key=lambda x: x[0])
            t0 = time.monotonic()

            def cb(err, msg):
                if err is not None:
                    errors.append(str(err))
            for i, (k, v) in enumerate(msgs):
                while hooks and i >= hooks[0][0] * len(msgs):
                    _, fn = hooks.pop(0)
                    fn()
                if rate:
                    delay = t0 + i / rate - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                while True:
                    try:
                        p.produce(self.t.input, key=k, value=v, on_delivery=cb)
                        break
                    except BufferError:
                        p.poll(0.1)
                p.poll(0)
            for _, fn in hooks:
                fn()
            left = p.flush(600)
            if left:
                errors.append(f"{left} input messages not delivered")
        th = threading.Thread(target=run, daemon=True)
        th.start()
        return th, done, errors

    # --- completion and checks
    def wait_committed(self, producer_done: threading.Event, timeout: float):
        """Until the group's committed offsets reach the input's end."""
        deadline = time.monotonic() + timeout
        while not producer_done.is_set():
            self.check_workers()
            if time.monotonic() > deadline:
                raise HarnessStall("the input was not produced in time (the suite's own "
                                   "input producer did not deliver it)")
            time.sleep(0.5)
        ends = nwkafka.end_offsets(self.t.input)
        last = None
        while True:
            self.check_workers()
            if self.res.problems:
                raise AssertionError("; ".join(self.res.problems))
            try:
                last = nwkafka.committed_offsets(self.admin, self.t.group, self.t.input, ends)
            except AssertionError:
                pass
            if last == ends:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"committed {last} never reached the end {ends} within "
                                     f"{timeout:.0f}s (a stall or a lost message)")
            time.sleep(1)

    def read_all(self, topic: str, timeout: float = 300) -> list:
        """Every message of topic, read_committed, to the end of every partition."""
        c = Consumer({"bootstrap.servers": nwkafka.bootstrap_servers(),
                      "group.id": f"nw-fault-reader-{uuid.uuid4().hex[:8]}",
                      "enable.auto.commit": False, "auto.offset.reset": "earliest",
                      "isolation.level": "read_committed", "enable.partition.eof": True,
                      "fetch.wait.max.ms": 100})
        try:
            ends = nwkafka.end_offsets(topic)
            c.assign([TopicPartition(topic, p, -2) for p in ends])
            out = []
            reached = {p for p, e in ends.items() if e == 0}
            deadline = time.monotonic() + timeout
            while len(reached) < len(ends):
                if time.monotonic() > deadline:
                    raise AssertionError(f"{topic}: partitions {sorted(set(ends) - reached)} "
                                         f"not read to their end {ends} in {timeout:.0f}s")
                for m in c.consume(num_messages=2000, timeout=0.5):
                    if m.error():
                        if m.error().code() == KafkaError._PARTITION_EOF:
                            if m.offset() >= ends[m.partition()]:
                                reached.add(m.partition())
                            continue
                        raise KafkaException(m.error())
                    out.append((m.partition(), m.offset(), m.key(), m.headers()))
                    if m.offset() + 1 >= ends[m.partition()]:
                        reached.add(m.partition())
            return out
        finally:
            c.close()

    def verify(self, receiver: Receiver | None = None):
        r = self.res
        enriched = self.read_all(self.t.enriched)
        ids = Counter(k.decode("utf-8", "replace") for _, _, k, _ in enriched)
        r.enriched = len(ids)
        missing = self.exp.ids - set(ids)
        extra = set(ids) - self.exp.ids
        dup = sum(n - 1 for n in ids.values())
        dlq = self.read_all(self.t.dlq)
        where = Counter()
        reasons = {}
        wrong = []
        for _, _, k, hdrs in dlq:
            h = {a: (b or b"").decode("utf-8", "replace") for a, b in (hdrs or [])}
            src = (h.get("newsworker.source.partition"), h.get("newsworker.source.offset"))
            where[src] += 1
            want = self.exp.bad_keys.get(k, "?")
            got = h.get("newsworker.error.reason")
            reasons[k] = got
            if want is None:  # binary garbage: one of the byte-level classes
                if got not in ("nul_byte", "invalid_utf8", "control_chars"):
                    wrong.append(f"{k!r}: {got}")
            elif want != got:
                wrong.append(f"{k!r}: reason {got!r}, expected {want!r}")
        r.dlq = len(where)
        dup += sum(n - 1 for n in where.values())
        bad_missing = set(self.exp.bad_keys) - set(reasons)
        r.lost = len(missing) + len(bad_missing)
        r.dup = dup
        if missing:
            r.problems.append(f"{len(missing)} articles lost, e.g. {sorted(missing)[:5]}")
        if bad_missing:
            r.problems.append(f"{len(bad_missing)} malformed messages not dead-lettered, "
                              f"e.g. {sorted(bad_missing)[:5]}")
        if extra:
            r.problems.append(f"records for unknown ids: {sorted(extra)[:5]}")
        if wrong:
            r.problems.append(f"{len(wrong)} dead letters with a wrong reason: {wrong[:5]}")
        if self.mode == "exactly_once" and dup:
            r.problems.append(f"{dup} duplicates in exactly-once mode (read_committed)")
        if receiver is not None:
            alerts = self.read_all(self.t.alerts)
            keys = {k.decode("utf-8", "replace") for _, _, k, _ in alerts}
            want = keys
            with receiver.lock:
                got = set(receiver.delivered)
            undelivered = want - got
            r.note += f"; alerts {len(keys)}, delivered {len(want & got)}, " \
                      f"requests {receiver.requests}"
            r.lost += len(undelivered)
            if not keys:
                r.problems.append("no alert at all: the scenario proves nothing")
            if undelivered:
                r.problems.append(f"{len(undelivered)} of {len(keys)} alerts never reached "
                                  f"the webhook")
        r.rss_mb = round(self.rss.peak_kb / 1024, 1)
        if r.rss_mb > RSS_LIMIT_MB and not os.environ.get("NW_WORKER_WRAPPER"):
            r.problems.append(f"worker RSS peaked at {r.rss_mb} MB > {RSS_LIMIT_MB} MB")


# -------------------------------------------------------------- scenarios ----

def progress(run: Run) -> int:
    """Records visible so far (approximate, for timing faults): sum of end offsets."""
    try:
        return sum(nwkafka.end_offsets(run.t.enriched).values())
    except AssertionError:
        return -1


def when_records(run: Run, fraction: float, fn, timeout: float = 600) -> threading.Thread:
    """Runs fn() in a thread once the enriched topic holds `fraction` of the expected
    records: the fault lands mid-stream whatever the machine's speed."""
    want = fraction * len(run.exp.ids)

    def watch():
        deadline = time.monotonic() + timeout
        while progress(run) < want and time.monotonic() < deadline:
            if run.res.problems:
                return
            time.sleep(0.2)
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - reported with the run
            run.res.problems.append(f"fault injection failed: {type(e).__name__}: {e}")
    th = threading.Thread(target=watch, daemon=True)
    th.start()
    return th


def sc_broker_outage(run: Run, p: dict):
    msgs = run.messages(p["articles"])
    w = run.start_worker()
    nwkafka.wait_group_assigned(run.admin, run.t.group, run.t.input, INPUT_PARTITIONS, 120,
                                alive=w.alive)
    state = {}

    def outage():
        state["before"] = progress(run)
        log(f"  broker down for {p['outage']}s ({state['before']} records so far)")
        subprocess.run(["bash", str(BROKER_SH), "restart", str(p["outage"])], check=True,
                       timeout=p["outage"] + 300)
        log("  broker back")
    fault = when_records(run, 0.25, outage)
    th, done, errors = run.stream(msgs, p["rate"])
    fault.join(p["timeout"])
    run.wait_committed(done, p["timeout"] + p["outage"])
    run.res.note = f"outage {p['outage']}s after {state.get('before')} records"
    if state.get("before") is None or state["before"] >= len(run.exp.ids):
        run.res.problems.append(f"the outage did not land mid-stream ({state.get('before')})")
    return errors


def sc_kill9(run: Run, p: dict):
    msgs = run.messages(p["articles"])
    w = run.start_worker(replica=0)
    nwkafka.wait_group_assigned(run.admin, run.t.group, run.t.input, INPUT_PARTITIONS, 120,
                                alive=w.alive)
    state = {}

    def kill():
        state["before"] = progress(run)
        run.expected_dead.add(w)
        w.stop(timeout=30, sig=signal.SIGKILL)
        log(f"  kill -9 {w.name} after {state['before']} records; restarting it")
        time.sleep(1)
        run.start_worker(replica=0)  # the same transactional id fences the dead one
    fault = when_records(run, 0.35, kill)
    th, done, errors = run.stream(msgs, p["rate"])
    fault.join(p["timeout"])
    run.wait_committed(done, p["timeout"])
    run.res.note = f"kill -9 after {state.get('before')} records"
    if state.get("before") is None or state["before"] >= len(run.exp.ids):
        run.res.problems.append(f"the kill did not land mid-stream ({state.get('before')})")
    return errors


def wait_members(run: Run, n: int, timeout: float) -> None:
    """Until the group is stable with n members that each own input partitions."""
    deadline = time.monotonic() + timeout
    last = "?"
    while time.monotonic() < deadline:
        try:
            d = run.admin.describe_consumer_groups([run.t.group], request_timeout=10)[
                run.t.group].result(timeout=15)
            owners = [m for m in d.members if m.assignment and any(
                tp.topic == run.t.input for tp in m.assignment.topic_partitions)]
            last = f"state={d.state}, members={len(d.members)}, owning={len(owners)}"
            if str(d.state).upper().endswith("STABLE") and len(owners) == n:
                return
        except Exception as e:  # noqa: BLE001 - the coordinator may be busy
            last = repr(e)
        time.sleep(0.3)
    raise AssertionError(f"group never had {n} members owning partitions ({last})")


def sc_scale(run: Run, p: dict):
    msgs = run.messages(p["articles"])
    w1 = run.start_worker()
    nwkafka.wait_group_assigned(run.admin, run.t.group, run.t.input, INPUT_PARTITIONS, 120,
                                alive=w1.alive)
    state = {}

    def timeline():
        try:
            time.sleep(p["articles"] / p["scale_rate"] * 0.2)
            state["up"] = progress(run)
            log(f"  scaling 1 -> 3 after {state['up']} records")
            extra = [run.start_worker(), run.start_worker()]
            wait_members(run, 3, 120)
            time.sleep(1)
            state["down"] = progress(run)
            log(f"  3 workers own partitions; scaling 3 -> 1 (SIGTERM) after {state['down']}")
            for w in extra:
                run.stop_worker(w)
        except Exception as e:  # noqa: BLE001
            run.res.problems.append(f"scaling: {e}")
    tl = threading.Thread(target=timeline, daemon=True)
    tl.start()
    th, done, errors = run.stream(msgs, p["scale_rate"])
    tl.join(300)
    run.wait_committed(done, p["timeout"])
    run.res.note = f"3 workers from {state.get('up')} to {state.get('down')} records"
    return errors


def sc_webhook(run: Run, p: dict, receiver: Receiver):
    msgs = run.messages(p["articles"], prefer_summits=True)
    run.extra = ["-X", f"webhook.url={receiver.url}", "-X", f"webhook.secret={WEBHOOK_SECRET}",
                 "-X", "webhook.timeout_ms=15000", "-X", "webhook.connect_timeout_ms=2000",
                 "-X", "webhook.retry_schedule=1s,2s,3s", "-X", "webhook.max_attempts=100"]
    receiver.down()
    w = run.start_worker()
    nwkafka.wait_group_assigned(run.admin, run.t.group, run.t.input, INPUT_PARTITIONS, 120,
                                alive=w.alive)

    state = {}

    def committed_before_up():
        ends = nwkafka.end_offsets(run.t.input)
        got = nwkafka.committed_offsets(run.admin, run.t.group, run.t.input, ends)
        return sum(max(v, 0) for v in got.values())

    def timeline():
        time.sleep(p["hook_down"])
        log(f"  webhook slow (10 s answers) for {p['hook_slow']}s")
        receiver.up(delay=10)
        time.sleep(p["hook_slow"])
        # what the worker and the alerter did while the endpoint was unusable
        state["committed_before_up"] = committed_before_up()
        state["alerts_before_up"] = len(run.read_all(run.t.alerts))
        log("  webhook back")
        receiver.up(delay=0)
    tl = threading.Thread(target=timeline, daemon=True)
    log(f"  webhook down for {p['hook_down']}s")
    tl.start()
    th, done, errors = run.stream(msgs, p["rate"])
    run.wait_committed(done, p["timeout"])  # the alerter must not hold the worker back
    tl.join(p["hook_down"] + p["hook_slow"] + 30)
    # every alert reaches the endpoint eventually, while the worker runs
    deadline = time.monotonic() + p["timeout"]
    while time.monotonic() < deadline:
        run.check_workers()
        keys = {k.decode("utf-8", "replace") for _, _, k, _ in run.read_all(run.t.alerts)}
        with receiver.lock:
            got = set(receiver.delivered)
        if keys and keys <= got:
            break
        time.sleep(2)
    run.res.note = (f"while the webhook was down/slow: {state.get('committed_before_up')} inputs "
                    f"committed, {state.get('alerts_before_up')} alerts raised")
    return errors


def sc_malformed(run: Run, p: dict):
    msgs = run.messages(p["articles"], bad_ratio=0.02)
    w = run.start_worker()
    nwkafka.wait_group_assigned(run.admin, run.t.group, run.t.input, INPUT_PARTITIONS, 120,
                                alive=w.alive)
    th, done, errors = run.stream(msgs, p["rate"])
    run.wait_committed(done, p["timeout"])
    run.res.note = f"{len(run.exp.bad_keys)} malformed in {len(msgs)}"
    return errors


def sc_burst(run: Run, p: dict):
    n = p["burst"]
    words = ["Putin", "met", "Xi", "in", "Moscow", "on", "Friday", "to", "discuss", "trade",
             "worth", "$3", "billion", "with", "the", "European", "Union", "and", "NATO"]
    rng = random.Random(5)
    msgs = []
    for i in range(n):
        aid = f"burst-{i:06d}"
        body = " ".join(rng.choice(words) for _ in range(rng.randrange(5, 25))) + "."
        msgs.append((aid.encode(), json.dumps({"id": aid, "published": "2022-12-30",
                                               "body": body}).encode()))
        run.exp.ids.add(aid)
    w = run.start_worker()
    nwkafka.wait_group_assigned(run.admin, run.t.group, run.t.input, INPUT_PARTITIONS, 120,
                                alive=w.alive)
    th, done, errors = run.stream(msgs, None)
    run.wait_committed(done, p["timeout"] + n / 200)
    run.res.note = f"{n} small articles at once"
    return errors


SCENARIOS = {
    "broker_outage": sc_broker_outage,
    "kill9": sc_kill9,
    "scale_1_3_1": sc_scale,
    "webhook_down_slow": sc_webhook,
    "malformed_2pct": sc_malformed,
    "burst": sc_burst,
}


def params(full: bool) -> dict:
    if full:
        return {"articles": 3000, "rate": 100.0, "scale_rate": 60.0, "outage": 20, "burst": 100_000,
                "hook_down": 20, "hook_slow": 30, "timeout": 600}
    return {"articles": 1000, "rate": 250.0, "scale_rate": 80.0, "outage": 5, "burst": 10_000,
            "hook_down": 4, "hook_slow": 12, "timeout": 300}


def _interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")  # unwinds through the teardowns


def run_one(admin, sc: str, mode: str, logdir: Path, full: bool, p: dict) -> "Result":
    """One scenario in one mode; its result (with .harness_failed set when only the
    suite's input producer failed)."""
    run = Run(admin, sc, mode, logdir, full)
    t0 = time.monotonic()
    receiver = Receiver() if sc == "webhook_down_slow" else None
    try:
        run.setup()
        fn = SCENARIOS[sc]
        errors = fn(run, p, receiver) if receiver else fn(run, p)
        if errors:
            run.res.harness_failed = True
            run.res.problems.append(f"input production failed: {errors[:3]}")
        for w in run.workers:
            if w.alive():
                run.stop_worker(w)
        run.check_workers()
        run.verify(receiver)
    except Exception as e:  # noqa: BLE001 - reported per scenario
        if isinstance(e, HarnessStall):
            run.res.harness_failed = True
        run.res.problems.append(f"{type(e).__name__}: {e}")
        run.res.rss_mb = round(run.rss.peak_kb / 1024, 1)
    finally:
        if receiver:
            receiver.down()
        try:
            run.teardown()
        except Exception as e:  # noqa: BLE001
            run.res.problems.append(f"teardown: {e}")
    run.res.seconds = round(time.monotonic() - t0, 1)
    r = run.res
    log(f"    sent {r.sent} enriched {r.enriched} dlq {r.dlq} lost {r.lost} dup {r.dup} "
        f"rss {r.rss_mb} MB, {r.seconds}s {r.note}")
    for pr in r.problems:
        log(f"    PROBLEM: {pr[:3000]}")
    if r.problems:
        log(f"    worker logs in {run.logdir}")
    return r


def main() -> int:
    signal.signal(signal.SIGTERM, _interrupted)
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", action="store_true", default=os.environ.get("NW_FAULTS_FULL") == "1")
    ap.add_argument("--scenario", action="append", choices=sorted(SCENARIOS))
    ap.add_argument("--mode", action="append", choices=MODES)
    ap.add_argument("--logdir", type=Path, default=REPO / "build-faults" / "logs")
    ap.add_argument("--no-outage", action="store_true",
                    help="skip broker_outage (when the broker is not ours to restart)")
    a = ap.parse_args()
    p = params(a.full)
    scenarios = a.scenario or list(SCENARIOS)
    if a.no_outage and "broker_outage" in scenarios:
        scenarios.remove("broker_outage")
    modes = a.mode or MODES
    admin = AdminClient({"bootstrap.servers": nwkafka.bootstrap_servers()})
    admin.list_topics(timeout=30)
    nwkafka.committed_offsets(admin, "nw-fault-warmup", "nw-fault-warmup", [0])
    log(f"fault suite ({'full' if a.full else 'short'}): {p}; worker {nwkafka.worker_binary()}"
        f"{' under ' + os.environ['NW_WORKER_WRAPPER'] if os.environ.get('NW_WORKER_WRAPPER') else ''}")
    results = []
    for sc in scenarios:
        for mode in modes:
            log(f"--- {sc} / {mode}")
            r = run_one(admin, sc, mode, a.logdir, a.full, p)
            if r.harness_failed:
                # only the harness's own input producer failed: run it once more, in a fresh
                # group and topics; a failure of the worker is never retried
                log("    the suite's input producer failed (not the worker): rerunning once")
                r = run_one(admin, sc, mode, a.logdir / "rerun", a.full, p)
                r.note = (r.note + "; " if r.note else "") + "rerun: the input producer failed first"
            results.append(r)
    print()
    hdr = f"{'scenario':<18} {'mode':<14} {'sent':>7} {'enriched':>8} {'dlq':>5} {'lost':>5} " \
          f"{'dup':>5} {'rss_mb':>7} {'secs':>6}  result"
    print(hdr)
    print("-" * len(hdr))
    for r in results:
        print(f"{r.scenario:<18} {r.mode:<14} {r.sent:>7} {r.enriched:>8} {r.dlq:>5} {r.lost:>5} "
              f"{r.dup:>5} {r.rss_mb:>7} {r.seconds:>6}  {'ok' if not r.problems else 'FAILED'}"
              f"{'  (' + r.note + ')' if r.note else ''}")
    print(f"RSS bound: {RSS_LIMIT_MB:.0f} MB per worker process (NW_FAULTS_RSS_MB); "
          f"peak {max((r.rss_mb for r in results), default=0)} MB")
    failed = [r for r in results if r.problems]
    print("ALL OK" if not failed else f"FAILED: {len(failed)} of {len(results)} runs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
