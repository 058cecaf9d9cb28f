# Sourced by load/scale-out.sh and load/silo-memory.sh: a Redis on a free port for membership, and `tcpswarm silo`
# processes pinned one per core (silo K on core K-1, DOTNET_PROCESSOR_COUNT=1), all gone when the script exits.
# On one CPU the .NET runtime waits ten times as long before it starts counting calls to move hot code to optimised
# code, and each newly compiled method starts that wait again; a pinned silo then needed five or six runs to reach
# its steady speed, and code that only a split run uses (the exchange between silos) was still slow in the rounds
# measured. DOTNET_TC_DelaySingleProcMultiplier=1 gives it the wait it has on more CPUs: steady by its second run,
# and no faster once steady (docs/scale-out.md, "Warm-up on one CPU").
# Expects TCPSWARM (the built tcpswarm.dll) and NAME (the sourcing script's name, for messages).
command -v redis-server >/dev/null || { echo "$NAME: needs redis-server (apt-get install redis-server)" >&2; exit 2; }
command -v taskset >/dev/null || { echo "$NAME: needs taskset (util-linux)" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cores=$(nproc)
work=$(mktemp -d); silos=(); started=(); REDIS_PORT=$(free_port)
cleanup() {
  for pid in ${started[@]+"${started[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${started[@]+"${started[@]}"}; do wait "$pid" 2>/dev/null || true; done   # Redis outlives them
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null

# start_silos N CLUSTER_ID [FIRST_CORE]: N fresh silos of one cluster (their pids in `silos`), silo K pinned to core
# FIRST_CORE + K - 1 (default 0), round the cores; returns once all have joined. Every silo started stops when the
# script exits, whichever cluster it belongs to.
start_silos() {
  local n=$1 id=$2 first=${3:-0} k
  silos=()
  for k in $(seq 1 "$n"); do
    DOTNET_PROCESSOR_COUNT=1 DOTNET_TC_DelaySingleProcMultiplier=1 taskset -c $(( (first + k - 1) % cores )) \
      dotnet "$TCPSWARM" silo --redis 127.0.0.1:"$REDIS_PORT" --cluster-id "$id" --silo-port "$(free_port)" \
      --gateway-port "$(free_port)" > "$work/$id-silo$k.log" 2>&1 &
    silos+=($!); started+=($!)
  done
  for k in $(seq 1 "$n"); do
    timeout 120 bash -c "until grep -qs 'joined cluster' '$work/$id-silo$k.log'; do sleep 0.5; done" \
      || { echo "$NAME: silo $k did not join:" >&2; tail -5 "$work/$id-silo$k.log" >&2; exit 1; }
  done
}
