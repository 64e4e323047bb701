#!/usr/bin/env bash
# Flat guest programs in the real kernel under QEMU, and the monitor.
set -u
cd "$(dirname "$0")/../.."
status=0
python3 tests/guests/guests_test.py || status=1
python3 tests/guests/monitor_test.py || status=1
exit $status
