#!/usr/bin/env bash
# Installs what is missing, builds, and starts endeavourd on its embedded default store
# (RocksDB in ./data), listening on 127.0.0.1:50051. Idempotent and quick on a second run.
#
# On the first run it creates a SENCO token for the school "demo-school" and keeps it in
# DATA/dev-token (mode 0600), so you can call the API at once; it prints how.
# Usage: deploy/run.sh [--data DIR] [--listen HOST:PORT]   (Ctrl-C stops the server cleanly)
set -euo pipefail
cd "$(dirname "$0")/.."

data="data"
listen="127.0.0.1:50051"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --listen) listen="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

deploy/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target endeavourd endeavour-store

mkdir -p "$data"
chmod 700 "$data"
if [[ ! -s "$data/dev-token" ]]; then
  (umask 077 && build/services/server/endeavourd token add --tokens "$data/tokens" \
    --tenant demo-school --role senco --actor staff/demo-senco > "$data/dev-token")
fi
cat >&2 <<MSG
run.sh: starting endeavourd on $listen with data in $data.
run.sh: a SENCO token for "demo-school" is in $data/dev-token; send it as the gRPC metadata
        "authorization: Bearer \$(cat $data/dev-token)". Add tokens with:
        build/services/server/endeavourd token add --tokens $data/tokens --tenant T --role R --actor A
MSG
exec build/services/server/endeavourd --listen "$listen" --data "$data" --tokens "$data/tokens"
