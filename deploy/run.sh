#!/usr/bin/env bash
# Installs what is missing, builds, and starts Endeavour on its embedded default store
# (RocksDB in ./data). Idempotent and quick on a second run.
#
# The gRPC server (endeavourd) is not built yet; until it is, this opens the embedded store
# with the one runnable entry point that exists, endeavour-store, and prints its state.
# Usage: deploy/run.sh [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

data="data"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

deploy/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target endeavour-store

mkdir -p "$data"
echo "run.sh: the server (endeavourd) does not exist yet; opening the embedded store instead." >&2
build/eventstore/endeavour-store info --data "$data"
echo "run.sh: check it any time with: build/eventstore/endeavour-store verify --data $data" >&2
