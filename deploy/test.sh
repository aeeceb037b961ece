#!/usr/bin/env bash
# Installs what is missing, builds into build/, and runs every test through CTest.
# Idempotent: a second run rebuilds only what changed (Ninja, ccache) and reruns the tests.
# Usage: deploy/test.sh [extra ctest arguments, e.g. -R Conformance]
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 900 "$@"
