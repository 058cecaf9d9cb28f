#!/usr/bin/env bash
# One silo against two, side by side: a 1-silo cluster (core 0) and a 2-silo cluster (cores 0 and 1) stay up
# together and runs alternate between them, so that a machine whose speed drifts over minutes slows both alike.
# Prints each run (wall seconds, the silos' CPU seconds, seconds running windows and waiting per silo) and the
# medians, with the speedup of 2 silos over 1. The `tcpswarm run` process that starts each run takes CPU too (3 to 4
# s a run, most of it starting, compiling and writing the outputs, about 0.7 s while a 10 s run goes on); on a 2-core
# machine it is pinned to core 0 for both clusters (CLIENT_CORE=0, the default), so that one silo does not get a free
# core for it that two silos must share; CLIENT_CORE= leaves it unpinned. TWO=SCENARIO gives the 2-silo cluster a
# scenario of its own, for weak scaling (twice the work on twice the silos): then it prints the ratio of the wall
# times, not a speedup.
#   load/scale-pair.sh SCENARIO [RUNS]     (default 5 runs each, after 3 warm-up runs each)
#   SET="duration=4s" load/scale-pair.sh load/hot-server.yaml 3
#   TWO=load/eight-servers.yaml load/scale-pair.sh load/four-servers.yaml 3
# Needs redis-server, taskset, python3 and a Release build: dotnet build src/TcpSwarm.Cli -c Release.
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:?usage: load/scale-pair.sh SCENARIO [RUNS]}; RUNS=${2:-5}; WARMUP=${WARMUP:-3}
TCPSWARM=src/TcpSwarm.Cli/bin/Release/net10.0/tcpswarm.dll
[ -f "$TCPSWARM" ] || { echo "scale-pair.sh: build first: dotnet build src/TcpSwarm.Cli -c Release" >&2; exit 2; }
TWO=${TWO:-$SCENARIO}
for s in "$SCENARIO" "$TWO"; do [ -f "$s" ] || { echo "scale-pair.sh: no scenario $s" >&2; exit 2; }; done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "scale-pair.sh: RUNS must be a whole number above 0, not '$RUNS'" >&2; exit 2; }
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "scale-pair.sh: WARMUP must be a whole number, not '$WARMUP'" >&2; exit 2; }
sets=(); if [ -n "${SET:-}" ]; then sets=(--set "$SET"); fi
CLIENT_CORE=${CLIENT_CORE-0}
pin=(); if [ -n "$CLIENT_CORE" ]; then pin=(taskset -c "$CLIENT_CORE"); fi
NAME=scale-pair.sh
# shellcheck source=load/pinned-silos.sh
source load/pinned-silos.sh
client="client unpinned"; if [ -n "$CLIENT_CORE" ]; then client="client on core $CLIENT_CORE"; fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each after $WARMUP warm-up runs;" \
  "${SET:+--set $SET; }$client; 1 silo runs $SCENARIO, 2 silos run $TWO"
start_silos 1 "one$$"; one=("${silos[@]}")
start_silos 2 "two$$"; two=("${silos[@]}"); silos=("${one[@]}" "${two[@]}")
results=$work/results.tsv; : > "$results"

cpu() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
run() {   # cluster (one or two), whether to record
  local -n pids=$1
  local before after scenario=$SCENARIO
  if [ "$1" = two ]; then scenario=$TWO; fi
  before=$(cpu "${pids[@]}"); rm -rf "$work/out"
  ${pin[@]+"${pin[@]}"} dotnet $TCPSWARM run "$scenario" "${sets[@]}" --out "$work/out" \
    --redis 127.0.0.1:"$REDIS_PORT" --cluster-id "$1$$" >/dev/null
  after=$(cpu "${pids[@]}")
  [ "$2" = record ] || return 0
  python3 - "$1" "$(( after - before ))" "$(getconf CLK_TCK)" "$work/out/run.json" >> "$results" <<'PY'
import json, sys
d = json.load(open(sys.argv[4])); c = d["cluster"]
print("\t".join([sys.argv[1], str(d["wall_seconds"]), str(int(sys.argv[2]) / int(sys.argv[3])),
                 "/".join(f"{x:.2f}" for x in c["seconds_running_windows"]),
                 "/".join(f"{x:.2f}" for x in c["seconds_waiting_for_peers"])]))
PY
  tail -1 "$results"
}
for _ in $(seq 1 "$WARMUP"); do run one warm; run two warm; done
for _ in $(seq 1 "$RUNS"); do run one record; run two record; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" "$([ "$TWO" = "$SCENARIO" ] && echo strong || echo weak)" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
med = {k: (statistics.median(float(r[1]) for r in rows if r[0] == k),
           statistics.median(float(r[2]) for r in rows if r[0] == k)) for k in ("one", "two")}
ratio = (f"speedup {med['one'][0] / med['two'][0]:.2f}x" if sys.argv[2] == "strong"
         else f"weak scaling (2 silos' wall / 1 silo's) {med['two'][0] / med['one'][0]:.2f}")
print(f"median wall: 1 silo {med['one'][0]:.2f} s, 2 silos {med['two'][0]:.2f} s, {ratio}; "
      f"median silo CPU: {med['one'][1]:.2f} s against {med['two'][1]:.2f} s")
PY
