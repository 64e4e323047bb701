#!/usr/bin/env bash
# The x87 library against the host x87: every operation under each precision
# and rounding control on 20,000 operand sets (about two seconds).
set -u
cd "$(dirname "$0")/../.."
exec build/x87/host_test 20000
