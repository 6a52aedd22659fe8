"""Operations: /metrics, /healthz and /readyz of a worker on the real broker, and the
enriched records against docs/record.schema.json.

The scrape is parsed with prometheus_client's own parser (a malformed exposition fails
the test), names and types are checked against the issue's list, and the values must
move as articles flow. Readiness must turn false while the worker is stuck with a
backlog (its output topic missing: nothing can be acknowledged, nothing processed) and
true again once it recovers."""
from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from prometheus_client.parser import text_string_to_metric_families

import nwkafka
from nwkafka import INPUT_PARTITIONS

SCHEMA = nwkafka.REPO / "docs" / "record.schema.json"
N_ARTICLES = 40

# name -> (type, label names of its samples) : the contract of docs/operations.md
EXPECTED = {
    "newsworker_build_info": ("gauge", {"version"}),
    "newsworker_articles": ("counter", {"outcome"}),
    "newsworker_records_produced": ("counter", {"topic"}),
    "newsworker_extract_duration_seconds": ("histogram", None),
    "newsworker_consumer_lag": ("gauge", {"topic", "partition"}),
    "newsworker_rebalances": ("counter", set()),
    "newsworker_alerts": ("counter", set()),
    "newsworker_webhook_deliveries": ("counter", {"endpoint", "status"}),
    "newsworker_webhook_pending": ("gauge", set()),
    "newsworker_ready": ("gauge", set()),
}


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


class Scrape:
    """One /metrics scrape: families by name, and samples by (name, labels)."""

    def __init__(self, port: int):
        status, self.text = get(port, "/metrics")
        assert status == 200, f"/metrics answered {status}"
        self.families = {f.name: f for f in text_string_to_metric_families(self.text)}
        self.samples = {}
        for f in self.families.values():
            for s in f.samples:
                self.samples[(s.name, tuple(sorted(s.labels.items())))] = s.value

    def value(self, name: str, **labels) -> float | None:
        return self.samples.get((name, tuple(sorted(labels.items()))))

    def series(self, name: str) -> dict[tuple, float]:
        return {lab: v for (n, lab), v in self.samples.items() if n == name}


def wait_for(what: str, cond, timeout: float, alive=None, interval: float = 0.3):
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


def test_metrics_and_readiness(admin, topics, start_worker, shared_data):
    port = free_port()
    w = start_worker(topics, "-X", f"metrics.listen=127.0.0.1:{port}",
                     "-X", "kafka.statistics.interval.ms=500", "-X", "worker.alerter=true")
    # liveness first: the server is up before the group is joined
    wait_for("/healthz 200", lambda: get(port, "/healthz")[0] == 200, 60, w.alive)
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    status, body = wait_for("/readyz 200", lambda: (lambda r: r if r[0] == 200 else None)(
        get(port, "/readyz")), 60, w.alive)
    assert body.startswith("ready"), body
    assert get(port, "/nope")[0] == 404

    before = Scrape(port)
    for name, (typ, labels) in EXPECTED.items():
        assert name in before.families, f"{name} missing from /metrics:\n{before.text}"
        assert before.families[name].type == typ, f"{name} is a {before.families[name].type}"
        for s in before.families[name].samples:
            if labels is not None:
                assert set(s.labels) == labels, f"{s.name} labels {s.labels}, expected {labels}"
    assert before.value("newsworker_build_info", version="0.1.0") == 1
    assert before.value("newsworker_articles_total", outcome="enriched") == 0
    assert before.value("newsworker_rebalances_total") >= 1
    assert before.value("newsworker_ready") == 1

    corpus = nwkafka.load_corpus(0, N_ARTICLES)
    msgs = [(c["id"].encode(), nwkafka.envelope(c)) for c in corpus]
    msgs += [(b"bad-json", b'{"id": "bad-json", "body": "unterminated'), (b"bad-empty", b"")]
    nwkafka.produce(topics.input, msgs)

    def flowed():
        s = Scrape(port)
        ok = (s.value("newsworker_articles_total", outcome="enriched") == N_ARTICLES
              and s.value("newsworker_articles_total", outcome="dlq") == 2
              and s.value("newsworker_records_produced_total", topic=topics.enriched) == N_ARTICLES
              and s.value("newsworker_records_produced_total", topic=topics.dlq) == 2)
        return s if ok else None
    after = wait_for("the counters to count every article", flowed, 120, w.alive, 0.5)
    count = after.value("newsworker_extract_duration_seconds_count")
    assert count == N_ARTICLES + 2, f"histogram count {count}"
    assert after.value("newsworker_extract_duration_seconds_bucket", le="+Inf") == count
    assert 0 < after.value("newsworker_extract_duration_seconds_sum") < 60
    buckets = sorted(((float(dict(lab)["le"]), v) for lab, v in
                      after.series("newsworker_extract_duration_seconds_bucket").items()))
    assert [v for _, v in buckets] == sorted(v for _, v in buckets), "buckets not cumulative"
    summits = after.value("newsworker_records_produced_total", topic=topics.summits)
    assert summits is not None

    # consumer lag: one series per assigned input partition, back to 0 once committed
    def lag_zero():
        s = Scrape(port)
        lag = {dict(lab)["partition"]: v for lab, v in s.series("newsworker_consumer_lag").items()
               if dict(lab)["topic"] == topics.input}
        return s if len(lag) == INPUT_PARTITIONS and all(v == 0 for v in lag.values()) else None
    wait_for("consumer lag 0 on every input partition", lag_zero, 60, w.alive, 0.5)
    assert get(port, "/readyz")[0] == 200


