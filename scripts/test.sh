#!/usr/bin/env bash
# Runs every test group (tests/<group>/run.sh, in name order) and sums their
# verdicts.  A group prints one line per check, starting "PASS " or "FAIL ";
# anything else it prints is context.  Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
log=build/test-logs
mkdir -p "$log"
passed=0 failed=0
for run in tests/*/run.sh; do
  group=$(basename "$(dirname "$run")")
  echo "== $group"
  bash "$run" 2>&1 | tee "$log/$group.log" | grep -E '^(PASS|FAIL) '
  status=${PIPESTATUS[0]}
  p=$(grep -c '^PASS ' "$log/$group.log")
  f=$(grep -c '^FAIL ' "$log/$group.log")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL $group: run.sh exited $status without a verdict (log: $log/$group.log)"
    tail -5 "$log/$group.log"
    f=1
  fi
  passed=$((passed + p)) failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
