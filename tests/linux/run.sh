#!/usr/bin/env bash
# Linux guest tests: bad bundles refused (tests/linux/bad_input.py), then
# Debian's i386 kernel and busybox to a shell, both boot paths, the shell
# driven through the serial line (tests/linux/linux_test.py).
# Usage: tests/linux/run.sh [TARGET...]   (targets: the boots only)
set -u
cd "$(dirname "$0")/../.."
status=0
[ $# -gt 0 ] || python3 tests/linux/bad_input.py || status=1
python3 tests/linux/linux_test.py "$@" || status=1
exit $status
