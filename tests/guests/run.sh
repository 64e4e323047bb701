#!/usr/bin/env bash
# Flat guest programs in the real kernel under QEMU, the monitor, the logs, and the
# system-test BIOS images (tests/guests/sys/) under qemu-system-i386 and mimic.
set -u
cd "$(dirname "$0")/../.."
status=0
python3 tests/guests/guests_test.py || status=1
python3 tests/guests/monitor_test.py || status=1
python3 tests/guests/events_test.py || status=1
python3 tests/guests/sys/sys_test.py || status=1
python3 tests/guests/gdb_test.py || status=1
exit $status
