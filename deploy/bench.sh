#!/usr/bin/env bash
# Builds the event store benchmark in Release and runs it on this machine's disk.
# Prints only the "name: value" figures on stdout; the build and progress go to stderr.
# Usage: deploy/bench.sh [eventstore_bench flags], e.g. --seconds 5, --skip-big, --big-events N
set -euo pipefail

cd "$(dirname "$0")/.."
deploy/install-deps.sh >&2
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
ninja -C build-release eventstore_bench >&2
mkdir -p build-release/bench-data
build-release/eventstore/bench/eventstore_bench --dir build-release/bench-data "$@" \
  | grep -E '^[a-z0-9_]+: '
