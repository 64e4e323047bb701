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
cpl0_groups=" $(python3 tests/diff/gen.py --list-cpl0) "
compare() { python3 tests/diff/compare.py "$@"; }
ncases=$(for g in $groups; do cat "$dir/$g.ref"; done | grep -vc '^end$')
echo "diff: $(echo $groups | wc -w) groups, $ncases cases in $dir"

# The harness checks itself: the comparison must be able to fail, and two other
# x86 implementations must agree with the host CPU's reference.
for g in $groups; do
  compare --selftest --tag diff-harness/compare "$dir/$g.ref" /dev/null
  [ "$g" = x87 ] && continue     # QEMU's x87 is not exact (flags, C1, tags): no reference
  # The CPL 0 groups' reference is qemu-system-i386 itself: nothing to check it against.
  [[ $cpl0_groups == *" $g "* ]] && continue
  # qemu-i386 keeps an LDT of its own (accessed bits clear): not the one lar sees
  # under Linux, so the system groups are checked by qemu-system-i386 only.
  if [ "${g#c16_}" != system ]; then
    qemu-i386 "$dir/$g.elf" > "$dir/$g.qemu-i386.out.$$"
    mv "$dir/$g.qemu-i386.out.$$" "$dir/$g.qemu-i386.out"
    compare --summary --tag diff-harness/qemu-i386 "$dir/$g.ref" "$dir/$g.qemu-i386.out"
  fi
  tests/diff/qemu-flat.sh "$dir/$g.bin" > "$dir/$g.qemu-system.out.$$"
  mv "$dir/$g.qemu-system.out.$$" "$dir/$g.qemu-system.out"
  compare --summary --tag diff-harness/qemu-system-i386 "$dir/$g.ref" "$dir/$g.qemu-system.out"
done

# >>> How to tell that build/mimic.elf runs flat guests (GUEST=<bin>): it links
# the kernel's guest_run (kernel/guest.h; it was guest_run_flat before, and the
# group quietly fell back to the hosted runner). Change here if the kernel gets
# a more explicit way to say so.
kernel_runs_guests() {
  [ -f build/mimic.elf ] &&
    mips64el-linux-gnuabi64-nm build/mimic.elf 2>/dev/null | grep -q ' guest_run$'
}
# <<<

# The cases run in the kernel under QEMU; another runner (the hosted build, say)
# only when DIFF_RUNNER names it. A kernel that cannot run them is a failure,
# never a quiet fallback.
if [ -n "${DIFF_RUNNER:-}" ]; then
  runner=$DIFF_RUNNER
elif kernel_runs_guests; then
  runner="scripts/run.sh build/mimic.elf GUEST={}"
else
  echo "FAIL diff/runner: build/mimic.elf is missing or does not link guest_run, so the cases cannot run in the kernel (run make; to use another runner set DIFF_RUNNER, e.g. DIFF_RUNNER='qemu-mips64el -L /usr/mips64el-linux-gnuabi64 build/hosted/mimic-hosted')"
  exit 1
fi
echo "diff: runner: $runner"

# Runs group $2 of directory $1 in mimic and compares. If the run died, the forms
# it never reached are generated again on their own and run ($3: resume depth).
status=0
run_group() {
  local d=$1 g=$2 depth=$3 cmd start rc verdict
  case $runner in
    *'{}'*) cmd=${runner//\{\}/$d/$g.bin} ;;
    *) cmd="$runner $d/$g.bin" ;;
  esac
  start=$(date +%s)
  # Written under a temporary name: another make test may share the directory.
  timeout "${DIFF_TIMEOUT:-60}" $cmd < /dev/null > "$d/$g.mimic.out.$$" 2> "$d/$g.mimic.err.$$"
  rc=$?
  mv "$d/$g.mimic.out.$$" "$d/$g.mimic.out"
  mv "$d/$g.mimic.err.$$" "$d/$g.mimic.err"
  [ $rc -eq 124 ] && echo "diff: $g: runner timed out after ${DIFF_TIMEOUT:-60}s (DIFF_TIMEOUT)"
  echo "diff: $g: runner exit $rc, $(( $(date +%s) - start ))s, transcript $d/$g.mimic.out"
  sed -n '1,5s/^/diff: runner stderr: /p' "$d/$g.mimic.err"
  rm -f "$d/$g.unreached"
  verdict=$(compare --unreached "$d/$g.unreached" "$d/$g.ref" "$d/$g.mimic.out") || status=1
  echo "$verdict" | tee -a "$verdicts"
  [ -s "$d/$g.unreached" ] && [ "$depth" -lt "${DIFF_RESUMES:-8}" ] || return 0
  # A resumed run that died before its first case again is the binary's start
  # (its shim) failing: resuming once more would fail the same way.
  if [ "$depth" -gt 0 ] && [[ $verdict == *'before the first case'* ]]; then
    echo "FAIL diff/$g: the resumed run died before its first case too: the shim's setup (shim_flat.asm) does not run in mimic"
    status=1
    return 0
  fi
  local sub="$dir/resume/$g.$((depth + 1))"
  echo "diff: $g: resuming with the forms not reached, in $sub"
  make -s --no-print-directory diff DIFF_DIR="$sub" \
      DIFF_GENFLAGS="${DIFF_GENFLAGS:-} --forms $(cat "$d/$g.unreached")" > /dev/null ||
    { echo "FAIL diff/$g: building the resumed cases failed"; status=1; return 0; }
  run_group "$sub" "$g" $((depth + 1))
}

verdicts=$dir/verdicts.$$
: > "$verdicts"
for g in $groups; do
  run_group "$dir" "$g" 0
done
# The closing line: what ran in mimic and how much of it differed.
awk -v runner="$runner" '
  /^PASS diff\// { forms++; sub(/.*\(/, ""); cases += $1 }
  /^FAIL diff\/.*mismatches/ { forms++; bad++; split($3, kn, "/"); cases += kn[2]; mism += kn[1]
                               if ($6 == "cases") { split($5, mn, "/"); missing += mn[1] } }
  /^FAIL diff\/.*transcript/ { crashes++ }
  END { printf "diff: %d forms, %d cases run by %s: %d mismatching and %d missing cases in %d forms, %d crashed runs\n",
               forms, cases, runner, mism, missing, bad, crashes }' "$verdicts"
rm -f "$verdicts"
exit $status
