"""Summit alerts: articles.alerts and signed webhooks (Standard Webhooks) to a local receiver."""
import base64
import hashlib
import hmac
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import nwkafka
from nwkafka import INPUT_PARTITIONS

try:  # the reference implementation, when it installed; the stdlib check runs always
    from standardwebhooks.webhooks import Webhook
except ImportError:  # pragma: no cover
    Webhook = None

SECRET = "whsec_" + base64.b64encode(os.urandom(32)).decode()
TOLERANCE_S = 300


def stdlib_verify(secret: str, msg_id: str, ts: str, body: bytes, sig_header: str) -> bool:
    key = base64.b64decode(secret[len("whsec_"):])
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    want = base64.b64encode(mac).decode()
    for part in sig_header.split():
        version, _, sig = part.partition(",")
        if version == "v1" and hmac.compare_digest(sig, want):
            return True
    return False


class Receiver:
    """An HTTP endpoint on 127.0.0.1 that records and checks every webhook delivery."""

    def __init__(self, secret: str):
        self.secret = secret
        self.deliveries: list[dict] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(n)
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.record(self.path, headers, body)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/newsworker"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def record(self, path, headers, body):
        now = time.time()
        d = {"path": path, "headers": headers, "body": body, "received": now, "errors": []}
        mid, ts, sig = (headers.get("webhook-id"), headers.get("webhook-timestamp"),
                        headers.get("webhook-signature"))
        if not (mid and ts and sig):
            d["errors"].append(f"missing webhook-* headers: {headers}")
        else:
            if not stdlib_verify(self.secret, mid, ts, body, sig):
                d["errors"].append(f"bad signature {sig!r} for id {mid!r} ts {ts!r}")
            if Webhook is not None:
                try:
                    Webhook(self.secret).verify(body, headers)
                except Exception as e:
                    d["errors"].append(f"standardwebhooks: {e}")
            try:
                if abs(int(ts) - now) > TOLERANCE_S:
                    d["errors"].append(f"webhook-timestamp {ts} is {int(ts) - now:.0f}s off")
            except ValueError:
                d["errors"].append(f"webhook-timestamp {ts!r} is not unix seconds")
        if not (headers.get("content-type") or "").lower().startswith("application/json"):
            d["errors"].append(f"content-type {headers.get('content-type')!r}")
        try:
            d["json"] = json.loads(body)
        except ValueError as e:
            d["json"] = None
            d["errors"].append(f"body is not JSON ({e}): {body[:100]!r}")
        with self.lock:
            self.deliveries.append(d)

    def snapshot(self) -> list[dict]:
        with self.lock:
            return list(self.deliveries)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver(SECRET)
    yield r
    r.close()


def wait_for(pred, timeout, what, alive):
    deadline = time.monotonic() + timeout
    while not pred():
        assert alive(), "the worker (or the alerter) exited early"
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.3)


def run_seed(admin, topics, start_worker, receiver, copies: int, separate: bool = False):
    """Start a worker with the webhook, feed the seed article `copies` times (distinct ids,
    one after the other), and return (seed summit keys, alert messages, webhook deliveries).
    separate: `run -X worker.alerter=false` plus a `newsworker alert` process."""
    hook = ["-X", f"webhook.url={receiver.url}", "-X", f"webhook.secret={SECRET}",
            "-X", "webhook.timeout_ms=5000"]
    alerter = None
    if separate:
        w = start_worker(topics, "-X", "worker.alerter=false", name="worker")
        alerter = start_worker(topics, *hook, name="alerter", command="alert")
    else:
        w = start_worker(topics, *hook)
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    seed = nwkafka.SEED_ARTICLE.read_bytes()

    def both_alive():
        return w.alive() and (alerter is None or alerter.alive())

    def alive():
        assert w.alive(), f"the worker exited early with code {w.proc.returncode}"
        assert alerter is None or alerter.alive(), \
            f"the alerter exited early with code {alerter.proc.returncode}"

    enriched = nwkafka.TopicReader(topics.enriched)
    alerts = nwkafka.TopicReader(topics.alerts)
    try:
        for i in range(copies):
            aid = "seed-000" if i == 0 else f"seed-000-copy{i}"
            nwkafka.produce(topics.input, [(aid.encode(), seed)])
            enriched.poll_until(lambda ms: aid in {m.json()["article"]["id"] for m in ms},
                                timeout=120, what=f"the enriched record of {aid}", on_idle=alive)
            if i == 0:
                rec = enriched.messages[0].json()
                keys = {s["key"] for s in rec["summits"]}
                assert keys, ("the seed article's record has no summits, so no alert can "
                              f"follow: {json.dumps(rec['summits'])}")
                alerts.poll_until(lambda ms: len(ms) >= 1, timeout=120,
                                  what="a summit alert", on_idle=alive)
        alerts.drain(3)
        wait_for(lambda: len(receiver.snapshot()) >= len(alerts.messages), 120,
                 f"{len(alerts.messages)} webhook deliveries", both_alive)
        time.sleep(3)  # late duplicates
        alerts.drain(2)
        wait_for(lambda: len(receiver.snapshot()) >= len(alerts.messages), 60,
                 f"{len(alerts.messages)} webhook deliveries", both_alive)
    finally:
        enriched.close()
        alerts.close()
    rc = w.stop(timeout=40)
    assert rc == 0, f"worker exited {rc} after SIGTERM"
    if alerter is not None:
        rc = alerter.stop(timeout=40)
        assert rc == 0, f"alerter exited {rc} after SIGTERM"
    return keys, alerts.messages, receiver.snapshot()


