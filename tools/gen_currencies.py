#!/usr/bin/env python3
"""gen_currencies.py - generates worker/extract/data/currencies.c from ISO 4217.

Source: the Debian/Ubuntu `iso-codes` package, /usr/share/iso-codes/json/iso_4217.json
(Debian iso-codes, https://salsa.debian.org/iso-codes-team/iso-codes, LGPL-2.1+),
which lists every active ISO 4217 currency with its alpha-3 code and English name.
The figures extractor (worker/extract/figures.c) builds its currency lexicon from this
table at engine start: the code ("USD"), the name ("US Dollar") and its plural
("US Dollars"). Regenerate after an iso-codes upgrade; never edit the output by hand.

usage: python3 tools/gen_currencies.py [ISO_4217_JSON] > worker/extract/data/currencies.c
"""
import json
import subprocess
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json/iso_4217.json"
with open(path, encoding="utf-8") as fh:
    rows = json.load(fh)["4217"]
try:
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                             capture_output=True, text=True, check=True).stdout.strip()
except (OSError, subprocess.CalledProcessError):
    version = "unknown"


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


out = sys.stdout
out.write("/*\n * currencies.c - ISO 4217 currencies (code, English name). GENERATED, do not edit:\n")
out.write(" * regenerate with tools/gen_currencies.py.\n")
out.write(f" * Source: iso-codes {version} (Debian), iso_4217.json, {len(rows)} currencies.\n */\n")
out.write('#include "figures_data.h"\n\nconst nx_iso_currency_t nx_iso_currencies[] = {\n')
for r in sorted(rows, key=lambda r: r["alpha_3"]):
    out.write(f"        {{{c_str(r['alpha_3'])}, {c_str(r['name'])}}},\n")
out.write("};\n\n")
out.write("const size_t nx_n_iso_currencies = sizeof(nx_iso_currencies) / sizeof(nx_iso_currencies[0]);\n")
