"""The test broker itself: topics, produce, consume, group commits. Needs no worker."""
import uuid

from confluent_kafka import Consumer

import nwkafka


def test_produce_consume_roundtrip(admin, bootstrap):
    topic = f"nw-it-broker-{uuid.uuid4().hex[:8]}"
    nwkafka.create_topics(admin, {topic: 3})
    try:
        msgs = [(f"k{i}".encode(), f"value {i} \u00e9".encode()) for i in range(300)]
        sent = nwkafka.produce(topic, msgs)
        assert {s.partition for s in sent} == {0, 1, 2}, "keys should spread over 3 partitions"

        reader = nwkafka.TopicReader(topic)
        try:
            reader.poll_until(lambda ms: len(ms) >= 300, timeout=60, what="300 messages")
            reader.drain(1)
        finally:
            reader.close()
        got = {(m.key, m.value) for m in reader.messages}
        assert len(reader.messages) == 300
        assert got == set(msgs)
        for s, m in ((s, m) for s in sent for m in reader.messages if m.key == s.key):
            assert (m.partition, m.offset) == (s.partition, s.offset)

        # a consumer group reads everything and commits; the admin API sees the commits
        group = f"nw-it-broker-group-{uuid.uuid4().hex[:8]}"
        c = Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                      "auto.offset.reset": "earliest", "enable.auto.commit": False,
                      "session.timeout.ms": 6000})
        c.subscribe([topic])
        seen = 0
        try:
            for _ in range(600):
                for m in c.consume(num_messages=500, timeout=0.5):
                    assert m.error() is None, m.error()
                    seen += 1
                if seen >= 300:
                    break
            assert seen == 300
            c.commit(asynchronous=False)
        finally:
            c.close()
        ends = nwkafka.end_offsets(topic)
        assert sum(ends.values()) == 300
        assert nwkafka.committed_offsets(admin, group, topic, ends) == ends
    finally:
        nwkafka.delete_topics(admin, [topic])


def test_worker_topics_do_not_autocreate(admin):
    """The worker never creates topics; the broker must not create them for it either."""
    c = Consumer({"bootstrap.servers": nwkafka.bootstrap_servers(),
                  "group.id": "nw-it-noauto", "allow.auto.create.topics": True})
    try:
        name = f"nw-it-absent-{uuid.uuid4().hex[:8]}"
        md = c.list_topics(name, timeout=10)
        assert md.topics[name].error is not None
    finally:
        c.close()
    assert name not in admin.list_topics(timeout=10).topics
