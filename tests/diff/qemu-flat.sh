#!/usr/bin/env bash
# Runs a flat guest binary under qemu-system-i386 (wrapped by mbboot.asm) and
# prints what it writes to port 0xE9: a second reference for the harness itself.
# Usage: qemu-flat.sh <guest.bin>   (exit status: the guest's port 0xF4 status)
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nasm -f bin -DGUEST="\"$(realpath "$bin")\"" -o "$tmp/boot.mb" "$here/mbboot.asm" || exit 2
timeout "${QEMU_FLAT_TIMEOUT:-60}" qemu-system-i386 -M pc -m 64 -nodefaults -display none -no-reboot \
    -kernel "$tmp/boot.mb" -chardev file,id=dbg,path="$tmp/out" \
    -device isa-debugcon,iobase=0xe9,chardev=dbg -device isa-debug-exit,iobase=0xf4,iosize=1
status=$?
cat "$tmp/out"
exit $status
