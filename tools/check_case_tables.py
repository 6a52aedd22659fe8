#!/usr/bin/env python3
"""check_case_tables.py - no unit-case row quotes a development gold text.

Why: the extractors are scored on the development gold sets
(../shared/data/gold/*.dev.jsonl) and on a held-back set scored the same way.
The project's rule for the table-driven unit tests is "fit linguistics, not
sentences": a row of tests/data/*_cases.tsv is our own sentence exercising one
rule, never a copy of evaluation text. A case copied from a dev document makes
the tests, and the rule it pins down, look fitted to that document, and says
nothing about the held-back set. Rows that did quote dev text were reworded
(dates, figures, actors); this check keeps new ones from creeping back.

What: reads every tests/data/*_cases.tsv and every *.dev.jsonl under
../shared/data/gold/ (relative to the repository root, found from this
script's location). A row fails when one of its tab-separated cells holds 9 or
more consecutive whitespace-separated words that occur in one dev text. Words
are compared two ways, and either match fails the row:
  * exactly, token for token (what a copy and paste leaves);
  * folded: lowercased, punctuation stripped from both ends of every token and
    punctuation-only tokens dropped (what detokenizing a MEANTIME sentence,
    "35 % in January ," -> "35% in January,", or retouching commas leaves).
The \\n and \\t escapes of the case tables count as word breaks. Comment lines
('#') are skipped.

Usage: python3 tools/check_case_tables.py
Exit: 0 clean; 1 a row quotes dev text (each listed as
table:line: 'window' (gold file)); 2 the gold directory is missing
or holds no *.dev.jsonl (one line on stderr; ctest reports it as skipped).
Registered in CMakeLists.txt as the ctest test case_tables_not_dev (label lint).
"""
import glob
import json
import os
import sys
import unicodedata

WINDOW = 9
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(ROOT, "tests", "data")
GOLD = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "gold"))


def _strip_punct(tok):
    def is_p(c):
        return unicodedata.category(c)[0] == "P" or c in "`\u00b4"

    i, j = 0, len(tok)
    while i < j and is_p(tok[i]):
        i += 1
    while j > i and is_p(tok[j - 1]):
        j -= 1
    return tok[i:j].lower()


def words(text):
    """(exact tokens, folded tokens) of a text."""
    exact = text.split()
    folded = [f for f in map(_strip_punct, exact) if f]
    return exact, folded


def load_gold(paths):
    """Every WINDOW-word window of every dev text -> the gold file it is in."""
    exact, folded = {}, {}
    for path in paths:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                text = json.loads(line).get("text") or ""
                ex, fo = words(text)
                for toks, index in ((ex, exact), (fo, folded)):
                    for k in range(len(toks) - WINDOW + 1):
                        index.setdefault(tuple(toks[k:k + WINDOW]), name)
    return exact, folded


def find_quote(cell, exact, folded):
    """The first dev window a cell quotes, as (window text, gold file), or None."""
    cell = cell.replace("\\n", " ").replace("\\t", " ")
    ex, fo = words(cell)
    for toks, index in ((ex, exact), (fo, folded)):
        for k in range(len(toks) - WINDOW + 1):
            w = tuple(toks[k:k + WINDOW])
            if w in index:
                return " ".join(w), index[w]
    return None


def main(argv):
    gold_files = sorted(glob.glob(os.path.join(GOLD, "*.dev.jsonl")))
    if not os.path.isdir(GOLD) or not gold_files:
        print(f"check_case_tables: no dev gold set (*.dev.jsonl) in {GOLD}: cannot check", file=sys.stderr)
        return 2
    exact, folded = load_gold(gold_files)
    tables = sorted(glob.glob(os.path.join(TABLES, "*_cases.tsv")))
    failures = []
    rows = 0
    for path in tables:
        table = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\r\n")
                if not line.strip() or line.startswith("#"):
                    continue
                rows += 1
                cells = line.split("\t")
                hit = None
                for cell in cells:
                    hit = find_quote(cell, exact, folded)
                    if hit:
                        break
                if not hit:
                    continue
                failures.append(f"tests/data/{table}:{n}: {hit[0]!r} ({hit[1]})")
    summary = (f"{rows} rows of {len(tables)} case tables against {len(gold_files)} dev gold sets"
               f" ({', '.join(os.path.basename(g) for g in gold_files)})")
    if failures:
        for m in failures:
            print(m)
        print(f"check_case_tables: FAIL: {len(failures)} rows quote {WINDOW}+ consecutive words of a dev text"
              f"; {summary}. Unit cases must be our own sentences"
              " exercising the rule ('fit linguistics, not sentences'): reword them.")
        return 1
    print(f"check_case_tables: OK: no row quotes {WINDOW}+ consecutive words of a dev text; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
