#!/usr/bin/env bash
# Strong and weak scaling of `tcpswarm silo` processes, one core each. A 1-, a 2- and a 3-silo cluster stay up
# together (silo K of each pinned to core K-1, or shared round the cores where there are fewer: marked "sharing
# cores"; DOTNET_PROCESSOR_COUNT=1) and every round runs the scenario once on each in turn, so that a machine whose
# speed drifts over minutes slows every silo count alike. A second 1-silo cluster on core 1 gives a second baseline,
# since the cores of a virtual machine need not be equally fast (docs/scale-out.md): the speedup is printed against
# the lone silo on core 0 and on core 1. The `tcpswarm run` process that starts each run takes CPU too (starting,
# compiling, writing the outputs); it is pinned to core 0 for every cluster (CLIENT_CORE=0, the default), so that
# one silo does not get a free core for it that two silos must share; CLIENT_CORE= leaves it free.
# Per scenario and cluster, medians of RUNS rounds after WARMUP warm-up rounds (default 3; a pinned silo reaches its
# steady speed in its second run, load/pinned-silos.sh says how): wall time, events per wall second, the speedup (of the
# medians, and the median of each round's ratio, which a machine whose speed drifts between rounds moves less), what
# crossed between silos per window, how often a silo waited for a peer, the share of the wall time the clock's barriers
# added, the silos' CPU seconds, each silo's seconds running windows and waiting for peers, and each round's wall time.
# Weak scaling: when four-servers is measured, its rounds also run load/eight-servers.yaml (twice the work) on the
# 2-silo cluster, and the script prints the ratio of its wall time to four-servers' on each lone silo, both ways too.
# Beside it, the machine's own floor for that ratio: each round also runs four-servers on both lone silos at once (each
# with its run process on its own core), and the script prints how much longer each took than alone, and the slower of
# the two over each alone: what weak scaling would be if running across silos cost nothing.
#   load/scale-out.sh [RUNS] [SCENARIO...]   (default 3 rounds; four-servers, hot-server, syn-flood)
#   SET="duration=2s" WARMUP=1 load/scale-out.sh 1     (a quick try: every run gets --set duration=2s)
# Needs redis-server (Debian's package), taskset, python3 and a Release build: dotnet build src/TcpSwarm.Cli -c Release.
# Read the load average it prints: other work on the cores is noise.
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
CLIENT_CORE=${CLIENT_CORE-0}
pin=(); if [ -n "$CLIENT_CORE" ]; then pin=(taskset -c "$CLIENT_CORE"); fi
NAME=scale-out.sh
# shellcheck source=load/pinned-silos.sh
source load/pinned-silos.sh
client="client unpinned"; if [ -n "$CLIENT_CORE" ]; then client="client on core $CLIENT_CORE"; fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $cores cores; $RUNS rounds after $WARMUP warm-up" \
  "rounds; $client${SET:+; --set $SET}"

# A cluster's label is its silo count, with "b" for the lone silo on core 1; each keeps its silos' pids.
labels=(1 2 3); if [ "$cores" -ge 2 ]; then labels=(1 1b 2 3); fi
declare -A cluster
for label in "${labels[@]}"; do
  first=0; if [ "$label" = 1b ]; then first=1; fi
  start_silos "${label%b}" "scale$label$$" "$first"; cluster[$label]="${silos[*]}"
done

results=$work/results.tsv; : > "$results"
cpu() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
run_on() {   # cluster label, scenario, round (recorded above 0)[, label to record it under, run process's core]
  local label=$1 s=$2 as=${4:-$1} before after out=$work/out-${4:-$1}
  local -a pids runpin=(${pin[@]+"${pin[@]}"}); read -ra pids <<< "${cluster[$label]}"
  if [ -n "${5:-}" ]; then runpin=(taskset -c "$5"); fi
  before=$(cpu "${pids[@]}"); rm -rf "$out"
  ${runpin[@]+"${runpin[@]}"} dotnet $TCPSWARM run "load/$s.yaml" "${sets[@]}" --out "$out" \
    --redis 127.0.0.1:"$REDIS_PORT" --cluster-id "scale$label$$" >/dev/null
  after=$(cpu "${pids[@]}")
  [ "$3" -gt 0 ] || return 0
  python3 - "$s" "$as" "$(( after - before ))" "$(getconf CLK_TCK)" "$out/run.json" "$3" >> "$results" <<'PY'
import json, sys
d = json.load(open(sys.argv[5])); c = d["cluster"]
print("\t".join([sys.argv[1], sys.argv[2], str(d["wall_seconds"]), str(d["events"]),
                 str(d["events_per_wall_second"] or 0), str(c["messages_per_window"]), str(c["bytes_per_window"]),
                 str(len(c.get("idle_silos", []))), str(c["waits_for_peers"]),
                 "/".join(f"{x:.1f}" for x in c["seconds_running_windows"]),
                 "/".join(f"{x:.1f}" for x in c["seconds_waiting_for_peers"]),
                 str(c["seconds_at_barriers"] / d["wall_seconds"]), str(int(sys.argv[3]) / int(sys.argv[4])),
                 sys.argv[6]]))
PY
}
for s in "${SCENARIOS[@]}"; do
  jobs=(); for label in "${labels[@]}"; do jobs+=("$label $s"); done
  if [ "$s" = four-servers ]; then jobs+=("2 eight-servers"); fi
  for r in $(seq $((1 - WARMUP)) "$RUNS"); do   # rounds up to 0 warm up and are not recorded
    for j in "${jobs[@]}"; do
      # shellcheck disable=SC2086   # "label scenario" splits into its two words
      run_on $j "$r"
    done
    if [ "$s" = four-servers ] && [ "$cores" -ge 2 ]; then   # the machine's own floor for weak scaling
      run_on 1 four-servers "$r" "1&" 0 & together=$!
      run_on 1b four-servers "$r" "1b&" 1
      wait "$together"
    fi
  done
  echo "  done: $s" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" "$cores" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
