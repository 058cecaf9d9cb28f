#!/usr/bin/env bash
# Installs what the tests need where it is missing, then runs every test project and ends with one line:
# "N passed, N failed, N skipped", summed over all of them. Exit status: 0 only if nothing failed.
set -uo pipefail
cd "$(dirname "$0")"

# Debian packages the suite's real components need.
APT_PACKAGES=(
  tshark           # reads back the pcap files a run writes (tests/TcpSwarm.Cli.Tests/Trace)
  prometheus       # scrapes a real run, evaluates every dashboard panel; promtool checks prometheus.yml
                   # (tests/TcpSwarm.Integration.Tests: PrometheusScrapeTests, ComposeTests)
  docker-compose   # `docker-compose config -q` validates docker-compose.yml without an engine (ComposeTests)
  redis-server     # cluster membership for the silo processes of tests/TcpSwarm.Cluster.Tests
)
APT_PACKAGES+=(nftables iproute2)   # tcpswarm calibrate's drops, namespaces, ss, nstat (tests/TcpSwarm.Calibration.Tests)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing Debian packages ${missing[*]} (not root, not installing; tests that need them will say so)"
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet restore TcpSwarm.sln --verbosity quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
dotnet test --solution TcpSwarm.sln --no-restore -- --no-progress 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints one summary per run; sum every total it printed.
passed=$(grep -E '^\s*succeeded: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s*failed: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E '^\s*skipped: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or a test host failed before it could count
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
