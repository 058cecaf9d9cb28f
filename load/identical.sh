#!/usr/bin/env bash
# Shows that a change left every result alone: runs each load/ scenario (and syn-flood with syncookies 0 and 2)
# with two builds of tcpswarm and compares every file a run writes but run.json, whose wall-clock figures differ
# from run to run. Prints one line per case, IDENTICAL or DIFF with the files that differ; exit 0 only if all match.
#   load/identical.sh OLD/tcpswarm.dll NEW/tcpswarm.dll [WORK]
# Build each with: dotnet build src/TcpSwarm.Cli -c Release (a second checkout: git worktree add ../base REV).
# The old build's outputs are kept in WORK (default /tmp/tcpswarm-identical) and reused while that dll is unchanged.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: load/identical.sh OLD/tcpswarm.dll NEW/tcpswarm.dll [WORK]" >&2; exit 2; }
old=$(realpath "$1"); new=$(realpath "$2"); work=${3:-/tmp/tcpswarm-identical}
for dll in "$old" "$new"; do [ -f "$dll" ] || { echo "identical.sh: no such build: $dll" >&2; exit 2; }; done

# two-million.yaml holds 1,000,000 connections: about 15 minutes and 8 GiB a run, too big for a check run twice.
cases=()
for f in load/*.yaml; do
  [ "$(basename "$f")" = two-million.yaml ] && continue
  cases+=("$(basename "$f" .yaml)|$f|")
done
cases+=("syn-flood-cookies0|load/syn-flood.yaml|--set net.ipv4.tcp_syncookies=0")
cases+=("syn-flood-cookies2|load/syn-flood.yaml|--set net.ipv4.tcp_syncookies=2")

# run DLL DIR: every case into DIR/<case>/; a case already there from the same dll is kept.
run() {
  local dll=$1 dir=$2 stamp
  stamp=$(sha256sum "$dll" | cut -c1-16)
  [ -f "$dir/.dll" ] && [ "$(cat "$dir/.dll")" = "$stamp" ] || { rm -rf "$dir"; mkdir -p "$dir"; echo "$stamp" > "$dir/.dll"; }
  for c in "${cases[@]}"; do
    IFS='|' read -r name file args <<< "$c"
    [ -f "$dir/$name/summary.json" ] && continue
    rm -rf "$dir/$name"
    # shellcheck disable=SC2086  # args is a list of words
    dotnet "$dll" run "$file" $args --out "$dir/$name" > "$dir/$name.log" 2>&1 \
      || { echo "identical.sh: $name failed with $dll (see $dir/$name.log)" >&2; }
  done
}
run "$old" "$work/old"
rm -rf "$work/new"; run "$new" "$work/new"

status=0
for c in "${cases[@]}"; do
  name=${c%%|*}; diffs=()
  while IFS= read -r f; do
    cmp -s "$work/old/$name/$f" "$work/new/$name/$f" || diffs+=("$f")
  done < <( (cd "$work/old/$name" 2>/dev/null && find . -type f ! -name run.json ! -name .tcpswarm.lock;
             cd "$work/new/$name" 2>/dev/null && find . -type f ! -name run.json ! -name .tcpswarm.lock) | sort -u)
  files=$(cd "$work/old/$name" 2>/dev/null && find . -type f ! -name run.json ! -name .tcpswarm.lock | wc -l)
  if [ ${#diffs[@]} -eq 0 ] && [ "$files" -gt 0 ]; then
    printf '%-22s IDENTICAL (%d files)\n' "$name" "$files"
  else
    printf '%-22s DIFF %s\n' "$name" "${diffs[*]:-no output}"; status=1
  fi
done
exit $status
