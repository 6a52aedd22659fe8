"""Start-up of `newsworker run` when one role cannot start: the alerter's exactly-once
producer (alerts.guarantee=exactly_once, the default) needs the broker's transaction
coordinator, and its init_transactions is retried until the broker can serve it.

Each role starts on its own: the article consumer must enrich articles meanwhile,
/readyz must name the role stuck in start-up and why (`alerter starting:
init_transactions`), and SIGTERM in that state must be a prompt, clean exit 0. A fatal
answer to init_transactions (not retried) must still make the whole process exit 1.

The broker that cannot serve transactions is real: a second single-node broker of this
test (tests/kafka/broker.sh) with transaction.state.log.replication.factor=3, which it
cannot meet, so it never creates __transaction_state and answers every
FindCoordinator(transaction) with COORDINATOR_NOT_AVAILABLE, as a misconfigured
production cluster does."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import tempfile
import time

import pytest
from confluent_kafka.admin import AdminClient

import nwkafka
from nwkafka import INPUT_PARTITIONS, Topics, free_port, get, wait_for

BROKER_SH = nwkafka.REPO / "tests" / "kafka" / "broker.sh"
N_ARTICLES = 30


def port_pair() -> int:
    """A free port whose next one (the controller's) is free too."""
    for _ in range(50):
        p = free_port()
        if p < 65000:
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p + 1))
                except OSError:
                    continue
            return p
    raise AssertionError("no free port pair")


@pytest.fixture(scope="module")
def no_txn_broker():
    """A broker of this module that cannot serve transactions; yields its bootstrap."""
    port = port_pair()
    state = tempfile.mkdtemp(prefix="newsworker-kafka-notxn-")
    env = {**os.environ, "NW_KAFKA_PORT": str(port), "NW_KAFKA_STATE": state,
           "NW_KAFKA_CONTROLLER_PORT": str(port + 1),
           "NW_KAFKA_EXTRA_PROPERTIES": "transaction.state.log.replication.factor=3"}
    r = subprocess.run(["bash", str(BROKER_SH), "start"], env=env, capture_output=True,
                       text=True, timeout=240)
    if r.returncode != 0:
        subprocess.run(["bash", str(BROKER_SH), "stop"], env=env, capture_output=True, timeout=60)
        pytest.fail(f"second broker did not start:\n{r.stderr[-3000:]}", pytrace=False)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run(["bash", str(BROKER_SH), "stop"], env=env, capture_output=True,
                       timeout=120)


def test_alerter_stuck_in_init_transactions(request, no_txn_broker, start_worker,
                                            shared_data):
    bootstrap = no_txn_broker
    admin = AdminClient({"bootstrap.servers": bootstrap})
    label = re.sub(r"[^a-zA-Z0-9]+", "-", request.node.name).strip("-").lower()
    t = Topics.unique(label)
    nwkafka.create_topics(admin, {t.input: INPUT_PARTITIONS, t.enriched: 3, t.summits: 1,
                                  t.alerts: 1, t.dlq: 1, t.webhooks: 1})
    port = free_port()
    # the later -X wins: this test's broker, not the suite's
    w = start_worker(t, "-X", f"kafka.bootstrap.servers={bootstrap}",
                     "-X", f"metrics.listen=127.0.0.1:{port}",
                     "-X", "kafka.statistics.interval.ms=500",
                     "-X", "worker.alerter=true", "-X", "alerts.guarantee=exactly_once")

    # the article consumer runs while the alerter waits on the broker
    nwkafka.wait_group_assigned(admin, t.group, t.input, INPUT_PARTITIONS, timeout=90,
                                alive=w.alive)
    corpus = nwkafka.load_corpus(0, N_ARTICLES)
    expected = {c["id"] for c in corpus}
    nwkafka.produce(t.input, [(c["id"].encode(), nwkafka.envelope(c)) for c in corpus],
                    bootstrap=bootstrap)
    enriched = nwkafka.TopicReader(t.enriched, bootstrap=bootstrap)
    try:
        enriched.poll_until(lambda ms: expected <= {m.json()["article"]["id"] for m in ms},
                            timeout=120, what=f"all {N_ARTICLES} articles enriched",
                            on_idle=lambda: None if w.alive() else pytest.fail(
                                f"the worker exited: {w.describe()}", pytrace=False))
    finally:
        enriched.close()

    # readiness names the role and the step it waits on; the consumer itself is fine
    def named():
        status, body = get(port, "/readyz")
        return (status, body) if "alerter starting: init_transactions" in body and \
            re.search(r"^worker ok: ", body, re.M) else None
    status, body = wait_for("/readyz naming the alerter", named, 60, w.alive)
    assert status == 503, body
    assert body.startswith("not ready"), body
    err = w.stderr_text(limit=10**7)
    assert "event=started role=worker" in err, err[-3000:]
    assert "event=started role=alerter" not in err, "the alerter started on a broker without transactions"
    assert "event=init_transactions_retry role=alerter" in err, err[-3000:]

    # SIGTERM while the alerter is still starting: a prompt, clean exit
    t0 = time.monotonic()
    rc = w.stop(timeout=30)
    took = time.monotonic() - t0
    assert rc == 0, f"exit code {rc} after SIGTERM during the alerter's start-up"
    assert took < 15, f"SIGTERM took {took:.1f}s"
    err = w.stderr_text(limit=10**7)
    assert "event=stopped role=worker" in err, err[-3000:]
    assert "exiting_after_fatal_error" not in err, err[-3000:]
    nwkafka.delete_topics(admin, t.all())


def test_alerter_init_fails_for_real(topics, start_worker):
    """A fatal answer to init_transactions: a transaction timeout above the broker's
    transaction.max.timeout.ms (15 min by default) is refused with
    INVALID_TRANSACTION_TIMEOUT, which librdkafka makes fatal. The process must stop the
    roles that did start and exit 1, promptly."""
    w = start_worker(topics, "-X", "worker.alerter=true", "-X", "alerts.guarantee=exactly_once",
                     "-X", "kafka.transaction.timeout.ms=1000000")
    deadline = time.monotonic() + 60
    while w.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not w.alive(), "the worker still runs 60 s after its alerter failed to start"
    assert w.proc.returncode == 1, w.describe()
    err = w.stderr_text(limit=10**7)
    assert re.search(r"event=init_failed role=alerter .*[Tt]ransaction timeout", err), err[-3000:]
    assert "event=exiting_after_fatal_error" in err, err[-3000:]
    if "event=started role=worker" in err:  # it started meanwhile: it stops cleanly
        assert "event=stopped role=worker" in err, err[-3000:]
