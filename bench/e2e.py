#!/usr/bin/env python3
"""bench/e2e.py - the worker end to end on a real Kafka broker: throughput against a
pass-through moving the same bytes, latency at a fixed rate, memory, 1 vs 2 workers.

    ~/.cache/newsworker/venv-py3.11/bin/python bench/e2e.py [--articles N] [--runs R]
        [--rate A] [--latency-seconds S] [--port P | --bootstrap HOST:PORT [--broker-state DIR]]
        [--worker build-perf/newsworker] [--skip-latency] [--skip-scaling]
        [--modes worker,noextract,kcat] [-X section.key=value ...]

Starts its own single-node broker with tests/kafka/broker.sh on 127.0.0.1:P (default
19596, state in /tmp/newsworker-kafka-P) and stops it at the end, unless --bootstrap
names a running one. Prints one line per measurement and a summary with min/median/max.

1. throughput: N messages (default 100,000, or NW_BENCH_ARTICLES; the corpus lines of
   ../shared/data/corpus/*.jsonl, cycled, exactly as they are: JSON envelopes of ~1 KB)
   are produced once to a 4-partition input topic. Then, R times, each in a fresh group
   and into fresh output topics:
     worker      `newsworker run` (alerter off) draining the input into the enriched topic;
     noextract   the same with the four extractors disabled (decode + record + Kafka);
     kcat        kcat consuming the input and re-producing every value (lz4, linger 5 ms),
                 a pass-through that moves the same bytes with no work per message.
   Rate = (messages - 1) / (last - first output timestamp); output topics use
   LogAppendTime, so a message counts when the broker has appended it.
2. latency: a worker runs on fresh topics; A messages/s (default 1,000) for S seconds
   (default 20) are produced one by one (linger.ms 0); latency = the enriched record's
   LogAppendTime - the input message's CreateTime, matched by key (article id).
3. memory: VmRSS sampled every 100 ms and VmHWM at the end, for every worker above;
   "steady" is the median VmRSS over the second half of the worker's busy time.
   CPU: user + system seconds of the worker (of both kcat processes), all threads, from
   start to drain, per message ("cpu_us"): unlike the rates, it hardly depends on load.
   The broker's CPU over the same drain ("broker_cpu_us"; its pid from the state dir:
   always for our own broker, --broker-state for a running one) gives the "ceiling":
   CPUs / (cpu_us + broker_cpu_us), the fastest drain this machine allows that much CPU
   per message, whatever the scheduling. "worker CPU ceiling / kcat rate" says which
   worker / kcat ratios are possible here at all. A broker fresh from start-up also pays
   its JIT compiler (up to ~20 us per message in the first drains): compare later runs.
4. scaling: the throughput run with two workers in one group (R runs).
Exit status 0 unless the broker or a worker cannot be started; slow is never a failure.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = [SHARED / "data/corpus/current-events.jsonl", SHARED / "data/corpus/wikinews.jsonl"]
PARTITIONS = 4


def log(*a):
    print(*a, flush=True)


def mmm(v):
    """min/median/max as a string"""
    if not v:
        return "n/a"
    return f"{min(v):,.0f} / {statistics.median(v):,.0f} / {max(v):,.0f}"


def mmm_f(v, fmt="{:.2f}"):
    if not v:
        return "n/a"
    return " / ".join(fmt.format(x) for x in (min(v), statistics.median(v), max(v)))


def proc_cpu(pid):
    """user + system seconds of a process, all its threads (or of one thread:
    /proc/PID/task/TID)"""
    with open(f"/proc/{pid}/stat") as fh:
        f = fh.read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------ broker ---

class Broker:
    def __init__(self, port: int | None, bootstrap: str | None, state: str | None = None):
        self.port = port
        self.bootstrap = bootstrap or f"127.0.0.1:{port}"
        self.own = bootstrap is None
        # the broker's state dir (broker.pid, see tests/kafka/broker.sh): its CPU is measured
        # too, when known (always for our own broker)
        self.state = state or (os.environ.get("NW_KAFKA_STATE") or f"/tmp/newsworker-kafka-{port}"
                               if self.own else None)

    def cpu_seconds(self):
        """the broker JVM's CPU seconds so far, or None when its pid is not known"""
        if not self.state:
            return None
        try:
            with open(Path(self.state) / "broker.pid") as fh:
                return proc_cpu(int(fh.read().split()[0]))
        except (OSError, ValueError, IndexError):
            return None

    def _sh(self, what):
        env = dict(os.environ, NW_KAFKA_PORT=str(self.port))
        return subprocess.run(["bash", str(REPO / "tests/kafka/broker.sh"), what], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def start(self):
        if self.own:
            r = self._sh("start")
            if r.returncode:
                sys.exit(f"e2e: broker.sh start failed:\n{r.stdout}")
        self.admin = AdminClient({"bootstrap.servers": self.bootstrap})

    def stop(self):
        if self.own:
            self._sh("stop")

    def create(self, topics: dict[str, int], log_append=()):
        new = [NewTopic(t, num_partitions=p, replication_factor=1,
                        config={"message.timestamp.type": "LogAppendTime"} if t in log_append
                        else {}) for t, p in topics.items()]
        for f in self.admin.create_topics(new, operation_timeout=30).values():
            f.result(timeout=60)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            md = self.admin.list_topics(timeout=10)
            if all(t in md.topics and len(md.topics[t].partitions) == p and
                   all(pm.leader >= 0 for pm in md.topics[t].partitions.values())
                   for t, p in topics.items()):
                return
            time.sleep(0.2)
        raise RuntimeError(f"topics {list(topics)} not ready")

    def delete(self, topics):
        for f in self.admin.delete_topics(list(topics), operation_timeout=30).values():
            try:
                f.result(timeout=30)
            except Exception:
                pass


def end_offsets(consumer, topic, partitions=PARTITIONS):
    """{partition: high watermark}; a partition whose leader is not known yet counts 0"""
    out = {}
    for p in range(partitions):
        try:
            out[p] = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
        except KafkaException:
            out[p] = 0
    return out


def first_last_ts(bootstrap, topic, partitions=PARTITIONS):
    """(earliest, latest) message timestamp in ms over the first and last message of
    each partition."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "e2e-ts-" + uuid.uuid4().hex[:6],
                  "enable.auto.commit": False})
    ts = []
    try:
        for p in range(partitions):
            try:
                lo, hi = c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
            except KafkaException:
                continue
            for off in {lo, hi - 1}:
                if off < lo or off >= hi:
                    continue
                c.assign([TopicPartition(topic, p, off)])
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    m = c.poll(1.0)
                    if m is not None and not m.error():
                        ts.append(m.timestamp()[1])
                        break
        return min(ts), max(ts)
    finally:
        c.close()


# -------------------------------------------------------------- producing ---

def corpus_lines():
    lines = []
    for path in CORPORA:
        with open(path, "rb") as fh:
            lines += [ln.rstrip(b"\n") for ln in fh if ln.strip()]
    return lines


def produce_all(bootstrap, topic, values, keys=None):
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 20, "batch.size": 1000000,
                  "compression.codec": "lz4", "queue.buffering.max.kbytes": 262144,
                  "enable.idempotence": True, "acks": "all"})
    for i, v in enumerate(values):
        while True:
            try:
                p.produce(topic, value=v, key=keys[i] if keys else None)
                break
            except BufferError:
                p.poll(0.05)
        if i % 1000 == 0:
            p.poll(0)
    if p.flush(120):
        raise RuntimeError("produce: messages left undelivered")


# ---------------------------------------------------------------- workers ---

class Proc:
    """A child process whose VmRSS is sampled every 100 ms."""

    def __init__(self, argv, name, logdir: Path):
        self.name = name
        self.log = open(logdir / f"{name}.log", "wb")
        self.p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=self.log)
        self.samples = []  # (monotonic s, VmRSS kB)
        self.hwm = 0
        self.cpu = {}  # pid -> CPU seconds (user + system), the process and its children
        self._stop = False
        self.t = threading.Thread(target=self._sample, daemon=True)
        self.t.start()

    def _status(self):
        try:
            with open(f"/proc/{self.p.pid}/status") as fh:
                d = {}
                for line in fh:
                    k, _, v = line.partition(":")
                    if k in ("VmRSS", "VmHWM"):
                        d[k] = int(v.split()[0])
                return d
        except OSError:
            return {}

    def _cpu_sample(self, pid):
        """utime + stime of pid and, recursively, of its children (kcat | kcat)"""
        try:
            with open(f"/proc/{pid}/stat") as fh:
                f = fh.read().rsplit(")", 1)[1].split()
            self.cpu[pid] = (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
            with open(f"/proc/{pid}/task/{pid}/children") as fh:
                kids = [int(x) for x in fh.read().split()]
        except (OSError, ValueError, IndexError):
            return
        for k in kids:
            self._cpu_sample(k)

    def cpu_seconds(self):
        return sum(self.cpu.values())

    def _sample(self):
        while not self._stop and self.p.poll() is None:
            d = self._status()
            if "VmRSS" in d:
                self.samples.append((time.monotonic(), d["VmRSS"]))
                self.hwm = max(self.hwm, d.get("VmHWM", 0))
            self._cpu_sample(self.p.pid)
            time.sleep(0.1)

    def steady_rss(self, t0, t1):
        """median VmRSS (kB) over the second half of [t0, t1]"""
        mid = (t0 + t1) / 2
        v = [r for t, r in self.samples if mid <= t <= t1]
        return statistics.median(v) if v else 0

    def stop(self, timeout=30):
        self.p.terminate()
        try:
            self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        self._stop = True
        self.t.join()
        self.log.close()
        return self.p.returncode


def topics_for(tag):
    return {k: f"e2e-{tag}.{k}" for k in ("enriched", "summits", "alerts", "dlq", "webhooks")}


def worker_argv(args, broker, input_topic, out, group, extract=True):
    a = [args.worker, "run", "-X", f"kafka.bootstrap.servers={broker.bootstrap}",
         "-X", f"kafka.group.id={group}", "-X", "kafka.session.timeout.ms=6000",
         "-X", f"topics.input={input_topic}", "-X", "worker.alerter=false",
         "-X", "worker.log_level=warn"]
    for k, t in out.items():
        a += ["-X", f"topics.{k}={t}"]
    if not extract:
        for e in ("dates", "actors", "figures", "summits"):
            a += ["-X", f"extract.{e}=false"]
    for x in args.worker_arg or []:
        a += ["-X", x]
    return a


def wait_drained(broker, topic, n, procs, timeout):
    """Until topic holds n messages; returns the monotonic time it did, or None."""
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "e2e-wm-" + uuid.uuid4().hex[:6]})
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(end_offsets(c, topic).values()) >= n:
                return time.monotonic()
            if procs and any(p.p.poll() is not None for p in procs):
                return None
            time.sleep(0.1)
        return None
    finally:
        c.close()


def run_throughput(args, broker, input_topic, n, mode, tag, logdir, n_workers=1):
    """One drain of the input topic; returns a dict of figures."""
    out = topics_for(tag)
    broker.create({t: PARTITIONS for t in out.values()}, log_append=(out["enriched"],))
    procs = []
    b0 = broker.cpu_seconds()
    t0 = time.monotonic()
    if mode == "kcat":
        # kcat -C reads every partition to its end (-e); -P re-produces one message per line
        # (the corpus lines are one-line JSON).
        cmd = (f"kcat -C -q -e -b {broker.bootstrap} -t {input_topic} -o beginning "
               f"-X fetch.max.bytes=8388608 | kcat -P -b {broker.bootstrap} -t {out['enriched']} "
               f"-X compression.codec=lz4 -X linger.ms=5 -X enable.idempotence=true "
               f"-X queue.buffering.max.kbytes=65536")
        procs.append(Proc(["bash", "-c", cmd], f"{tag}-kcat", logdir))
    else:
        for w in range(n_workers):
            procs.append(Proc(worker_argv(args, broker, input_topic, out, f"e2e-{tag}",
                                          extract=(mode != "noextract")),
                              f"{tag}-w{w}", logdir))
    t_done = wait_drained(broker, out["enriched"], n, procs if mode != "kcat" else None,
                          args.timeout)
    b1 = broker.cpu_seconds()
    res = {"mode": mode, "workers": n_workers}
    if t_done is None:
        res["error"] = "not drained"
    else:
        first, last = first_last_ts(broker.bootstrap, out["enriched"])
        span = max((last - first) / 1000.0, 1e-3)
        res["rate"] = (n - 1) / span
        res["mb_s"] = args.input_bytes / span / 1e6
        res["wall"] = t_done - t0
        for p in procs:  # the CPU used up to the drain (kcat: sampled every 100 ms)
            p._cpu_sample(p.p.pid)
        res["cpu_us"] = sum(p.cpu_seconds() for p in procs) * 1e6 / n
        if b0 is not None and b1 is not None:
            # The broker's share: what one message costs the machine is cpu_us + broker_cpu_us,
            # so no scheduling can drain faster than CPUs / that sum ("ceiling").
            res["broker_cpu_us"] = (b1 - b0) * 1e6 / n
            res["ceiling"] = (os.cpu_count() or 1) * 1e6 / (res["cpu_us"] + res["broker_cpu_us"])
        if mode != "kcat":
            res["hwm_mb"] = max(p.hwm for p in procs) / 1024
            busy0 = t0 + (t_done - t0 - span)  # when the first output appeared, roughly
            res["steady_mb"] = max(p.steady_rss(busy0, t_done) for p in procs) / 1024
    for p in procs:
        rc = p.stop()
        if mode != "kcat" and rc != 0:
            res.setdefault("error", f"worker exited {rc}")
    broker.delete(out.values())
    return res


def run_latency(args, broker, lines, logdir):
    tag = "lat-" + uuid.uuid4().hex[:6]
    inp = f"e2e-{tag}.raw"
    out = topics_for(tag)
    broker.create({inp: PARTITIONS})
    broker.create({t: PARTITIONS for t in out.values()}, log_append=(out["enriched"],))
    w = Proc(worker_argv(args, broker, inp, out, f"e2e-{tag}"), f"{tag}-w", logdir)
    # warm up: the worker has joined the group once this one comes out
    p = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 0, "acks": "all",
                  "enable.idempotence": True})
    sent = {}
    for i in range(8):  # one per partition, likely
        p.produce(inp, key=f"warm-{i}".encode(), value=lines[i])
    p.flush(30)
    if wait_drained(broker, out["enriched"], 8, [w], 120) is None:
        w.stop()
        return {"error": "worker did not start"}
    total = int(args.rate * args.latency_seconds)
    payloads = []
    for i in range(total):
        o = json.loads(lines[i % len(lines)])
        o["id"] = f"lat-{i}"
        payloads.append((o["id"].encode(), json.dumps(o, ensure_ascii=False).encode()))
    start = time.monotonic()
    t_busy0 = start
    for i, (k, v) in enumerate(payloads):
        due = start + i / args.rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        while True:
            try:
                p.produce(inp, key=k, value=v, timestamp=int(time.time() * 1000))
                break
            except BufferError:
                p.poll(0.01)
        sent[k] = None
        p.poll(0)
    p.flush(60)
    achieved = total / (time.monotonic() - start)
    t_done = wait_drained(broker, out["enriched"], total + 8, [w], 120)
    # input CreateTime by key
    created = read_ts(broker, inp, total + 8)
    appended = read_ts(broker, out["enriched"], total + 8)
    lat = sorted(appended[k] - created[k] for k in sent if k in appended and k in created)
    res = {"sent": total, "matched": len(lat), "achieved_rate": achieved,
           "hwm_mb": w.hwm / 1024,
           "steady_mb": w.steady_rss(t_busy0, t_done or time.monotonic()) / 1024}
    if lat:
        res["p50"] = lat[len(lat) // 2]
        res["p99"] = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        res["max"] = lat[-1]
    w.stop()
    broker.delete([inp, *out.values()])
    return res


def read_ts(broker, topic, n):
    """{key: timestamp ms} for the whole topic"""
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "e2e-rd-" + uuid.uuid4().hex[:6],
                  "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    c.assign([TopicPartition(topic, p, 0) for p in range(PARTITIONS)])
    d = {}
    deadline = time.monotonic() + 120
    while len(d) < n and time.monotonic() < deadline:
        for m in c.consume(1000, 1.0):
            if not m.error():
                d[m.key()] = m.timestamp()[1]
    c.close()
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int,
                    default=int(os.environ.get("NW_BENCH_ARTICLES") or 100000))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rate", type=float, default=1000)
    ap.add_argument("--latency-seconds", type=float, default=20)
    ap.add_argument("--port", type=int, default=int(os.environ.get("NW_BENCH_KAFKA_PORT", 19596)))
    ap.add_argument("--bootstrap", help="use this running broker instead of starting one")
    ap.add_argument("--broker-state", help="with --bootstrap: that broker's state dir "
                    "(broker.pid), to measure its CPU too")
    ap.add_argument("--worker", default=os.environ.get("NW_WORKER_BIN") or
                    str(REPO / "build-perf/newsworker"))
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("-X", dest="worker_arg", action="append", metavar="SECTION.KEY=VALUE",
                    help="passed on to every worker (repeatable), e.g. -X worker.poll_timeout_ms=10")
    ap.add_argument("--modes", default="worker,noextract,kcat",
                    help="the single-worker throughput modes to run (comma-separated)")
    ap.add_argument("--skip-latency", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    args = ap.parse_args()
    logdir = Path(f"/tmp/nw-e2e-{os.getpid()}")
    logdir.mkdir(parents=True, exist_ok=True)

    lines = corpus_lines()
    n = args.articles
    values = [v for v, _ in zip(itertools.cycle(lines), range(n))]
    args.input_bytes = sum(len(v) for v in values)
    broker = Broker(args.port, args.bootstrap, args.broker_state)
    log(f"e2e: worker {args.worker} {' '.join(args.worker_arg or [])}; broker {broker.bootstrap}; {n:,} messages, "
        f"{args.input_bytes / 1e6:.1f} MB; {os.cpu_count()} CPUs; logs in {logdir}")
    broker.start()
    results = []
    try:
        input_topic = f"e2e-in-{uuid.uuid4().hex[:6]}"
        broker.create({input_topic: PARTITIONS})
        t = time.monotonic()
        produce_all(broker.bootstrap, input_topic, values)
        log(f"produced {n:,} messages to {input_topic} in {time.monotonic() - t:.1f} s")
        modes = args.modes.split(",")
        for r in range(args.runs):
            for mode in modes:
                res = run_throughput(args, broker, input_topic, n, mode,
                                     f"{mode}-{r}-{uuid.uuid4().hex[:4]}", logdir)
                res["run"] = r
                results.append(res)
                log(f"run {r} {mode:9}: " + json.dumps({k: round(v, 1) if isinstance(v, float)
                                                        else v for k, v in res.items()}))
            if not args.skip_scaling:
                res = run_throughput(args, broker, input_topic, n, "worker",
                                     f"scale-{r}-{uuid.uuid4().hex[:4]}", logdir, n_workers=2)
                res["run"] = r
                results.append(res)
                log(f"run {r} 2 workers: " + json.dumps({k: round(v, 1) if isinstance(v, float)
                                                        else v for k, v in res.items()}))
        lat = []
        if not args.skip_latency:
            for r in range(args.runs):
                res = run_latency(args, broker, lines, logdir)
                lat.append(res)
                log(f"latency run {r}: " + json.dumps({k: round(v, 1) if isinstance(v, float)
                                                      else v for k, v in res.items()}))
        broker.delete([input_topic])
    finally:
        broker.stop()

    def sel(mode, workers=1):
        return [x for x in results if x["mode"] == mode and x["workers"] == workers
                and "rate" in x]

    log("\nsummary (min / median / max over runs)")
    for mode, w in (("worker", 1), ("noextract", 1), ("kcat", 1), ("worker", 2)):
        v = sel(mode, w)
        label = f"{mode} x{w}" if mode == "worker" else mode
        log(f"  {label:12} msgs/s {mmm([x['rate'] for x in v]):>28}   MB/s "
            f"{mmm_f([x['mb_s'] for x in v], '{:.1f}')}   CPU us/msg "
            f"{mmm_f([x['cpu_us'] for x in v if 'cpu_us' in x], '{:.1f}')}")
    for mode, w in (("worker", 1), ("noextract", 1), ("kcat", 1)):
        v = [x for x in sel(mode, w) if "ceiling" in x]
        if v:
            log(f"  {mode:12} broker CPU us/msg {mmm_f([x['broker_cpu_us'] for x in v], '{:.1f}')}"
                f"   CPU ceiling msgs/s {mmm([x['ceiling'] for x in v])}")
    ceil = []
    for r in range(args.runs):
        a = [x for x in sel("worker") if x["run"] == r and "ceiling" in x]
        b = [x for x in sel("kcat") if x["run"] == r]
        if a and b:
            ceil.append(a[0]["ceiling"] / b[0]["rate"])
    if ceil:
        log(f"  worker CPU ceiling / kcat rate (same run) {mmm_f(ceil)}   (the best worker / kcat "
            f"ratio these {os.cpu_count()} CPUs allow the worker's and the broker's CPU per message)")
    for top, base in (("worker", "noextract"), ("worker", "kcat"), ("noextract", "kcat")):
        ratios = []
        for r in range(args.runs):
            a = [x for x in sel(top) if x["run"] == r]
            b = [x for x in sel(base) if x["run"] == r]
            if a and b:
                ratios.append(a[0]["rate"] / b[0]["rate"])
        log(f"  {top} / {base:9} ratio (same run) {mmm_f(ratios)}"
            + ("   target >= 0.8" if top == "worker" else "   (the Kafka loop alone)"))
    sc = []
    for r in range(args.runs):
        a = [x for x in sel("worker") if x["run"] == r]
        b = [x for x in sel("worker", 2) if x["run"] == r]
        if a and b:
            sc.append(b[0]["rate"] / a[0]["rate"])
    log(f"  2 workers / 1 worker (same run) {mmm_f(sc)}")
    w1 = sel("worker") + sel("noextract") + sel("worker", 2)
    log(f"  worker VmHWM MB {mmm_f([x['hwm_mb'] for x in w1], '{:.1f}')}; steady VmRSS MB "
        f"{mmm_f([x['steady_mb'] for x in w1], '{:.1f}')}   target steady <= 64")
    if lat:
        ok = [x for x in lat if "p50" in x]
        log(f"  latency at {args.rate:.0f}/s: p50 ms {mmm_f([x['p50'] for x in ok], '{:.0f}')}; "
            f"p99 ms {mmm_f([x['p99'] for x in ok], '{:.0f}')}; max ms "
            f"{mmm_f([x['max'] for x in ok], '{:.0f}')}; achieved rate "
            f"{mmm_f([x['achieved_rate'] for x in ok], '{:.0f}')}   target p99 < 50")
        log(f"  latency run VmHWM MB {mmm_f([x['hwm_mb'] for x in ok], '{:.1f}')}; steady VmRSS MB "
            f"{mmm_f([x['steady_mb'] for x in ok], '{:.1f}')}")
    errors = [x for x in results + lat if "error" in x]
    if errors:
        log(f"  problems: {errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
