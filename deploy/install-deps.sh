#!/usr/bin/env bash
# Installs the Debian 12 packages Endeavour needs to build, test and run.
# Idempotent: when every package is already present it does nothing (no apt-get at all).
# Usage: deploy/install-deps.sh [--pdf]   (--pdf adds what PDF reports need)
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librocksdb-dev liblz4-dev libabsl-dev libssl-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev prometheus-cpp-dev python3-grpcio python3-protobuf
  libyaml-cpp-dev librsvg2-bin
  clang-format
)
if [[ "${1:-}" == "--pdf" ]]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
