#!/usr/bin/env bash
# Installs everything mimic's build and tests need, from Debian's packages
# only.  Idempotent: when every tool and source is present it does nothing.
# Usage: scripts/setup.sh [--if-needed]   (the flag only quiets the all-present case)
set -eu

# package: what proves it is installed (a command, or a file)
needs=(
  "make:make"
  "gcc:gcc"
  "binutils:ld"
  "gcc-mips64el-linux-gnuabi64:mips64el-linux-gnuabi64-gcc"
  "binutils-mips64el-linux-gnuabi64:mips64el-linux-gnuabi64-ld"
  "qemu-system-mips:qemu-system-mips64el"
  "qemu-user:qemu-mips64el"
  "qemu-system-x86:qemu-system-i386"
  "qemu-system-data:/usr/share/qemu/linuxboot_dma.bin"
  "seabios:/usr/share/seabios/bios.bin"
  "librust-capstone-sys-dev:/usr/share/cargo/registry/capstone-sys-0.15.0/capstone/cs.c"
  "newlib-source:/usr/src/newlib"
  "nasm:nasm"
  "python3:python3"
  "xz-utils:xz"
)

missing=()
for n in "${needs[@]}"; do
  pkg=${n%%:*} probe=${n#*:}
  if [[ $probe == /* ]]; then
    [ -e "$probe" ] || missing+=("$pkg")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  [ "${1:-}" = "--if-needed" ] || echo "setup: everything is installed"
  exit 0
fi

echo "setup: installing from Debian: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
