"""Articles in, enriched records and dead letters out, through a real broker."""
import json
import re
import subprocess
import sys
from collections import Counter

import nwkafka
from nwkafka import INPUT_PARTITIONS

N_CORPUS = 500


def malformed_messages(max_bytes: int) -> list[tuple[bytes, bytes, str]]:
    """(key, value, expected newsworker.error.reason) for inputs that are not articles."""
    big = b"date 2022-12-30 " + b"Putin and Xi met by video link on Friday. " * (max_bytes // 40 + 100)
    assert len(big) > max_bytes + 2048
    return [
        (b"bad-utf8", b"date 2022-12-30 Putin met \xff\xfe Xi \xc3\x28 in Moscow.", "invalid_utf8"),
        (b"bad-empty", b"", "empty"),
        (b"bad-array", b'["Putin", "met", "Xi"]', "json_not_object"),
        (b"bad-body-number", b'{"id": "bad-body-number", "published": "2022-12-30", "body": 42}',
         "body_type"),
        (b"bad-nul", b"date 2022-12-30 Putin met Xi\x00 in Moscow on Friday.", "nul_byte"),
        (b"bad-json", b'{"id": "bad-json", "body": "unterminated', "json_invalid"),
        (b"bad-no-body", b'{"id": "bad-no-body", "title": "a title and no body"}', "body_missing"),
        (b"bad-published", b'{"id": "bad-published", "published": "the day before yesterday", '
                           b'"body": "Putin met Xi in Moscow."}', "published_invalid"),
        (b"bad-too-large", big, "too_large"),
    ]


def test_end_to_end(admin, topics, start_worker, shared_data, tmp_path):
    seed = nwkafka.SEED_ARTICLE.read_bytes()
    corpus = nwkafka.load_corpus(0, N_CORPUS)
    valid = [(b"seed-000", seed)] + [(c["id"].encode(), nwkafka.envelope(c)) for c in corpus]
    expected_ids = {k.decode() for k, _ in valid}
    assert len(expected_ids) == N_CORPUS + 1, "corpus ids must be unique"
    # small enough for the over-size article, large enough for every real one
    max_bytes = max(len(v) for _, v in valid) + 1024
    bad = malformed_messages(max_bytes)

    w = start_worker(topics, "-X", f"worker.max_article_bytes={max_bytes}")
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)

    sent = nwkafka.produce(topics.input, valid + [(k, v) for k, v, _ in bad])
    by_id = {s.key.decode(): s for s in sent[:len(valid)]}
    bad_sent = {(s.partition, s.offset): (s, reason)
                for s, (_, _, reason) in zip(sent[len(valid):], bad)}

    def worker_alive():
        assert w.alive(), f"the worker exited early with code {w.proc.returncode}"

    # --- enriched: every article exactly once --------------------------------------
    enriched = nwkafka.TopicReader(topics.enriched)
    try:
        def all_seen(ms):
            return expected_ids <= {m.json()["article"]["id"] for m in ms}
        try:
            enriched.poll_until(all_seen, timeout=180, what=f"{len(expected_ids)} article ids",
                                on_idle=worker_alive)
        except AssertionError as e:
            seen = {m.json()["article"]["id"] for m in enriched.messages}
            missing = sorted(expected_ids - seen)
            raise AssertionError(f"{e}; {len(missing)} ids missing, e.g. {missing[:10]}") from None
        enriched.drain(3)
    finally:
        enriched.close()

    records = [m.json() for m in enriched.messages]
    counts = Counter(r["article"]["id"] for r in records)
    dups = {i: n for i, n in counts.items() if n > 1}
    assert not dups, f"articles enriched more than once: {dict(list(dups.items())[:10])}"
    extra = set(counts) - expected_ids
    assert not extra, f"records for ids that were never sent as articles: {sorted(extra)[:10]}"

    problems = []
    for m, r in zip(enriched.messages, records):
        aid = r["article"]["id"]
        if m.key is None or m.key.decode("utf-8", "replace") != aid:
            problems.append(f"{aid}: message key {m.key!r} != article id")
        src = (r.get("meta") or {}).get("source") or {}
        s = by_id[aid]
        want = {"topic": topics.input, "partition": s.partition, "offset": s.offset}
        got = {k: src.get(k) for k in want}
        if got != want:
            problems.append(f"{aid}: meta.source {got} != {want}")
    assert not problems, f"{len(problems)} record problems, e.g.:\n" + "\n".join(problems[:10])

    seed_rec = next(r for r in records if r["article"]["id"] == "seed-000")
    assert seed_rec["article"]["published"] == "2022-12-30", seed_rec["article"]
    assert not seed_rec["article"]["text"].lstrip().startswith("date "), \
        "the date header must be stripped from article.text"
    rec_by_id = {r["article"]["id"]: r for r in records}
    wrong_dates = [(c["id"], c["published"], rec_by_id[c["id"]]["article"]["published"])
                   for c in corpus if rec_by_id[c["id"]]["article"]["published"] != c["published"]]
    assert not wrong_dates, f"article.published differs from the envelope: {wrong_dates[:5]}"

    # --- every record satisfies the contract (shared/eval/validate.py) ----------------
    out = tmp_path / "enriched.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                   encoding="utf-8")
    v = subprocess.run([sys.executable, str(nwkafka.VALIDATE), str(out)],
                       capture_output=True, text=True, timeout=300)
    failures = []  # validation and dead letters are both checked, then reported together
    if v.returncode != 0:
        # validate.py numbers records from 1: name the articles too
        named = []
        for line in v.stdout.splitlines()[:50]:
            m = re.match(r"record (\d+): (.*)", line)
            if m and 0 < int(m.group(1)) <= len(records):
                r = records[int(m.group(1)) - 1]
                line = f"{r['article']['id']} (record {m.group(1)}): {m.group(2)}"
            named.append(line)
        failures.append(f"validate.py failed ({v.returncode}):\n" + "\n".join(named)
                        + v.stderr[-2000:])

    # --- dead letters: every malformed message, unchanged, with the right headers ------
    dlq = nwkafka.TopicReader(topics.dlq)
    try:
        dlq.poll_until(lambda ms: len(ms) >= len(bad), timeout=120,
                       what=f"{len(bad)} dead letters", on_idle=worker_alive)
        dlq.drain(3)
    finally:
        dlq.close()
    problems = []
    matched = set()
    for m in dlq.messages:
        try:
            where = (int(m.header("newsworker.source.partition")),
                     int(m.header("newsworker.source.offset")))
        except (TypeError, ValueError):
            problems.append(f"dead letter {m.offset}: bad source headers {m.headers}")
            continue
        if where not in bad_sent:
            problems.append(f"dead letter for {where} which was a valid article "
                            f"(reason {m.header('newsworker.error.reason')!r}, "
                            f"message {m.header('newsworker.error.message')!r})")
            continue
        s, reason = bad_sent[where]
        name = s.key.decode()
        if where in matched:
            problems.append(f"{name}: dead-lettered more than once")
        matched.add(where)
        if m.header("newsworker.error.reason") != reason:
            problems.append(f"{name}: reason {m.header('newsworker.error.reason')!r}, "
                            f"expected {reason!r} (message "
                            f"{m.header('newsworker.error.message')!r})")
        if not m.header("newsworker.error.message"):
            problems.append(f"{name}: empty newsworker.error.message")
        if m.header("newsworker.source.topic") != topics.input:
            problems.append(f"{name}: source topic {m.header('newsworker.source.topic')!r}")
        if (m.value or b"") != (s.value or b""):
            problems.append(f"{name}: value changed ({len(m.value or b'')} bytes, "
                            f"sent {len(s.value or b'')}): {(m.value or b'')[:60]!r}")
    missing = [bad_sent[k][0].key.decode() for k in bad_sent if k not in matched]
    if missing:
        problems.append(f"not dead-lettered: {missing}")
    if problems:
        failures.append("dead-letter problems:\n" + "\n".join(problems))

    rc = w.stop(timeout=40)
    if rc != 0:
        failures.append(f"worker exited {rc} after SIGTERM")
    assert not failures, "\n\n".join(failures)
