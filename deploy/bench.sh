#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them on this machine's disk.
# Prints only the "name: value" figures on stdout; the build and progress go to stderr.
#
# Usage: deploy/bench.sh                     every suite, default settings
#        deploy/bench.sh store [flags]       the event store only, e.g. --seconds 5 --skip-big
#        deploy/bench.sh projections [flags] the projections only, e.g. --pupils 1000 --rounds 1
#        deploy/bench.sh grpc [flags]        endeavourd through gRPC on loopback (endeavour-load
#                                            flags, e.g. --seconds 5; 64 clients by default)
# Run a suite's binary with --help-like bad flags to see its flags (it prints a usage line).
set -euo pipefail

cd "$(dirname "$0")/.."
suite=all
case "${1:-}" in
  store|projections|grpc) suite=$1; shift ;;
  -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "bench.sh: unknown suite '$1' (store, projections, grpc, or none for all)" >&2; exit 2 ;;
esac

deploy/install-deps.sh >&2
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
ninja -C build-release eventstore_bench projections_bench endeavourd endeavour endeavour-load >&2
mkdir -p build-release/bench-data
if [[ $suite == all || $suite == store ]]; then
  build-release/eventstore/bench/eventstore_bench --dir build-release/bench-data "$@" \
    | grep -E '^[a-z0-9_]+: '
fi
if [[ $suite == all || $suite == projections ]]; then
  build-release/projections/bench/projections_bench --dir build-release/bench-data "$@" \
    | grep -E '^[a-z0-9_]+: '
fi
if [[ $suite == all || $suite == grpc ]]; then
  # A fresh server on a free loopback port with its own data folder and token.
  grpc_dir=build-release/bench-data/grpc
  rm -rf "$grpc_dir" && mkdir -p "$grpc_dir"
  server=build-release/services/server/endeavourd
  "$server" token add --tokens "$grpc_dir/tokens" --tenant bench-school --role senco \
    --actor bench > "$grpc_dir/token"
  "$server" --listen 127.0.0.1:0 --data "$grpc_dir/data" --tokens "$grpc_dir/tokens" \
    > "$grpc_dir/out" 2> /dev/null &
  server_pid=$!
  trap 'kill -TERM $server_pid 2>/dev/null || true' EXIT
  for _ in $(seq 100); do grep -q "listening on" "$grpc_dir/out" && break; sleep 0.1; done
  address=$(grep -o '127.0.0.1:[0-9]*' "$grpc_dir/out")
  build-release/clients/endeavour-load --server "$address" --token "$(cat "$grpc_dir/token")" \
    --clients 64 "$@" > "$grpc_dir/load"
  sed -n 's/^appends_per_s: /grpc_append_64_clients_per_s: /p; s/^p99_ms: /grpc_append_p99_ms_64_clients: /p' \
    "$grpc_dir/load"
  # The baseline for those: the same 64 clients calling gRPC's health check, the cheapest call the
  # server answers (logged like any call, but no store and no access check): what gRPC and loopback
  # alone allow on this machine.
  build-release/clients/endeavour-load --server "$address" --token "$(cat "$grpc_dir/token")" \
    --clients 64 --rpc health-check "$@" > "$grpc_dir/health"
  sed -n 's/^calls_per_s: /grpc_health_check_64_clients_per_s: /p' "$grpc_dir/health"
  # evidence_pack_200_events_ms: one pupil with 200 events (a registration and 199 needs), then
  # the median of five `endeavour evidence-pack` runs, each signing a head and fetching 200 proofs.
  cli=build-release/clients/endeavour
  export ENDEAVOUR_SERVER=$address ENDEAVOUR_TOKEN=$(cat "$grpc_dir/token")
  "$cli" register-pupil bench-pupil --set 'pupil.display_name=Bench Pupil' \
    --set pupil.date_of_birth=2017-05-14 --set pupil.year_group=4 \
    --set pupil.registered_on=2021-09-06 > /dev/null
  for i in $(seq 199); do
    printf 'need:\n  need_id: need-%s\n  area: cognition-and-learning\n  census_type: spld\n  rank: secondary\n  evidence:\n    - kind: assessment\n      summary: bench\n      dated: 2025-09-22\n  parents_agree: agrees\n  professionals_agree: not-yet-asked\n  identified_on: 2025-10-01\n' \
      "$i" | "$cli" identify-need bench-pupil --file - > /dev/null
  done
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$cli" evidence-pack bench-pupil --out "$grpc_dir/bench.pack" > /dev/null
    echo $(( ($(date +%s%N) - start) / 1000 ))
  done | sort -n | sed -n 3p | awk '{ printf "evidence_pack_200_events_ms: %.1f\n", $1 / 1000 }'
  unset ENDEAVOUR_SERVER ENDEAVOUR_TOKEN
  kill -TERM $server_pid; wait $server_pid || true
  trap - EXIT
fi
