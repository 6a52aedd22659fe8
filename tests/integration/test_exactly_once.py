"""Exactly-once mode on the real broker: outputs and input offsets in one Kafka transaction.

A worker in worker.processing_guarantee=exactly_once is killed with SIGKILL mid-stream
(its open transaction is left dangling) and restarted with the same transactional id,
which fences the dead one and aborts its transaction. A read_committed reader must then
see every article exactly once in articles.enriched and every malformed message exactly
once in articles.dlq, and the committed input offsets must reach the end of the input."""
import signal
import time
from collections import Counter

import nwkafka
from nwkafka import INPUT_PARTITIONS

EOS = ["-X", "worker.processing_guarantee=exactly_once",
       "-X", "worker.transaction_max_messages=50",
       "-X", "worker.alerter=false"]


def test_exactly_once_across_kill9(admin, topics, start_worker, shared_data):
    items = nwkafka.load_corpus(2000, 2500)
    bad = [(f"bad-{i}".encode(), v) for i, v in
           enumerate([b"", b"[1,2]", b"\xff\xfe", b'{"id":"x","body":7}'])]
    expected = {c["id"] for c in items}
    messages = [(c["id"].encode(), nwkafka.envelope(c)) for c in items]
    # malformed ones early and late, so some fall into the aborted transaction
    messages = bad[:2] + messages + bad[2:]

    txn = ["-X", f"worker.transactional_id={topics.group}-replica-0"]
    w1 = start_worker(topics, *EOS, *txn, name="eos1")
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w1.alive)
    nwkafka.produce(topics.input, messages)

    enriched = nwkafka.TopicReader(topics.enriched)  # isolation.level=read_committed
    try:
        enriched.poll_until(lambda ms: len(ms) >= 200, timeout=120, what="200 committed records")
        rc = w1.stop(timeout=10, sig=signal.SIGKILL)
        assert rc == -signal.SIGKILL, f"eos1 was not killed: {rc}"
        enriched.drain(1)
        before = len({m.json()["article"]["id"] for m in enriched.messages})
        # the kill must land mid-stream, or the test proves nothing
        assert before < len(expected), "eos1 finished everything before the kill"

        w2 = start_worker(topics, *EOS, *txn, name="eos2")

        def alive():
            assert w2.alive(), f"eos2 exited early with code {w2.proc.returncode}"

        enriched.poll_until(lambda ms: expected <= {m.json()["article"]["id"] for m in ms},
                            timeout=240, what=f"all {len(expected)} ids", on_idle=alive)
        enriched.drain(3)
    finally:
        enriched.close()

    counts = Counter(m.json()["article"]["id"] for m in enriched.messages)
    dups = {k: n for k, n in counts.items() if n > 1}
    assert not dups, f"{len(dups)} ids duplicated in read_committed output, e.g. {list(dups.items())[:5]}"
    assert set(counts) == expected

    dlq = nwkafka.TopicReader(topics.dlq)
    try:
        dlq.poll_until(lambda ms: len(ms) >= len(bad), timeout=60, what="the dead letters")
        dlq.drain(2)
    finally:
        dlq.close()
    dkeys = Counter(m.key for m in dlq.messages)
    assert dkeys == Counter(k for k, _ in bad), f"dead letters {dkeys}"

    # the transactions committed the input offsets up to the end
    deadline = time.monotonic() + 60
    ends = nwkafka.end_offsets(topics.input)
    while True:
        committed = nwkafka.committed_offsets(admin, topics.group, topics.input, ends)
        if committed == ends or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert committed == ends, f"committed {committed} != end {ends}"
    print(f"exactly-once: {before} ids committed before kill -9, {len(counts)} ids once each "
          f"after the restart, dlq {dict(dkeys)}")
