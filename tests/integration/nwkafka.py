"""Helpers for the integration tests: a real Kafka broker (tests/kafka/broker.sh) and the
newsworker binary. No test logic here; see conftest.py for the fixtures."""
from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

REPO = Path(__file__).resolve().parents[2]
# CI clones the repo with shared/ as a sibling directory: never copy shared data in.
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "data" / "seed" / "article.txt"
CORPUS = SHARED / "data" / "corpus" / "current-events.jsonl"
VALIDATE = SHARED / "eval" / "validate.py"

INPUT_PARTITIONS = 3


def bootstrap_servers() -> str:
    if os.environ.get("NW_KAFKA_BOOTSTRAP"):
        return os.environ["NW_KAFKA_BOOTSTRAP"]
    return f"127.0.0.1:{os.environ.get('NW_KAFKA_PORT', '19092')}"


def worker_binary() -> Path:
    return Path(os.environ.get("NW_WORKER_BIN") or REPO / "build" / "newsworker")


def worker_env(extra: dict | None = None) -> dict:
    """The test's environment without any NEWSWORKER_* overrides of the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWORKER_")}
    env.update(extra or {})
    return env


def load_corpus(start: int, count: int) -> list[dict]:
    out = []
    with open(CORPUS, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < start:
                continue
            if len(out) >= count:
                break
            out.append(json.loads(line))
    assert len(out) == count, f"{CORPUS} has fewer than {start + count} lines"
    return out


def envelope(item: dict) -> bytes:
    """A corpus item as the JSON envelope the worker reads (body = text)."""
    return json.dumps({"id": item["id"], "published": item["published"],
                       "title": item.get("title"), "body": item["text"]},
                      ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- topics ----

@dataclass
class Topics:
    """Fresh, uniquely named topics (and consumer group) for one test."""
    input: str
    enriched: str
    summits: str
    alerts: str
    dlq: str
    group: str
    webhooks: str = ""

    @classmethod
    def unique(cls, label: str) -> "Topics":
        tag = f"nw-it-{label[:30]}-{uuid.uuid4().hex[:8]}"
        return cls(input=f"{tag}.raw", enriched=f"{tag}.enriched", summits=f"{tag}.summits",
                   alerts=f"{tag}.alerts", dlq=f"{tag}.dlq", group=f"{tag}.group",
                   webhooks=f"{tag}.webhooks")

    def all(self) -> list[str]:
        return [self.input, self.enriched, self.summits, self.alerts, self.dlq, self.webhooks]

    def worker_args(self) -> list[str]:
        args = []
        for k in ("input", "enriched", "summits", "alerts", "dlq", "webhooks"):
            args += ["-X", f"topics.{k}={getattr(self, k)}"]
        return args


def create_topics(admin: AdminClient, partitions: dict[str, int], timeout: float = 60) -> None:
    futures = admin.create_topics([NewTopic(t, num_partitions=p, replication_factor=1)
                                   for t, p in partitions.items()], operation_timeout=30)
    for t, f in futures.items():
        f.result(timeout=timeout)
    # wait until every partition has a leader in the metadata
    deadline = time.monotonic() + timeout
    while True:
        md = admin.list_topics(timeout=10)
        ready = all(t in md.topics and md.topics[t].error is None
                    and len(md.topics[t].partitions) == p
                    and all(pm.leader >= 0 for pm in md.topics[t].partitions.values())
                    for t, p in partitions.items())
        if ready:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"topics {sorted(partitions)} not ready after {timeout}s")
        time.sleep(0.2)


def delete_topics(admin: AdminClient, names: Iterable[str]) -> None:
    names = list(names)
    if not names:
        return
    for f in admin.delete_topics(names, operation_timeout=30).values():
        try:
            f.result(timeout=30)
        except Exception:  # best effort: topics are uniquely named anyway
            pass


# -------------------------------------------------------------- produce ----

@dataclass
class Sent:
    key: bytes | None
    value: bytes | None
    partition: int = -1
    offset: int = -1


def produce(topic: str, messages: list[tuple[bytes | None, bytes | None]],
            headers: list | None = None, timeout: float = 60,
            bootstrap: str | None = None) -> list[Sent]:
    """Produce (key, value) pairs, wait for every delivery, return partition/offset of each.
    bootstrap: another broker than the suite's."""
    p = Producer({"bootstrap.servers": bootstrap or bootstrap_servers(), "acks": "all",
                  "enable.idempotence": True, "linger.ms": 5,
                  "message.max.bytes": 4 * 1024 * 1024})
    sent = [Sent(k, v) for k, v in messages]
    errors = []

    def on_delivery(s: Sent):
        def cb(err, msg):
            if err is not None:
                errors.append(f"{s.key!r}: {err}")
            else:
                s.partition, s.offset = msg.partition(), msg.offset()
        return cb

    for s in sent:
        while True:
            try:
                p.produce(topic, key=s.key, value=s.value, headers=headers,
                          on_delivery=on_delivery(s))
                break
            except BufferError:
                p.poll(0.1)
        p.poll(0)
    left = p.flush(timeout)
    assert left == 0, f"{left} messages not delivered to {topic} within {timeout}s"
    assert not errors, f"delivery errors: {errors[:5]}"
    return sent


