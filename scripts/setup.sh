#!/usr/bin/env bash
# Installs everything mimic's build and tests need, from Debian's packages
# only, and fetches the i386 Linux guest (Debian's packages too, through a
# private apt configuration; the machine's dpkg state is not touched).
# Idempotent: when every tool, source and guest package is present it does
# nothing.
# Usage: scripts/setup.sh [--if-needed]   (quiets the all-present case)
#        scripts/setup.sh --guest-dir     (prints where the guest packages are)
set -eu

# The guest's .debs, shared by every checkout on this machine.
guest_dir=${MIMIC_GUEST_DIR:-/var/cache/mimic/debian-i386}
if [ "${1:-}" = "--guest-dir" ]; then
  echo "$guest_dir"
  exit 0
fi

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
  "syslinux:syslinux"
  "syslinux-common:/usr/lib/syslinux/modules/bios/ldlinux.c32"
  "mtools:mcopy"
  "dosfstools:mkfs.fat"
)
# Wanted but optional (the GDB-stub test uses it where the distribution has it).
optional=("gdb-multiarch:gdb-multiarch")

missing=()
for n in "${needs[@]}"; do
  pkg=${n%%:*} probe=${n#*:}
  if [[ $probe == /* ]]; then
    [ -e "$probe" ] || missing+=("$pkg")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done

# The guest: Debian bookworm's 686 kernel and static busybox for i386.
guest_pkgs=(linux-image-686 busybox-static)
guest_ok() { [ -s "$guest_dir/fetched.txt" ]; }

if [ ${#missing[@]} -eq 0 ] && guest_ok; then
  [ "${1:-}" = "--if-needed" ] || echo "setup: everything is installed"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing from Debian: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  for n in "${optional[@]}"; do
    pkg=${n%%:*}
    command -v "${n#*:}" >/dev/null 2>&1 ||
      $sudo apt-get install -y -qq --no-install-recommends "$pkg" ||
      echo "setup: $pkg is not available here (optional)"
  done
fi

# A private apt for i386: its own sources (the machine's Debian mirrors,
# suite bookworm only), state, status and cache under $guest_dir.
fetch_guest() {
  local d=$guest_dir apt
  $sudo mkdir -p "$d/etc/sources.list.d" "$d/etc/preferences.d" \
    "$d/state/lists/partial" "$d/cache/archives/partial" "$d/debs"
  apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' \
      'Identifier: Packages' |
    awk '$2 == "bookworm" && $3 == "main" { print "deb [arch=i386 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] " $1 " bookworm main" }' |
    sort -u | $sudo tee "$d/etc/sources.list" >/dev/null
  if [ ! -s "$d/etc/sources.list" ]; then
    echo "setup: this machine's apt has no Debian bookworm main source to fetch the i386 guest from" >&2
    exit 1
  fi
  $sudo touch "$d/state/status"
  apt=(-o "Dir::Etc::SourceList=$d/etc/sources.list"
       -o "Dir::Etc::SourceParts=$d/etc/sources.list.d"
       -o "Dir::Etc::Preferences=$d/etc/preferences"
       -o "Dir::Etc::PreferencesParts=$d/etc/preferences.d"
       -o "Dir::State=$d/state" -o "Dir::State::status=$d/state/status"
       -o "Dir::Cache=$d/cache" -o "Acquire::Languages=none"
       -o "APT::Architecture=i386" -o "APT::Architectures=i386"
       -o "APT::Sandbox::User=root")
  echo "setup: fetching the i386 guest from Debian: ${guest_pkgs[*]}"
  $sudo apt-get "${apt[@]}" -qq update
  # linux-image-686 is a metapackage: fetch the kernel it depends on.
  local kernel
  kernel=$(apt-cache "${apt[@]}" depends linux-image-686 |
           awk '/Depends: linux-image-6\.1\.0-[0-9]+-686$/ { print $2; exit }')
  if [ -z "$kernel" ]; then
    echo "setup: linux-image-686 names no linux-image-6.1.0-*-686 kernel" >&2
    exit 1
  fi
  $sudo rm -f "$d/debs/"*.deb "$d/fetched.txt"
  (cd "$d/debs" && $sudo apt-get "${apt[@]}" -qq download "$kernel" busybox-static)
  for f in "$d/debs/"*.deb; do
    dpkg-deb --show --showformat='${Package} ${Version} ${Architecture}\n' "$f"
  done | $sudo tee "$d/fetched.txt.new" >/dev/null
  $sudo mv "$d/fetched.txt.new" "$d/fetched.txt"
  sed 's/^/setup: fetched /' "$d/fetched.txt"
}
guest_ok || fetch_guest
echo "setup: done"
