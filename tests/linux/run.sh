#!/usr/bin/env bash
# Linux guest tests: Debian's i386 kernel and busybox to a shell, both boot
# paths, the shell driven through the serial line (tests/linux/linux_test.py).
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/linux/linux_test.py "$@"
