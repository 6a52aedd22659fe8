#!/usr/bin/env python3
"""Seed corpora for the libFuzzer targets (fuzz/fuzz_*.c), generated from the shared
articles (never copied into the repository).

    python3 tools/gen_fuzz_corpus.py OUTDIR [--per-target N] [--max-bytes B]

writes OUTDIR/<target>/seed-NNNN for target in article, dates, actors, figures, summits,
extract, text. Extractor (and text) seeds are 3 DCT bytes (year-1900, month-1, day-1, as
fuzz/fuzz_common.h reads them) then a slice of an article's text; article seeds are the
input formats of docs/record.md (JSON envelopes, plain text with a `date` header) plus a
few hostile ones (the dead-letter classes).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
SOURCES = [SHARED / "corpus" / "current-events.jsonl", SHARED / "corpus" / "wikinews.jsonl"]
EXTRACTORS = ["dates", "actors", "figures", "summits", "extract", "text"]


def load(limit: int) -> list[dict]:
    items = []
    for src in SOURCES:
        if not src.exists():
            continue
        with open(src, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    items.append(json.loads(line))
    if not items:
        sys.exit(f"no articles under {SHARED}/corpus: shared/ must be beside the repository")
    random.Random(7).shuffle(items)
    return items[:limit]


def dct_bytes(published: str | None) -> bytes:
    try:
        y, m, d = (int(x) for x in (published or "")[:10].split("-"))
        return bytes([(y - 1900) % 200, (m - 1) % 12, (d - 1) % 28])
    except ValueError:
        return b"\xff\x00\x00"  # 0xFF: no DCT


def text_slice(text: str, max_bytes: int, rng: random.Random) -> bytes:
    raw = text.encode("utf-8")
    if len(raw) <= max_bytes:
        return raw
    start = rng.randrange(0, len(raw) - max_bytes)
    # cut on character boundaries (UTF-8 continuation bytes are 0b10xxxxxx)
    while start < len(raw) and raw[start] & 0xC0 == 0x80:
        start += 1
    end = start + max_bytes
    while end > start and end < len(raw) and raw[end] & 0xC0 == 0x80:
        end -= 1
    return raw[start:end]


HOSTILE = [
    b"", b"   \n\t ", b"\x00", b"\xff\xfe\xfd", b"{", b"[1,2,3]", b'"just a string"',
    b'{"body": 42}', b'{"id": 7, "body": "x"}', b'{"body": "x", "published": "yesterday"}',
    b'{"text": "Putin met Xi.", "published": "30-12-2022"}', b"[" * 3000 + b"]" * 3000,
    b'{"a":' * 2000 + b"1" + b"}" * 2000, b"date 2022-12-30 Putin met Xi\x01 in Moscow.",
    b"date 2022-12-30\nMOSCOW, Dec 30 (Reuters) - Putin met Xi by video link.",
    b"x" * 5000, "\u00e9\u4e2d\U0001F600".encode() * 50,
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--per-target", type=int, default=200)
    ap.add_argument("--max-bytes", type=int, default=4000)
    a = ap.parse_args()
    rng = random.Random(11)
    items = load(a.per_target)
    out = {t: a.outdir / t for t in ["article", *EXTRACTORS]}
    for d in out.values():
        d.mkdir(parents=True, exist_ok=True)
    n = 0
    for i, it in enumerate(items):
        text = it.get("text") or it.get("body") or ""
        sl = text_slice(text, a.max_bytes, rng)
        for t in EXTRACTORS:
            (out[t] / f"seed-{i:04d}").write_bytes(dct_bytes(it.get("published")) + sl)
        if i % 2:
            env = {"id": it.get("id"), "published": it.get("published"),
                   "title": it.get("title"), "body": sl.decode("utf-8")}
            art = json.dumps(env, ensure_ascii=bool(i % 4 == 1)).encode("utf-8")
        else:
            art = f"date {(it.get('published') or '2022-12-30')[:10]} ".encode() + sl
        (out["article"] / f"seed-{i:04d}").write_bytes(art)
        n += 1
    for k, h in enumerate(HOSTILE):
        (out["article"] / f"hostile-{k:02d}").write_bytes(h)
    print(f"{n} seeds per target (+{len(HOSTILE)} hostile article seeds) in {a.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
