#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them on this machine's disk.
# Prints only the "name: value" figures on stdout; the build and progress go to stderr.
#
# Usage: deploy/bench.sh                     every suite, default settings
#        deploy/bench.sh store [flags]       the event store only, e.g. --seconds 5 --skip-big
#        deploy/bench.sh projections [flags] the projections only, e.g. --pupils 1000 --rounds 1
# Run a suite's binary with --help-like bad flags to see its flags (it prints a usage line).
set -euo pipefail

cd "$(dirname "$0")/.."
suite=all
case "${1:-}" in
  store|projections) suite=$1; shift ;;
  -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "bench.sh: unknown suite '$1' (store, projections, or none for all)" >&2; exit 2 ;;
esac

deploy/install-deps.sh >&2
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
ninja -C build-release eventstore_bench projections_bench >&2
mkdir -p build-release/bench-data
if [[ $suite == all || $suite == store ]]; then
  build-release/eventstore/bench/eventstore_bench --dir build-release/bench-data "$@" \
    | grep -E '^[a-z0-9_]+: '
fi
if [[ $suite == all || $suite == projections ]]; then
  build-release/projections/bench/projections_bench --dir build-release/bench-data "$@" \
    | grep -E '^[a-z0-9_]+: '
fi
