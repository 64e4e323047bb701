#!/usr/bin/env bash
# The PC machine in the real kernel under QEMU: device wiring, firmware
# images, boots.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/pc/pc_test.py