def test_readiness_turns_false_when_stuck(admin, topics, start_worker, shared_data):
    """Outputs are acknowledged only after a long while (kafka.linger.ms holds every record
    6 s in the producer), as when brokers stop answering, and worker.max_in_flight=1 makes
    the worker wait for each: it takes one message and pauses with a backlog. /readyz must
    say 'stalled' once nothing was processed for metrics.stall_timeout_ms while messages
    wait, and be ready again after the backlog is through."""
    n = 3
    port = free_port()
    w = start_worker(topics, "-X", f"metrics.listen=127.0.0.1:{port}",
                     "-X", "metrics.stall_timeout_ms=2000", "-X", "kafka.statistics.interval.ms=300",
                     "-X", "worker.max_in_flight=1", "-X", "kafka.linger.ms=6000",
                     "-X", "worker.alerter=false")
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    wait_for("/readyz 200", lambda: get(port, "/readyz")[0] == 200, 60, w.alive)
    corpus = nwkafka.load_corpus(0, n)
    nwkafka.produce(topics.input, [(c["id"].encode(), nwkafka.envelope(c)) for c in corpus])
    status, body = wait_for("/readyz 503 (stalled)", lambda: (lambda r: r if r[0] == 503 else None)(
        get(port, "/readyz")), 30, w.alive, 0.2)
    assert "worker stalled" in body, body
    s = Scrape(port)
    assert s.value("newsworker_ready") == 0
    assert s.value("newsworker_articles_total", outcome="enriched") < n
    assert s.value("newsworker_last_progress_age_seconds", role="worker") >= 2
    s = wait_for("every article enriched and acknowledged", lambda: (lambda s: s if s.value(
        "newsworker_records_produced_total", topic=topics.enriched) == n else None)(Scrape(port)),
        120, w.alive, 0.5)
    wait_for("/readyz 200 again", lambda: get(port, "/readyz")[0] == 200, 30, w.alive)


def test_health_command(admin, topics, start_worker, worker_bin):
    """`newsworker health` (the container HEALTHCHECK) against a running worker."""
    import subprocess
    port = free_port()
    listen = f"metrics.listen=127.0.0.1:{port}"

    def health(*what):
        return subprocess.run([str(worker_bin), "health", *what, "-X", listen],
                              capture_output=True, timeout=30, env=nwkafka.worker_env())
    assert health().returncode == 1, "no worker yet: health must fail"
    w = start_worker(topics, "-X", listen, "-X", "kafka.statistics.interval.ms=500")
    wait_for("health live", lambda: health().returncode == 0, 60, w.alive)
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    wait_for("health ready", lambda: health("ready").returncode == 0, 60, w.alive)
    p = subprocess.run([str(worker_bin), "health"], capture_output=True, timeout=30,
                       env=nwkafka.worker_env())
    assert p.returncode == 2, "without metrics.listen there is nothing to probe"