cores = int(sys.argv[2])
core_of = {"1": "core 0", "1b": "core 1"}   # the lone silos' clusters
med = {}
for key in dict.fromkeys((r[0], r[1]) for r in rows):   # in the order measured
    rs = [r for r in rows if (r[0], r[1]) == key]
    per_silo = lambda i: "/".join(f"{statistics.median(x):.1f}"    # each silo's median over the rounds
                                  for x in zip(*([float(v) for v in r[i].split("/")] for r in rs)))
    med[key] = [statistics.median(float(r[i]) for r in rs) for i in (2, 3, 4, 5, 6, 8, 11, 12)] \
        + [int(rs[0][7]), per_silo(9), per_silo(10), " ".join(f"{float(r[2]):.2f}" for r in rs)]
wall = {(r[0], r[1], r[13]): float(r[2]) for r in rows}   # (scenario, cluster, round) -> wall seconds
def per_round(num, den):   # the median over the rounds of one run's wall time over another's in the same round
    ratios = [wall[num + (r,)] / wall[den + (r,)] for (s, l, r) in wall if (s, l) == den and num + (r,) in wall]
    return statistics.median(ratios) if ratios else None
print("speedup: against the lone silo on core 0 / on core 1; of the medians, and the median of each round's ratio")
print(f"{'scenario':<14} {'silos':>5} {'wall s':>8} {'events':>11} {'events/s':>10} {'speedup':>12} {'per round':>12} "
      f"{'msgs/win':>9} {'bytes/win':>10} {'waits':>8} {'barrier':>8} {'CPU s':>6}  {'run s/silo':<16} "
      f"{'wait s/silo':<16} {'each round s':<20} note")
for (s, label), (median, events, rate, msgs, size, waits, barrier, cpu, idle, ran, waited, walls) in med.items():
    if label.endswith("&"): continue   # the lone silos at once: printed below, with weak scaling
    n = int(label.rstrip("b"))
    speed = "/".join(f"{med[(s, b)][0] / median:.2f}x" for b in ("1", "1b") if (s, b) in med)
    rounds = "/".join(f"{per_round((s, b), (s, label)):.2f}x" for b in ("1", "1b") if (s, b) in med)
    notes = []
    if label == "1b": notes.append("on core 1")
    if n > cores: notes.append("sharing cores")
    if idle: notes.append(f"{idle} idle")
    print(f"{s:<14} {n:>5} {median:>8.2f} {events:>11.0f} {rate:>10.0f} {speed:>12} {rounds:>12} {msgs:>9.2f} "
          f"{size:>10.0f} {waits:>8.0f} {barrier:>8.1%} {cpu:>6.2f}  {ran:<16} {waited:<16} {walls:<20} "
          + ", ".join(notes))
for b in ("1", "1b"):
    if ("eight-servers", "2") in med and ("four-servers", b) in med:
        ratio = med[("eight-servers", "2")][0] / med[("four-servers", b)][0]
        rounds = per_round(("eight-servers", "2"), ("four-servers", b))
        print(f"weak scaling: eight-servers on 2 silos / four-servers on 1 silo on {core_of[b]}, wall time ratio"
              f" {ratio:.2f} (of the medians), {rounds:.2f} (the median of each round's ratio)")
for b in ("1", "1b"):
    if ("four-servers", b + "&") in med:
        ratio = med[("four-servers", b + "&")][0] / med[("four-servers", b)][0]
        rounds = per_round(("four-servers", b + "&"), ("four-servers", b))
        print(f"machine floor: four-servers on the lone silo on {core_of[b]} while the other lone silo runs it too"
              f" (each with its run process on its own core), wall time ratio to alone {ratio:.2f} (of the medians),"
              f" {rounds:.2f} (the median of each round's ratio)")
together = sorted({r for (s, l, r) in wall if (s, l) == ("four-servers", "1&") and ("four-servers", "1b&", r) in wall})
if together:   # what weak scaling would be if the engine cost nothing: the slower of two independent silos
    slower = {r: max(wall[("four-servers", "1&", r)], wall[("four-servers", "1b&", r)]) for r in together}
    floor = ["{:.2f}".format(statistics.median(slower[r] / wall[("four-servers", b, r)] for r in together))
             for b in ("1", "1b")]
    print(f"machine floor for weak scaling: the slower of the two lone silos at once / four-servers alone on core 0 /"
          f" on core 1: {'/'.join(floor)} (the median of each round's ratio)")
PY
