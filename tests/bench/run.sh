#!/usr/bin/env bash
# The benchmark workloads give the host CPU's results: as flat guests on
# mimic and built natively into the kernel (bench.py --check).
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/bench/bench.py --check