def check_alerts(keys, alert_msgs, deliveries):
    problems = []
    topic_alerts = {}
    for m in alert_msgs:
        a = m.json()
        k = m.key.decode() if m.key else None
        if a.get("type") != "summit.new":
            problems.append(f"alert type {a.get('type')!r}, expected 'summit.new': {a}")
        if a.get("key") != k:
            problems.append(f"alert key {a.get('key')!r} != message key {k!r}")
        if k in topic_alerts:
            problems.append(f"summit {k!r} alerted more than once on the alerts topic")
        topic_alerts[k] = a
        if k not in keys:
            problems.append(f"alert for {k!r}, not a summit of the seed record ({sorted(keys)})")

    ids = {}
    for d in deliveries:
        problems += [f"webhook {d['headers'].get('webhook-id')}: {e}" for e in d["errors"]]
        mid = d["headers"].get("webhook-id")
        ids[mid] = ids.get(mid, 0) + 1
        body = d.get("json") or {}
        k = body.get("key")
        if k not in topic_alerts:
            problems.append(f"webhook for {k!r}, which is not on the alerts topic")
        elif body != topic_alerts[k]:
            problems.append(f"webhook body differs from the alert on the topic for {k!r}")
    problems += [f"webhook-id {i!r} delivered {n} times" for i, n in ids.items() if n > 1]
    hook_keys = [(d.get("json") or {}).get("key") for d in deliveries]
    if sorted(hook_keys) != sorted(topic_alerts):
        problems.append(f"webhook keys {sorted(map(str, hook_keys))} != alert keys "
                        f"{sorted(map(str, topic_alerts))}")
    assert not problems, "\n".join(problems)


def test_summit_alert_and_webhook(admin, topics, start_worker, receiver, shared_data):
    keys, alert_msgs, deliveries = run_seed(admin, topics, start_worker, receiver, copies=1)
    assert alert_msgs, "no alert on the alerts topic"
    assert deliveries, "no webhook delivery"
    check_alerts(keys, alert_msgs, deliveries)


def test_alerts_deduplicate_on_summit_key(admin, topics, start_worker, receiver, shared_data):
    """The same summit reported by three articles is one new summit: one alert, one webhook."""
    keys, alert_msgs, deliveries = run_seed(admin, topics, start_worker, receiver, copies=3)
    assert alert_msgs, "no alert on the alerts topic"
    check_alerts(keys, alert_msgs, deliveries)


def test_alerter_as_separate_process(admin, topics, start_worker, receiver, shared_data):
    """`run -X worker.alerter=false` and `alert` in two processes do what `run` does alone."""
    keys, alert_msgs, deliveries = run_seed(admin, topics, start_worker, receiver, copies=1,
                                            separate=True)
    assert alert_msgs, "no alert on the alerts topic"
    assert deliveries, "no webhook delivery"
    check_alerts(keys, alert_msgs, deliveries)