# -------------------------------------------------------------- consume ----

@dataclass
class Msg:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes | None] = field(default_factory=dict)
    timestamp: int = 0

    def json(self):
        return json.loads(self.value.decode("utf-8"))

    def header(self, name: str) -> str | None:
        v = self.headers.get(name)
        return None if v is None else v.decode("utf-8", "replace")


class TopicReader:
    """Reads a whole topic from the beginning (manual assignment, no group, no commits),
    accumulating everything seen in .messages."""

    def __init__(self, topic: str, bootstrap: str | None = None):
        self.topic = topic
        self.messages: list[Msg] = []
        self.consumer = Consumer({
            "bootstrap.servers": bootstrap or bootstrap_servers(),
            "group.id": f"nw-it-reader-{uuid.uuid4().hex[:8]}",
            "enable.auto.commit": False,
            "auto.offset.reset": "earliest",
            "isolation.level": "read_committed",  # the default, said aloud: EOS tests need it
            "fetch.wait.max.ms": 100,
        })
        md = self.consumer.list_topics(topic, timeout=10)
        parts = sorted(md.topics[topic].partitions)
        assert parts, f"topic {topic} has no partitions"
        self.consumer.assign([TopicPartition(topic, p, -2) for p in parts])  # -2 = beginning

    def _poll(self, timeout: float) -> int:
        n = 0
        for m in self.consumer.consume(num_messages=500, timeout=timeout):
            if m.error():
                if m.error().code() == KafkaError._PARTITION_EOF:
                    continue
                raise KafkaException(m.error())
            self.messages.append(Msg(m.topic(), m.partition(), m.offset(), m.key(), m.value(),
                                     {k: v for k, v in (m.headers() or [])},
                                     m.timestamp()[1]))
            n += 1
        return n

    def poll_until(self, done: Callable[[list[Msg]], bool], timeout: float,
                   what: str = "condition", on_idle: Callable[[], None] | None = None) -> None:
        """Poll until done(messages) holds; AssertionError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not done(self.messages):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout:.0f}s waiting for {what} on {self.topic} "
                    f"({len(self.messages)} messages read)")
            self._poll(0.5)
            if on_idle:
                on_idle()

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds` more (to catch late duplicates or strays)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._poll(0.5)

    def close(self) -> None:
        self.consumer.close()


def retrying(what: str, fn: Callable, timeout: float = 60):
    """fn() until it returns without a Kafka error or a timed-out future (a broker that
    is loading its group coordinator answers late): the last error after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return fn()
        except (KafkaException, TimeoutError) as e:
            if time.monotonic() > deadline:
                raise AssertionError(f"{what}: no answer within {timeout}s ({e!r})") from e
            time.sleep(0.5)


def end_offsets(topic: str) -> dict[int, int]:
    c = Consumer({"bootstrap.servers": bootstrap_servers(),
                  "group.id": f"nw-it-wm-{uuid.uuid4().hex[:8]}"})

    def get():
        md = c.list_topics(topic, timeout=10)
        out = {}
        for p in sorted(md.topics[topic].partitions):
            _low, high = c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
            out[p] = high
        return out
    try:
        return retrying(f"end offsets of {topic}", get)
    finally:
        c.close()


