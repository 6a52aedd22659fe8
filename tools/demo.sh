#!/usr/bin/env bash
# The README's first command: build newsworker and run it end to end on the sample
# articles against librdkafka's in-process mock cluster. No broker, no setup.
#
#   bash tools/demo.sh [FILE...]     (default: ../shared seed article + Wikinews sample)
#
# Installs the missing Debian build packages (root or sudo), builds build/ and runs
# `build/newsworker demo`: enriched records (JSONL) on stdout, logs and alerts on stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
read -ra PKGS <<<"$(bash tools/build.sh --deps)"
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
NW_BUILD_TARGET=newsworker bash tools/build.sh build >&2
exec build/newsworker demo "$@"
