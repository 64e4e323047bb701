#!/usr/bin/env bash
# Boots mimic under qemu-system-mips64el (loongson3-virt) with the serial
# console on this terminal.  Words of the form KEY=VALUE become the kernel's
# boot options (-append); QEMU's own Ctrl-A escape is off, so every key reaches
# mimic (Ctrl-A x quits).  mimic's exit code becomes this script's.
# GUEST=prog.bin, BIOS=rom.bin, LINUX=bundle.cpio and DISK=file.img are not
# boot options: the file travels as the initrd (as the firmware hands one
# over on hardware) and mimic runs it as a flat guest, starts the PC from
# reset with it as the firmware (boot option bios=initrd), boots the Linux
# kernel, initrd and command line packed in it through SeaBIOS (linux=initrd;
# firmware/linux.mk builds build/linux/linuxboot.cpio), or boots SeaBIOS with
# it as the boot disk (disk=initrd).  With none of them, the PC boots the
# built-in SeaBIOS (bios=seabios) unless the options choose otherwise (bios=,
# selftest=, bench=).  A value with spaces is passed quoted:
# append="console=ttyS0 quiet".
# Usage: scripts/run.sh build/mimic.elf
#        [GUEST=prog.bin | BIOS=rom.bin | LINUX=bundle.cpio | DISK=file.img]
#        [option=value ...]
set -eu
elf=$1
shift
[ -f "$elf" ] || { echo "run: no kernel image at $elf (run make)"; exit 1; }

mem=${MIMIC_MEM:-1024}
opts=("exit=semihosting")
initrd=()
for w in "$@"; do
  case $w in
    GUEST=*|BIOS=*|LINUX=*|DISK=*)
      f=${w#*=}
      [ ${#initrd[@]} -eq 0 ] || { echo "run: give one of GUEST=, BIOS=, LINUX= and DISK=, once"; exit 64; }
      [ -f "$f" ] || { echo "run: ${w%%=*} file '$f' not found"; exit 64; }
      initrd=(-initrd "$f")
      case ${w%%=*} in
        BIOS) opts+=("bios=initrd") ;;
        LINUX) opts+=("linux=initrd") ;;
        DISK) opts+=("disk=initrd") ;;
      esac ;;
    *[[:space:]]*) opts+=("${w%%=*}=\"${w#*=}\"") ;;
    *) opts+=("$w") ;;
  esac
done

if [ ${#initrd[@]} -eq 0 ] && [[ ! " ${opts[*]} " =~ \ (bios|selftest|bench|linux)= ]]; then
  opts+=("bios=seabios")
fi

if [ -t 0 ]; then
  # A terminal: raw keys to mimic, restored afterwards.
  saved=$(stty -g)
  trap 'stty "$saved"' EXIT
  stty raw -echo
  opts+=("tty=1")
fi

exec_qemu=(qemu-system-mips64el -M loongson3-virt -m "$mem" -display none
  -monitor none -semihosting
  -chardev stdio,id=con,mux=off,signal=off -serial chardev:con
  -kernel "$elf" -append "${opts[*]}" "${initrd[@]}")
"${exec_qemu[@]}"
