#!/usr/bin/env bash
# Runs a real-mode guest binary under qemu-system-i386 (wrapped by rmboot.asm,
# entered at RSEG:0) and prints what it writes to port 0xE9: the reference for
# mimic-hosted real16=RSEG.  Usage: qemu-real.sh <guest.bin> <RSEG>
# (exit status: the guest's port 0xF4 status).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$1 rseg=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nasm -f bin -DGUEST="\"$(realpath "$bin")\"" -DRSEG="$rseg" -o "$tmp/boot.mb" "$here/rmboot.asm" || exit 2
timeout 60 qemu-system-i386 -M pc -m 64 -nodefaults -display none -no-reboot \
    -kernel "$tmp/boot.mb" -chardev file,id=dbg,path="$tmp/out" \
    -device isa-debugcon,iobase=0xe9,chardev=dbg -device isa-debug-exit,iobase=0xf4,iosize=1
status=$?
cat "$tmp/out"
exit $status
