#!/usr/bin/env bash
# Differential instruction tests: builds the cases (make diff), checks the harness
# itself (qemu-i386 on the Linux ELF and qemu-system-i386 on the flat binary must
# agree with the host CPU's reference), then runs every flat binary in mimic and
# compares per instruction form. DIFF_RUNNER overrides how mimic is run ("{}" is
# replaced by the binary's path, else the path is appended).
set -u
cd "$(dirname "$0")/../.."
dir=${DIFF_DIR:-build/diff}
make -s --no-print-directory diff DIFF_DIR="$dir" DIFF_GENFLAGS="${DIFF_GENFLAGS:-}" ||
  { echo "FAIL diff: building the cases failed"; exit 1; }
groups=$(python3 tests/diff/gen.py --list ${DIFF_GENFLAGS:-})
compare() { python3 tests/diff/compare.py "$@"; }
ncases=$(for g in $groups; do cat "$dir/$g.ref"; done | grep -vc '^end$')
echo "diff: $(echo $groups | wc -w) groups, $ncases cases in $dir"

# The harness checks itself: the comparison must be able to fail, and two other
# x86 implementations must agree with the host CPU's reference.
for g in $groups; do
  compare --selftest --tag diff-harness/compare "$dir/$g.ref" /dev/null
  qemu-i386 "$dir/$g.elf" > "$dir/$g.qemu-i386.out"
  compare --summary --tag diff-harness/qemu-i386 "$dir/$g.ref" "$dir/$g.qemu-i386.out"
  tests/diff/qemu-flat.sh "$dir/$g.bin" > "$dir/$g.qemu-system.out"
  compare --summary --tag diff-harness/qemu-system-i386 "$dir/$g.ref" "$dir/$g.qemu-system.out"
done

# >>> How to tell that build/mimic.elf runs flat guests (GUEST=<bin>): it links
# the kernel's guest_run_flat (kernel/guest.h). Change here if the kernel gets a
# more explicit way to say so.
kernel_runs_guests() {
  [ -f build/mimic.elf ] &&
    mips64el-linux-gnuabi64-nm build/mimic.elf 2>/dev/null | grep -q ' guest_run_flat$'
}
# <<<

if [ -n "${DIFF_RUNNER:-}" ]; then
  runner=$DIFF_RUNNER
elif kernel_runs_guests; then
  runner="scripts/run.sh build/mimic.elf GUEST={}"
elif [ -x build/hosted/mimic-hosted ]; then
  runner="qemu-mips64el -L /usr/mips64el-linux-gnuabi64 build/hosted/mimic-hosted"
else
  echo "FAIL diff: no mimic runner (no build/mimic.elf with guest support, no build/hosted/mimic-hosted)"
  exit 1
fi
echo "diff: runner: $runner"
status=0
for g in $groups; do
  bin="$dir/$g.bin"
  case $runner in
    *'{}'*) cmd=${runner//\{\}/$bin} ;;
    *) cmd="$runner $bin" ;;
  esac
  start=$(date +%s)
  timeout "${DIFF_TIMEOUT:-60}" $cmd < /dev/null > "$dir/$g.mimic.out" 2> "$dir/$g.mimic.err"
  rc=$?
  [ $rc -eq 124 ] && echo "diff: $g: runner timed out after ${DIFF_TIMEOUT:-60}s (DIFF_TIMEOUT)"
  echo "diff: $g: runner exit $rc, $(( $(date +%s) - start ))s, transcript $dir/$g.mimic.out"
  sed -n '1,5s/^/diff: runner stderr: /p' "$dir/$g.mimic.err"
  compare "$dir/$g.ref" "$dir/$g.mimic.out" || status=1
done
exit $status
