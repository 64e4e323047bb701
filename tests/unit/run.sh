#!/usr/bin/env bash
# Host unit tests: runs each built test program.
set -u
cd "$(dirname "$0")/../.."
status=0
for t in $(find build/unit -type f -name '*_test' | sort); do
  "$t" || status=1
done
exit $status
