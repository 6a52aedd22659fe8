#!/usr/bin/env bash
# The one way newsworker is built: tests/run_all.sh (hence CI), tools/demo.sh and the
# Dockerfile all call this script, so CI exercises the container's build commands even
# where no Docker engine runs.
#
#   bash tools/build.sh BUILD_DIR [CMAKE_ARGS...]   configure (RelWithDebInfo) and build
#   bash tools/build.sh --deps                       the Debian packages the build needs
#   bash tools/build.sh --runtime-deps               the Debian packages the binary needs
#
# Environment: NW_BUILD_TARGET (one target, e.g. newsworker; default all),
# NW_BUILD_TYPE (default RelWithDebInfo), NW_BUILD_JOBS (default nproc).
set -euo pipefail

# build: compiler, CMake, and the -dev package of every library CMakeLists.txt finds
BUILD_DEPS=(build-essential cmake pkg-config librdkafka-dev libjansson-dev
  libcurl4-openssl-dev libssl-dev libinih-dev libmicrohttpd-dev libcmocka-dev)
# runtime: the package of each shared library newsworker links (readelf -d NEEDED;
# tests/integration/test_ops.py checks this list against the built binary)
RUNTIME_DEPS=(librdkafka1 libjansson4 libcurl4 libssl3 libinih1 libmicrohttpd12
  ca-certificates)

case "${1:-}" in
--deps)
  echo "${BUILD_DEPS[*]}"
  exit 0
  ;;
--runtime-deps)
  echo "${RUNTIME_DEPS[*]}"
  exit 0
  ;;
"" | -h | --help)
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  [[ -n "${1:-}" ]]
  exit
  ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$1"
shift
cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="${NW_BUILD_TYPE:-RelWithDebInfo}" "$@"
cmake --build "$dir" -j"${NW_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}" \
  ${NW_BUILD_TARGET:+--target "$NW_BUILD_TARGET"}
