#!/usr/bin/env bash
# Installs what the tests need where it is missing, runs every test project (printing each one's duration), then two
# checks of the source: `dotnet format --verify-no-changes` and the longest line. Ends with one line,
# "N passed, N failed, N skipped", summed over every test and each check (a check is one test). Exit status: 0 only
# if nothing failed.
#   TCPSWARM_SKIP_LINE_LENGTH=1   skip the line-length check (it then counts as skipped, and says so)
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
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

log=$(mktemp)
dotnet test --solution TcpSwarm.sln --no-restore -- --no-progress 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints one summary per run; sum every total it printed.
passed=$(grep -E '^\s*succeeded: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s*failed: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E '^\s*skipped: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# The summary names each test project's assembly with its verdict and wall time (the projects run side by side).
echo "test.sh: each test project's duration:"
sed -n '/^Test run summary/,$p' "$log" \
  | sed -nE 's#^[[:space:]]+.*/([^/]+)\.dll \([^)]*\) (.*) \(([0-9hms ]+)\)$#  \1: \3 (\2)#p' | sort
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or a test host failed before it could count
fi

# Check: the sources are as `dotnet format` leaves them (whitespace, and the style rules .editorconfig enforces).
format_log=$(mktemp)
if dotnet format TcpSwarm.sln --verify-no-changes --no-restore --verbosity quiet >"$format_log" 2>&1; then
  echo "test.sh: format: passed (dotnet format TcpSwarm.sln --verify-no-changes)"
  passed=$((passed + 1))
else
  echo "test.sh: format: FAILED: dotnet format TcpSwarm.sln --verify-no-changes would change these files" \
       "(run dotnet format TcpSwarm.sln):"
  files=$(grep -oE '^[^(:]+\.cs' "$format_log" | sed "s#^$PWD/##" | sort -u)
  if [ -n "$files" ]; then echo "$files" | sed 's/^/  /'; else tail -n 20 "$format_log" | sed 's/^/  /'; fi
  failed=$((failed + 1))
fi
rm -f "$format_log"

# Check: no C# line under src/ or tests/ longer than .editorconfig's max_line_length, counted in characters.
max=$(sed -nE 's/^max_line_length *= *([0-9]+).*/\1/p' .editorconfig | head -n 1)
if [ "${TCPSWARM_SKIP_LINE_LENGTH:-}" = 1 ]; then
  echo "test.sh: line length: SKIPPED because TCPSWARM_SKIP_LINE_LENGTH=1"
  skipped=$((skipped + 1))
else
  long=$(find src tests -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z \
         | LC_ALL=C.UTF-8 xargs -0 -r grep -nE "^.{$((max + 1)),}" | cut -d: -f1,2)
  count=$(printf '%s' "$long" | grep -c . || true)
  if [ "$count" -eq 0 ]; then
    echo "test.sh: line length: passed (no line over $max columns)"
    passed=$((passed + 1))
  else
    echo "test.sh: line length: FAILED: $count lines over $max columns, the first at:"
    echo "$long" | head -n 10 | sed 's/^/  /'
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
