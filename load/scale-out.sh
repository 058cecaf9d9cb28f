#!/usr/bin/env bash
# Events per wall second of one scenario embedded and on 1, 2 and 3 `tcpswarm silo` processes sharing a Redis on
# 127.0.0.1, with the messages and bytes between silos per window: the figures of docs/scale-out.md.
#   load/scale-out.sh [SCENARIO] [RUNS]     (default load/scale-out.yaml, 3 runs per configuration)
# Needs redis-server (Debian's package) and a Release build: dotnet build src/TcpSwarm.Cli -c Release.
# The silos stay up across their runs; the first run on them warms their JIT, so read the medians of the others.
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-load/scale-out.yaml}; RUNS=${2:-3}
TCPSWARM=src/TcpSwarm.Cli/bin/Release/net10.0/tcpswarm.dll
REDIS_PORT=6399
[ -f "$TCPSWARM" ] || { echo "scale-out.sh: build first: dotnet build src/TcpSwarm.Cli -c Release" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "scale-out.sh: needs redis-server (apt-get install redis-server)" >&2; exit 2; }
work=$(mktemp -d); silos=()
cleanup() {
  for pid in "${silos[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
row() {   # configuration, run, then what run.json says
  python3 - "$1" "$2" "$work/out/run.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[3])); c = d["cluster"]
print(f'{sys.argv[1]:<9} {sys.argv[2]:>3} {d["wall_seconds"]:8.2f} {d["windows"]:8} {d["events"]:10} '
      f'{d["events_per_wall_second"]:10.0f} {c["messages_per_window"]:8.2f} {c["bytes_per_window"]:10.0f}')
PY
}
echo "config    run   wall s  windows     events   events/s msgs/win  bytes/win"
for r in $(seq 1 "$RUNS"); do
  rm -rf "$work/out"; dotnet $TCPSWARM run "$SCENARIO" --out "$work/out" >/dev/null; row embedded "$r"
done
for n in 1 2 3; do
  id="scaleout$n$$"; silos=()
  for k in $(seq 1 $n); do
    dotnet $TCPSWARM silo --redis 127.0.0.1:$REDIS_PORT --cluster-id "$id" --silo-port $((22100 + n * 10 + k)) \
      --gateway-port $((22200 + n * 10 + k)) > "$work/silo$k.log" 2>&1 &
    silos+=($!)
  done
  for k in $(seq 1 $n); do
    timeout 60 bash -c "until grep -q 'joined cluster' '$work/silo$k.log'; do sleep 0.5; done" \
      || { echo "scale-out.sh: silo $k did not join:" >&2; tail -5 "$work/silo$k.log" >&2; exit 1; }
  done
  for r in $(seq 1 "$RUNS"); do
    rm -rf "$work/out"
    dotnet $TCPSWARM run "$SCENARIO" --out "$work/out" --redis 127.0.0.1:$REDIS_PORT --cluster-id "$id" >/dev/null
    row "silos=$n" "$r"
  done
  for pid in "${silos[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
done
