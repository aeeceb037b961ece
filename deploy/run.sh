#!/usr/bin/env bash
# Installs what is missing, builds, and starts endeavourd on its embedded default store
# (RocksDB in ./data), listening on 127.0.0.1:50051. Idempotent and quick on a second run.
#
# On the first run it creates a SENCO token for the school "demo-school" and keeps it in
# DATA/dev-token (mode 0600), so you can call the API at once; it prints how.
# It builds the `endeavour` client too (build/clients/endeavour). --demo also fills the server
# with the demo school (300 pupils, two years of records); seeding again records nothing new.
# With --demo the server runs in the background and logs to DATA/endeavourd.log.
# Usage: deploy/run.sh [--data DIR] [--listen HOST:PORT] [--demo]   (Ctrl-C stops the server)
set -euo pipefail
cd "$(dirname "$0")/.."

data="data"
listen="127.0.0.1:50051"
demo=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --listen) listen="$2"; shift 2 ;;
    --demo) demo=1; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

deploy/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target endeavourd endeavour endeavour-store

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
run.sh: the client: export ENDEAVOUR_SERVER=$listen ENDEAVOUR_TOKEN=\$(cat $data/dev-token)
        build/clients/endeavour --help
MSG
if (( ! demo )); then
  exec build/services/server/endeavourd --listen "$listen" --data "$data" --tokens "$data/tokens"
fi

# --demo: the server in the background, the demo school sent to it, then wait for the server as
# above. Ctrl-C (or SIGTERM) is passed on to the server as SIGTERM, its clean shutdown. Seeding
# sends about ten thousand requests, and the server logs a line for each: its log goes to a file.
log="$data/endeavourd.log"
build/services/server/endeavourd --listen "$listen" --data "$data" --tokens "$data/tokens" \
  2>>"$log" &
server=$!
echo "run.sh: endeavourd's log (a line per request) is $log" >&2
trap 'kill -TERM "$server" 2>/dev/null || true' INT TERM
# The client reads these (kept out of its arguments, where `ps` would show the token).
export ENDEAVOUR_SERVER="$listen"
ENDEAVOUR_TOKEN="$(cat "$data/dev-token")"
export ENDEAVOUR_TOKEN
endeavour=(build/clients/endeavour)
for (( tries = 0; ; tries++ )); do
  if "${endeavour[@]}" tree-head >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null || (( tries >= 60 )); then
    echo "run.sh: endeavourd did not start on $listen; the end of $log:" >&2
    tail -n 20 "$log" >&2
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" || true
    exit 1
  fi
  sleep 0.5
done
if ! "${endeavour[@]}" demo seed; then
  echo "run.sh: seeding the demo school failed (see above); stopping endeavourd" >&2
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" || true
  exit 1
fi
cat >&2 <<MSG
run.sh: the demo school is in. The client finds the server and token in the environment:
        export ENDEAVOUR_SERVER=$listen ENDEAVOUR_TOKEN=\$(cat $data/dev-token)
        build/clients/endeavour overview        (then: plan, history, self-evaluation; --help)
run.sh: endeavourd keeps running; Ctrl-C stops it.
MSG
status=0
while :; do
  wait "$server" && status=0 || status=$?
  if ! kill -0 "$server" 2>/dev/null; then break; fi
done
exit "$status"
