#!/usr/bin/env bash
# Flat guest programs in the real kernel under QEMU.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/guests/guests_test.py
