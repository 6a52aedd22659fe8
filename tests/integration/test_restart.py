"""At-least-once across a restart: stop the worker mid-stream with SIGTERM, start it again."""
import signal
import time
from collections import Counter

import nwkafka
from nwkafka import INPUT_PARTITIONS


def wait_committed(admin, group, topic, timeout):
    deadline = time.monotonic() + timeout
    while True:
        ends = nwkafka.end_offsets(topic)
        committed = nwkafka.committed_offsets(admin, group, topic, ends)
        if committed == ends:
            return ends
        if time.monotonic() > deadline:
            raise AssertionError(f"committed offsets {committed} != end offsets {ends} "
                                 f"after {timeout}s")
        time.sleep(0.5)


def test_restart_at_least_once(admin, topics, start_worker, shared_data):
    # batch1 is large so that the first worker is still busy when it gets SIGTERM
    batch1 = nwkafka.load_corpus(1000, 3000)
    batch2 = nwkafka.load_corpus(4000, 300)
    expected = {c["id"] for c in batch1 + batch2}
    assert len(expected) == len(batch1) + len(batch2)

    w1 = start_worker(topics, name="worker1")
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w1.alive)
    sent1 = nwkafka.produce(topics.input,
                            [(c["id"].encode(), nwkafka.envelope(c)) for c in batch1])

    enriched = nwkafka.TopicReader(topics.enriched)
    try:
        enriched.poll_until(lambda ms: len(ms) >= 1, timeout=120, what="a first record")
        t0 = time.monotonic()
        rc = w1.stop(timeout=40)  # shutdown_timeout_ms defaults to 10 s
        took = time.monotonic() - t0
        assert rc == 0, f"worker1 exited {rc} after SIGTERM"
        # at-least-once: every input message below the committed offsets has its record
        enriched.drain(2)
        done = {m.json()["article"]["id"] for m in enriched.messages}
        ends1 = nwkafka.end_offsets(topics.input)
        committed1 = nwkafka.committed_offsets(admin, topics.group, topics.input, ends1)
        lost = [s.key.decode() for s in sent1
                if s.offset < committed1.get(s.partition, -1) and s.key.decode() not in done]
        assert not lost, (f"worker1 committed offsets {committed1} past {len(lost)} articles "
                          f"that have no enriched record, e.g. {lost[:5]}")
        print(f"worker1 stopped after {took:.1f}s: {len(done)} of {len(batch1)} enriched, "
              f"committed {committed1} of {ends1}")

        # what arrives while no worker runs must be picked up by the next one
        nwkafka.produce(topics.input, [(c["id"].encode(), nwkafka.envelope(c)) for c in batch2])

        w2 = start_worker(topics, name="worker2")

        def alive():
            assert w2.alive(), f"worker2 exited early with code {w2.proc.returncode}"

        try:
            enriched.poll_until(
                lambda ms: expected <= {m.json()["article"]["id"] for m in ms},
                timeout=240, what=f"all {len(expected)} ids", on_idle=alive)
        except AssertionError as e:
            seen = {m.json()["article"]["id"] for m in enriched.messages}
            missing = sorted(expected - seen)
            b1 = sum(1 for c in batch1 if c["id"] in missing)
            raise AssertionError(f"{e}: {len(missing)} ids never enriched ({b1} from before "
                                 f"the restart), e.g. {missing[:8]}") from None
        enriched.drain(2)
    finally:
        enriched.close()

    counts = Counter(m.json()["article"]["id"] for m in enriched.messages)
    extra = set(counts) - expected
    assert not extra, f"unexpected ids: {sorted(extra)[:10]}"
    print(f"{sum(counts.values())} records for {len(counts)} ids "
          f"({sum(n - 1 for n in counts.values())} redelivered)")

    # the running worker commits what it processed ...
    ends = wait_committed(admin, topics.group, topics.input, timeout=60)
    assert sum(ends.values()) == len(expected)
    # ... and still has it all committed after a clean stop (SIGINT this time)
    rc = w2.stop(timeout=40, sig=signal.SIGINT)
    assert rc == 0, f"worker2 exited {rc} after SIGINT"
    assert nwkafka.committed_offsets(admin, topics.group, topics.input, ends) == ends
