#!/usr/bin/env python3
"""bench/e2e_profile.py - one worker (or kcat) draining one input topic on a running broker,
for profiling and quick comparisons: rate, CPU per message by thread, the broker's CPU.

    ~/.cache/newsworker/venv-py3.11/bin/python bench/e2e_profile.py --bootstrap 127.0.0.1:19792 \\
        [--n 100000] [--input TOPIC] [--mode worker|noextract|kcat] [--worker build/newsworker] \\
        [--wrapper "valgrind --tool=callgrind --callgrind-out-file=cg.out"] \\
        [--broker-state /tmp/newsworker-kafka-19792] [-X section.key=value ...]

Without --input it produces --n corpus messages to a new 4-partition topic first and prints its
name (reuse it with --input: same bytes, no producing). Output topics are fresh each time and
deleted at the end. Uses bench/e2e.py's helpers; unlike e2e.py, one drain, no summary.
The rate comes from the output's first and last LogAppendTime, so it is wrong for
-X worker.processing_guarantee=exactly_once (the output ends in a transaction marker): use
the drain time there.
"""
from __future__ import annotations

import argparse
import glob
import itertools
import os
import shlex
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2e  # noqa: E402


def thread_cpu(pid):
    """{thread name: CPU seconds} (threads of one name summed)"""
    out = {}
    for st in glob.glob(f"/proc/{pid}/task/*/stat"):
        try:
            with open(st) as fh:
                s = fh.read()
        except OSError:
            continue
        name = s[s.index("(") + 1:s.rindex(")")]
        x = s.rsplit(")", 1)[1].split()
        out[name] = out.get(name, 0) + (int(x[11]) + int(x[12])) / os.sysconf("SC_CLK_TCK")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--input")
    ap.add_argument("--mode", default="noextract", choices=("worker", "noextract", "kcat"))
    ap.add_argument("--worker", default=str(e2e.REPO / "build/newsworker"))
    ap.add_argument("--wrapper", default="", help="a command the worker runs under")
    ap.add_argument("--broker-state", help="the broker's state dir (broker.pid): its CPU too")
    ap.add_argument("-X", dest="worker_arg", action="append", metavar="SECTION.KEY=VALUE")
    a = ap.parse_args()
    b = e2e.Broker(None, a.bootstrap)
    b.start()
    inp = a.input
    if not inp:
        inp = "prof-in-" + uuid.uuid4().hex[:6]
        b.create({inp: e2e.PARTITIONS})
        lines = e2e.corpus_lines()
        e2e.produce_all(a.bootstrap, inp, [v for v, _ in zip(itertools.cycle(lines), range(a.n))])
        print("input", inp, flush=True)
    tag = "prof-" + uuid.uuid4().hex[:6]
    out = e2e.topics_for(tag)
    b.create({t: e2e.PARTITIONS for t in out.values()}, log_append=(out["enriched"],))
    if a.mode == "kcat":
        argv = ["bash", "-c", (
            f"kcat -C -q -e -b {a.bootstrap} -t {inp} -o beginning -X fetch.max.bytes=8388608 | "
            f"kcat -P -b {a.bootstrap} -t {out['enriched']} -X compression.codec=lz4 -X linger.ms=5 "
            f"-X enable.idempotence=true -X queue.buffering.max.kbytes=65536")]
    else:
        argv = shlex.split(a.wrapper) + e2e.worker_argv(a, b, inp, out, "g-" + tag,
                                                        extract=(a.mode != "noextract"))
    bpid = None
    if a.broker_state:
        with open(Path(a.broker_state) / "broker.pid") as fh:
            bpid = int(fh.read().split()[0])
    b0 = e2e.proc_cpu(bpid) if bpid else 0
    logdir = Path(f"/tmp/nw-e2e-profile-{os.getpid()}")
    logdir.mkdir(exist_ok=True)
    t0 = time.monotonic()
    p = e2e.Proc(argv, tag, logdir)
    t = e2e.wait_drained(b, out["enriched"], a.n, [p] if a.mode != "kcat" else None, 900)
    p._cpu_sample(p.p.pid)
    threads = thread_cpu(p.p.pid) if a.mode != "kcat" else {}
    b1 = e2e.proc_cpu(bpid) if bpid else 0
    if t is None:
        p.stop(120)
        sys.exit("not drained")
    first, last = e2e.first_last_ts(a.bootstrap, out["enriched"])
    rate = (a.n - 1) / max((last - first) / 1000, 1e-3)
    rc = p.stop(120)
    print(f"{a.mode}: {rate:,.0f} msgs/s, {t - t0:.1f} s to drain, CPU {p.cpu_seconds() * 1e6 / a.n:.1f}"
          f" us/msg" + (f", broker CPU {(b1 - b0) * 1e6 / a.n:.1f} us/msg" if bpid else "") +
          f", VmHWM {p.hwm / 1024:.1f} MB, exit {rc}, log {logdir}/{tag}.log", flush=True)
    if threads:
        print("  CPU s by thread: " + ", ".join(f"{k} {v:.2f}" for k, v in
                                               sorted(threads.items(), key=lambda kv: -kv[1])))
    b.delete(out.values())
    return 0


if __name__ == "__main__":
    sys.exit(main())
