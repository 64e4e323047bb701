#!/usr/bin/env bash
# The PC booting a user's disk image (disk=initrd): bad images refused,
# Debian's SYSLINUX disk booted through SeaBIOS (tests/disk/disk_test.py).
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/disk/disk_test.py
