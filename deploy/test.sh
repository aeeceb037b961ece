#!/usr/bin/env bash
# Installs what is missing, builds into build/, and runs every test through CTest.
# Idempotent: a second run rebuilds only what changed (Ninja, ccache) and reruns the tests.
#
# Usage: deploy/test.sh [--sanitize] [extra ctest arguments, e.g. -R Conformance]
#   --sanitize   build into build-asan/ with AddressSanitizer and UndefinedBehaviorSanitizer
#                and run the same tests there (CI runs both)
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  build=build-asan
  flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
  cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DENDEAVOUR_JEMALLOC=OFF "-DCMAKE_CXX_FLAGS=$flags"
              "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
  # Every process the tests start (endeavourd, endeavour) inherits these.
  export LSAN_OPTIONS="suppressions=$PWD/deploy/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi

deploy/install-deps.sh
cmake -S . -B "$build" -G Ninja "${cmake_args[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 900 "$@"
