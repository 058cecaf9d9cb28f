#!/usr/bin/env bash
# Strong and weak scaling of `tcpswarm silo` processes, one core each: per scenario, the wall time and events per
# wall second on 1 and 2 silos (3 where the machine has 3 cores; on fewer, marked "sharing cores"), the speedup
# against one silo, what crossed between silos per window, how often a silo waited for a peer, and (the last run's)
# wall seconds each silo spent running windows and waiting for peers, and the share of the wall time the clock's
# barriers added; weak scaling: load/eight-servers.yaml on 2 silos against load/four-servers.yaml on 1. Medians of
# RUNS runs after WARMUP warm-up runs (default 3: a fresh silo is still compiling hot code in its second run) per
# scenario and silo count.
#   load/scale-out.sh [RUNS] [SCENARIO...]   (default 3 runs; four-servers, hot-server, syn-flood)
#   SET="duration=2s" WARMUP=1 load/scale-out.sh 1     (a quick try: every run gets --set duration=2s)
# Each silo runs under `taskset -c K` with DOTNET_PROCESSOR_COUNT=1 (silo K on core K - 1); the client that starts
# the runs is not pinned (it waits). Needs redis-server (Debian's package), taskset, python3 and a Release build:
# dotnet build src/TcpSwarm.Cli -c Release. Read the load average it prints: other work on the cores is noise.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}; shift || true
SCENARIOS=("$@"); [ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(four-servers hot-server syn-flood)
TCPSWARM=src/TcpSwarm.Cli/bin/Release/net10.0/tcpswarm.dll
[ -f "$TCPSWARM" ] || { echo "scale-out.sh: build first: dotnet build src/TcpSwarm.Cli -c Release" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "scale-out.sh: RUNS must be a whole number above 0, not '$RUNS'" >&2; exit 2; }
WARMUP=${WARMUP:-3}
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "scale-out.sh: WARMUP must be a whole number, not '$WARMUP'" >&2; exit 2; }
for s in "${SCENARIOS[@]}"; do
  [ -f "load/$s.yaml" ] || { echo "scale-out.sh: no scenario load/$s.yaml" >&2; exit 2; }
done
sets=(); if [ -n "${SET:-}" ]; then sets=(--set "$SET"); fi
NAME=scale-out.sh
# shellcheck source=load/pinned-silos.sh
source load/pinned-silos.sh
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $cores cores; $RUNS runs after $WARMUP warm-up runs${SET:+; --set $SET}"

results=$work/results.tsv; : > "$results"
record() {   # scenario, silos, run, then what run.json says
  python3 - "$1" "$2" "$3" "$work/out/run.json" >> "$results" <<'PY'
import json, sys
d = json.load(open(sys.argv[4])); c = d["cluster"]
print("\t".join([sys.argv[1], sys.argv[2], sys.argv[3], str(d["wall_seconds"]), str(d["events"]),
                 str(d["events_per_wall_second"] or 0), str(c["messages_per_window"]), str(c["bytes_per_window"]),
                 str(len(c.get("idle_silos", []))), str(c["waits_for_peers"]),
                 "/".join(f"{x:.1f}" for x in c["seconds_running_windows"]),
                 "/".join(f"{x:.1f}" for x in c["seconds_waiting_for_peers"]),
                 str(c["seconds_at_barriers"] / d["wall_seconds"])]))
PY
}
run_on() {   # silos, scenario, cluster id
  local n=$1 s=$2 id=$3
  for r in $(seq $((1 - WARMUP)) "$RUNS"); do   # runs up to 0 warm up and are not recorded
    rm -rf "$work/out"
    dotnet $TCPSWARM run "load/$s.yaml" "${sets[@]}" --out "$work/out" --redis 127.0.0.1:"$REDIS_PORT" \
      --cluster-id "$id" >/dev/null
    if [ "$r" -gt 0 ]; then record "$s" "$n" "$r"; fi
  done
}
for n in 1 2 3; do
  id="scale$n$$"
  start_silos "$n" "$id"
  for s in "${SCENARIOS[@]}"; do run_on "$n" "$s" "$id"; echo "  done: $s on $n silo(s)" >&2; done
  if [ "$n" -eq 2 ]; then run_on 2 eight-servers "$id"; echo "  done: eight-servers on 2 silos" >&2; fi
  stop_silos
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" "$cores" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
cores = int(sys.argv[2])
med = {}
for key in sorted({(r[0], int(r[1])) for r in rows}):
    rs = [r for r in rows if (r[0], int(r[1])) == key]
    med[key] = [statistics.median(float(r[i]) for r in rs) for i in (3, 4, 5, 6, 7, 9, 12)] + [int(rs[0][8])] \
        + [rs[-1][10], rs[-1][11]]
print(f"{'scenario':<14} {'silos':>5} {'wall s':>8} {'events':>11} {'events/s':>10} {'speedup':>8} "
      f"{'msgs/win':>9} {'bytes/win':>10} {'waits':>8} {'barrier':>8}  {'run s/silo':<16} {'wait s/silo':<16} note")
for (s, n), (wall, events, rate, msgs, size, waits, barrier, idle, ran, waited) in med.items():
    base = med.get((s, 1))
    speed = f"{base[0] / wall:.2f}x" if base and s != "eight-servers" else ""
    notes = []
    if n > cores: notes.append("sharing cores")
    if idle: notes.append(f"{idle} idle")
    print(f"{s:<14} {n:>5} {wall:>8.2f} {events:>11.0f} {rate:>10.0f} {speed:>8} {msgs:>9.2f} {size:>10.0f} "
          f"{waits:>8.0f} {barrier:>8.1%}  {ran:<16} {waited:<16} "
          + ", ".join(notes))
if ("eight-servers", 2) in med and ("four-servers", 1) in med:
    ratio = med[("eight-servers", 2)][0] / med[("four-servers", 1)][0]
    print(f"weak scaling: eight-servers on 2 silos / four-servers on 1 silo, wall time ratio {ratio:.2f}")
PY
