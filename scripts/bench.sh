#!/usr/bin/env bash
# make bench: the benchmark table (tests/bench/bench.py).  Needs the kernel,
# the benchmark guests and the counting plugin built (make bench does that).
set -eu
cd "$(dirname "$0")/.."
exec python3 tests/bench/bench.py "$@"
