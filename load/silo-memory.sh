#!/usr/bin/env bash
# Runs one scenario once on N fresh `tcpswarm silo` processes (default 2), silo K pinned to core K-1 (`taskset`,
# DOTNET_PROCESSOR_COUNT=1), and prints what each silo held at its peak and what it did: its peak working set (VmHWM)
# and CPU time beside the
# run's wall time, its peak of ESTABLISHED sockets (both sides, from the time series) and run.json's cluster figures.
#   load/silo-memory.sh SCENARIO.yaml [SILOS]     e.g. load/silo-memory.sh load/two-million.yaml 2
#   RUN_ARGS="--cluster-timeout 2m" load/silo-memory.sh ...   (more options for `tcpswarm run`: a silo of one core
#   busy with a big run, or a machine shared with other work, may answer the run's watchdog later than 10 s)
# Needs redis-server, taskset, python3 (load/pinned-silos.sh) and a Release build: dotnet build src/TcpSwarm.Cli -c Release.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: load/silo-memory.sh SCENARIO.yaml [SILOS]" >&2; exit 2; }
SCENARIO=$1; N=${2:-2}
TCPSWARM=src/TcpSwarm.Cli/bin/Release/net10.0/tcpswarm.dll
[ -f "$TCPSWARM" ] || { echo "silo-memory.sh: build first: dotnet build src/TcpSwarm.Cli -c Release" >&2; exit 2; }
[ -f "$SCENARIO" ] || { echo "silo-memory.sh: no scenario $SCENARIO" >&2; exit 2; }
[[ "$N" =~ ^[1-9]$ ]] || { echo "silo-memory.sh: SILOS must be 1 to 9, not '$N'" >&2; exit 2; }
NAME=silo-memory.sh
# shellcheck source=load/pinned-silos.sh
source load/pinned-silos.sh
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $cores cores; $N silos; $(free -g | awk '/Mem:/ {print $2}') GiB"
id="memory$$"
start_silos "$N" "$id"
# shellcheck disable=SC2086
dotnet $TCPSWARM run "$SCENARIO" --out "$work/out" --redis 127.0.0.1:"$REDIS_PORT" --cluster-id "$id" \
  --force ${RUN_ARGS:-} > "$work/run.log" 2>&1 || { echo "silo-memory.sh: the run failed:" >&2; tail -20 "$work/run.log" >&2; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tick=$(getconf CLK_TCK)
for k in $(seq 1 "$N"); do
  pid=${silos[$k-1]}
  echo "silo $k (pid $pid): peak working set $(awk '/VmHWM/ {printf "%.2f GiB", $2/1048576}' /proc/"$pid"/status)," \
    "CPU $(awk -v t="$tick" '{printf "%.1f s", ($14 + $15) / t}' /proc/"$pid"/stat) (since it started)"
done
python3 - "$work/out" <<'PY'
import json, sys
out = sys.argv[1]
run = json.load(open(f"{out}/run.json")); c = run["cluster"]
ts = json.load(open(f"{out}/timeseries.json"))
column = ts["columns"].index("state.established")
peak = max((row[column] for row in ts["rows"]), default=0)
print(f"wall {run['wall_seconds']:.1f} s, {run['events']:,} events, {run['windows']:,} windows; "
      f"peak ESTABLISHED {peak:,}")
print(f"cluster: {len(c['silos'])} silos, idle {c['idle_silos']}, {c['messages_between_silos']} messages, "
      f"waits for peers {c['waits_for_peers']}; per silo, seconds running windows {c['seconds_running_windows']}, "
      f"waiting for peers {c['seconds_waiting_for_peers']}")
PY