def committed_offsets(admin: AdminClient, group: str, topic: str,
                      partitions: Iterable[int]) -> dict[int, int]:
    """The group's committed offsets (-1001 = none), read with a consumer's committed(),
    which neither joins nor disturbs the group. (Not AdminClient.list_consumer_group_offsets:
    confluent-kafka 2.16.1 crashes the process when it is called while the broker is still
    creating __consumer_offsets.) `admin` is unused, kept for the callers."""
    c = Consumer({"bootstrap.servers": bootstrap_servers(), "group.id": group,
                  "enable.auto.commit": False})

    def get():
        tps = c.committed([TopicPartition(topic, p) for p in partitions], timeout=10)
        for tp in tps:
            if tp.error is not None:
                raise KafkaException(tp.error)
        return {tp.partition: tp.offset for tp in tps}
    try:
        return retrying(f"committed offsets of {group}", get, timeout=120)
    finally:
        c.close()


def wait_group_assigned(admin: AdminClient, group: str, topic: str, partitions: int,
                        timeout: float, alive: Callable[[], bool] | None = None) -> None:
    """Wait until the consumer group is Stable and its members own every partition of topic."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while True:
        try:
            desc = admin.describe_consumer_groups([group], request_timeout=10)[group].result(
                timeout=15)
            owned = set()
            for m in desc.members:
                if m.assignment:
                    owned |= {tp.partition for tp in m.assignment.topic_partitions
                              if tp.topic == topic}
            last = f"state={desc.state}, members={len(desc.members)}, owned={sorted(owned)}"
            if str(desc.state).upper().endswith("STABLE") and len(owned) == partitions:
                return
        except (KafkaException, TimeoutError) as e:  # e.g. the coordinator still loading
            last = repr(e)
        if alive is not None and not alive():
            raise AssertionError(f"the worker exited before joining group {group} ({last})")
        if time.monotonic() > deadline:
            raise AssertionError(f"group {group} did not get all {partitions} partitions of "
                                 f"{topic} within {timeout}s ({last})")
        time.sleep(0.3)


# --------------------------------------------------------------- worker ----

class Worker:
    """One `newsworker run` subprocess with stdout/stderr in files."""

    def __init__(self, name: str, args: list[str], logdir: Path, env: dict | None = None,
                 command: str = "run"):
        self.name = name
        # NW_WORKER_WRAPPER runs the worker under a tool, e.g.
        # "valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
        wrapper = shlex.split(os.environ.get("NW_WORKER_WRAPPER", ""))
        self.argv = [*wrapper, str(worker_binary()), command, *args]
        self.out_path = logdir / f"{name}.stdout"
        self.err_path = logdir / f"{name}.stderr"
        self.env = worker_env(env)
        self.proc: subprocess.Popen | None = None
        self.returncode: int | None = None

    def start(self) -> "Worker":
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=err, cwd=REPO, env=self.env)
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 60, sig: int = signal.SIGTERM) -> int:
        """Signal the worker and wait for it to exit; returns its exit code."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.returncode = self.proc.returncode
                raise AssertionError(f"worker {self.name} still running {timeout}s after "
                                     f"{signal.Signals(sig).name}; killed it")
        self.returncode = self.proc.returncode
        return self.returncode

    def stderr_text(self, limit: int = 20000) -> str:
        try:
            data = self.err_path.read_bytes()
        except OSError:
            return ""
        text = data.decode("utf-8", "replace")
        if len(text) > limit:
            text = f"[... {len(text) - limit} characters cut ...]\n" + text[-limit:]
        return text

    def stdout_text(self, limit: int = 5000) -> str:
        try:
            return self.out_path.read_bytes().decode("utf-8", "replace")[-limit:]
        except OSError:
            return ""

    def describe(self) -> str:
        rc = self.proc.poll() if self.proc is not None else None
        state = "still running" if self.proc is not None and rc is None else f"exit code: {rc}"
        return (f"$ {' '.join(self.argv)}\n{state}\n"
                f"--- stderr ({self.err_path}) ---\n{self.stderr_text()}\n"
                f"--- stdout ({self.out_path}) ---\n{self.stdout_text()}")


# ------------------------------------------------- HTTP probes (metrics.listen)

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def wait_for(what: str, cond, timeout: float, alive=None, interval: float = 0.3):
    """Polls cond() until it returns something true; connection errors count as not yet."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = cond()
        except (OSError, urllib.error.URLError) as e:  # the server not up yet
            last = e
        if last and not isinstance(last, Exception):
            return last
        if alive is not None:
            assert alive(), f"the worker exited while waiting for {what}"
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what} (last: {last!r})")
        time.sleep(interval)
