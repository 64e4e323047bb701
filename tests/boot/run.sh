#!/usr/bin/env bash
# Boot tests: the real kernel under qemu-system-mips64el.
set -u
cd "$(dirname "$0")/../.."
mkdir -p build/test-logs
exec python3 tests/boot/boot_test.py
