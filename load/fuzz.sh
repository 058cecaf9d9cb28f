#!/usr/bin/env bash
# The mutation fuzzer at nightly size: seeded mutations of every load/*.yaml (lines deleted, duplicated, swapped;
# numbers huge, negative, fractional or with odd units; control characters; deep nesting; alias bombs; truncation;
# hostile --set values), each of which must load to a scenario or to located problems and make `tcpswarm validate`
# exit 0 or 2, never 1 or a crash. The suite runs a few hundred of the same; this runs thousands, from a new seed.
#   load/fuzz.sh [VARIANTS] [PROCESSES] [SEED]   (default 5000 per scenario in the loader, 20000 through validate
#                                                 in the process, 200 through the real program, seed from the date)
# A failure prints the seed and the variant: rerun with that SEED and VARIANTS=1 to see it again.
set -euo pipefail
cd "$(dirname "$0")/.."
VARIANTS=${1:-5000}; PROCESSES=${2:-200}; SEED=${3:-$(date +%Y%m%d)}
dotnet build tests/TcpSwarm.Scenarios.Tests -v q >/dev/null
dotnet build tests/TcpSwarm.Cli.Tests -v q >/dev/null
export TCPSWARM_FUZZ_SEED=$SEED TCPSWARM_FUZZ_PROCESSES=$PROCESSES
echo "fuzz.sh: seed $SEED: $VARIANTS variants of each scenario in the loader"
TCPSWARM_FUZZ_VARIANTS=$VARIANTS dotnet test --project tests/TcpSwarm.Scenarios.Tests --no-build -- \
  --filter-class '*MutationFuzzTests*'
echo "fuzz.sh: seed $SEED: $((VARIANTS * 4)) variants through validate in the process, $PROCESSES as the program"
TCPSWARM_FUZZ_VARIANTS=$((VARIANTS * 4)) dotnet test --project tests/TcpSwarm.Cli.Tests --no-build -- \
  --filter-class '*MutationFuzzTests*'
