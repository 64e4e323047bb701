#!/usr/bin/env bash
# Translator tests in the hosted build: C guests compared line by line with
# their native run, plus checks of flushing, exit requests, chaining, SMC
# invalidation, fault and unsupported-instruction stops, and the logs.
set -u
cd "$(dirname "$0")/../.."
out=build/translator
run="qemu-mips64el -L /usr/mips64el-linux-gnuabi64 build/hosted/mimic-hosted"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# mimic's transcript (exit status appended, as in the .ref) against the reference.
compare() {	# name ref got
  local name=$1 ref=$2 got=$3
  if [ ! -s "$ref" ]; then echo "FAIL $name: no reference $ref"; return; fi
  while read -r key want; do
    have=$(awk -v k="$key" '$1 == k { print $2; exit }' "$got")
    if [ "$have" = "$want" ]; then echo "PASS $name/$key"
    else echo "FAIL $name/$key: want $want, got ${have:-nothing}"; fi
  done < "$ref"
}

mimic() {	# prog.bin out err [args...]
  local bin=$1 o=$2 e=$3; shift 3
  timeout 120 $run "$bin" "$@" > "$o" 2> "$e"
  echo "exit $?" >> "$o"
}

stat_of() {	# err key
  sed -n "s/.*[ :]$2=\([0-9]*\).*/\1/p" "$1" | head -1
}

for p in workload smc; do
  mimic $out/$p.bin $tmp/$p.out $tmp/$p.err -s
  compare translator/$p $out/$p.ref $tmp/$p.out
done

# The same guests in the real kernel under qemu-system-mips64el (code sync by
# synci, the kernel's memory map), when the kernel image is built.
if [ -f build/mimic.elf ]; then
  for p in workload smc; do
    timeout 120 scripts/run.sh build/mimic.elf GUEST=$out/$p.bin < /dev/null 2>&1 | tr -d '\r' > $tmp/k$p.out
    echo "exit ${PIPESTATUS[0]}" >> $tmp/k$p.out
    compare translator/kernel/$p $out/$p.ref $tmp/k$p.out
  done
else
  echo "FAIL translator/kernel: build/mimic.elf is missing"
fi

n=$(stat_of $tmp/workload.err chained)
[ "${n:-0}" -gt 0 ] && echo "PASS translator/chaining ($n exits chained)" ||
  echo "FAIL translator/chaining: no exit was chained"
n=$(stat_of $tmp/smc.err invalidations)
[ "${n:-0}" -gt 0 ] && echo "PASS translator/smc-invalidates ($n TBs)" ||
  echo "FAIL translator/smc-invalidates: no TB invalidated"
n=$(stat_of $tmp/smc.err unchained)
[ "${n:-0}" -gt 0 ] && echo "PASS translator/unchaining ($n jumps undone)" ||
  echo "FAIL translator/unchaining: no chained jump was undone"

# Exact counting (-c): guests that fault in the middle of TBs, take traps
# and modify their running code count the same instructions in ordinary
# TBs as with one instruction a TB (-1), where nothing is taken back.
for g in paging exceptions smc; do
  timeout 300 $run bios=build/guests/sys/$g.bin -s -c > /dev/null 2> $tmp/c$g.err
  timeout 300 $run bios=build/guests/sys/$g.bin -s -c -1 > /dev/null 2> $tmp/s$g.err
  a=$(stat_of $tmp/c$g.err insns); b=$(stat_of $tmp/s$g.err insns)
  [ -n "$a" ] && [ "$a" = "$b" ] && echo "PASS translator/count-exact/$g ($a instructions)" ||
    echo "FAIL translator/count-exact/$g: $a counted in TBs, $b one instruction a TB"
done

# A code buffer too small for the workload: flushes, same results.
mimic $out/workload.bin $tmp/flush.out $tmp/flush.err -s code=20000
n=$(stat_of $tmp/flush.err flushes)
if cmp -s $out/workload.ref $tmp/flush.out && [ "${n:-0}" -gt 0 ]; then
  echo "PASS translator/flush ($n flushes)"
else echo "FAIL translator/flush: flushes=${n:-?}, transcript differs: $(diff $out/workload.ref $tmp/flush.out | head -3)"; fi

# x86_request_exit from a signal handler every 300 us: same results.
mimic $out/workload.bin $tmp/req.out $tmp/req.err -s -t 300
n=$(stat_of $tmp/req.err requested)
if cmp -s $out/workload.ref $tmp/req.out && [ "${n:-0}" -gt 0 ]; then
  echo "PASS translator/exit-request ($n requests)"
else echo "FAIL translator/exit-request: requested=${n:-?}, transcript differs: $(diff $out/workload.ref $tmp/req.out | head -3)"; fi

# A second image loaded over the first on the same CPU: its code must be
# translated afresh (x86_ram_written), so both transcripts come out right.
mimic $out/smc.bin $tmp/two.out $tmp/two.err $out/workload.bin
if cmp -s <(grep -v '^exit' $out/smc.ref; cat $out/workload.ref) $tmp/two.out; then
  echo "PASS translator/reload"
else echo "FAIL translator/reload: $(diff <(grep -v '^exit' $out/smc.ref; cat $out/workload.ref) $tmp/two.out | head -3)"; fi

# #DE stops at the divide, whose address the guest printed first: zero
# divisor, div and idiv quotients too big, 0x80000000_00000000 / -1.
for c in 0 1 2 3; do
  mimic $out/asm/fault-$c.bin $tmp/fault.out $tmp/fault.err
  addr=$(head -1 $tmp/fault.out)
  if grep -q "fault at eip=$addr vector 0" $tmp/fault.err; then echo "PASS translator/divide-error/$c"
  else echo "FAIL translator/divide-error/$c: want fault at $addr, got: $(cat $tmp/fault.err)"; fi
done

# Guests whose code leaves the user address space (low addresses), checked
# against the same flat binary under qemu-system-i386 (tests/diff's wrapper):
# 16-bit operand-size near branches, calls and returns; string instructions
# under the 0x67 prefix.
for g in o16 a16str; do
  mimic $out/asm/$g.bin $tmp/$g.out $tmp/$g.err
  { bash tests/diff/qemu-flat.sh $out/asm/$g.bin; echo "exit $?"; } > $tmp/$g.ref 2>/dev/null
  if [ "$(wc -l < $tmp/$g.ref)" -ge 3 ] && cmp -s $tmp/$g.ref $tmp/$g.out; then
    echo "PASS translator/qemu-system/$g"
  else echo "FAIL translator/qemu-system/$g: $(diff $tmp/$g.ref $tmp/$g.out | head -4 | tr '\n' ' ')"; fi
done

# 16-bit code in real mode (entered at 0800:0000 by the runner), against the
# same binary under qemu-system-i386 entered there by rmboot.asm: sizes,
# addressing and stacks; exceptions at their exact instruction.
for g in real16 rmfault; do
  mimic $out/asm/$g.bin $tmp/$g.all $tmp/$g.err real16=0x0800
  grep -v '^mimic: ' $tmp/$g.all > $tmp/$g.out	# mimic's own reports aside
  { bash tests/translator/qemu-real.sh $out/asm/$g.bin 0x0800; echo "exit $?"; } > $tmp/$g.ref 2>/dev/null
  if [ "$(wc -l < $tmp/$g.ref)" -ge 20 ] && cmp -s $tmp/$g.ref $tmp/$g.out; then
    echo "PASS translator/qemu-system/$g"
  else echo "FAIL translator/qemu-system/$g: $(diff $tmp/$g.ref $tmp/$g.out | head -4 | tr '\n' ' ')"; fi
done

# The #UD case there: mimic says once what it could not run, then the guest
# takes #UD (its handler printed the address above).
if [ "$(grep -c 'unsupported instruction at 0000006d: 0f 28 c1  movaps .*real mode.*#UD' $tmp/rmfault.all)" = 1 ]; then
  echo "PASS translator/unsupported-ud"
else echo "FAIL translator/unsupported-ud: $(grep '^mimic: ' $tmp/rmfault.all)"; fi

# FS/GS segment bases (set by the runner as an OS would load them).
mimic $out/asm/segbase.bin $tmp/seg.out $tmp/seg.err fsbase=0x300000 gsbase=0x400000
for k in fs-load gs-store lea-offset fs-interp; do
  grep -qx "$k" $tmp/seg.out && echo "PASS translator/segbase/$k" || echo "FAIL translator/segbase/$k: not confirmed by the guest"
done

# An unsupported instruction is reported with address, bytes, disassembly.
mimic $out/asm/unsupported.bin $tmp/uns.out $tmp/uns.err
addr=$(head -1 $tmp/uns.out)
if grep -q "unsupported instruction at $addr: 0f 28 c1 .* movaps" $tmp/uns.out &&
   grep -q "exit 1" $tmp/uns.out; then echo "PASS translator/unsupported-report"
else echo "FAIL translator/unsupported-report: $(grep mimic $tmp/uns.out)"; fi

# -d in_asm,out_asm shows the guest code and the MIPS words of each TB.
mimic $out/asm/fault-0.bin $tmp/log.out $tmp/log.err -d in_asm,out_asm
if grep -q '^IN  00100000  mov ' $tmp/log.out && grep -q '^OUT [0-9a-f]\{16\}  [0-9a-f]\{8\}$' $tmp/log.out; then
  echo "PASS translator/log"
else echo "FAIL translator/log: no IN/OUT lines"; fi

# A host address inside generated code is named by TB and guest instruction
# (the report of a host exception there), with the guest registers as the
# host held them; stubs and foreign addresses are told apart.
qemu-mips64el -L /usr/mips64el-linux-gnuabi64 build/hosted/hostpc-check > $tmp/hp.txt
hp() {	# name section regex
  if awk -v s="== $2" '$0 == s { on = 1; next } /^== / { on = 0 } on' $tmp/hp.txt | grep -q "$3"; then
    echo "PASS translator/hostpc/$1"
  else echo "FAIL translator/hostpc/$1: want /$3/ under '$2': $(tr '\n' '|' < $tmp/hp.txt)"; fi
}
hp tb "lui ecx" '^in generated code: host pc 0x[0-9a-f]*, word [0-9]* of the TB for guest 00100000-0010000f'
hp insn "lui ecx" '^guest instruction 00100005: mov ecx, 0x9abcdef0$'
hp regs "lui ecx" '^EAX=11111111  ECX=22222222  EDX=33333333  EBX=44444444$'
hp insn2 "lui edx" '^guest instruction 0010000a: mov edx, 0x13572468$'
hp stubs stubs "^in the translator's stubs"
hp outside outside '^(not in the code buffer)$'

# The emitter against GNU as: each mnemonic's word for the same text; out of
# range operands refused.
qemu-mips64el -L /usr/mips64el-linux-gnuabi64 build/hosted/emit-check > $tmp/ec.txt
grep -v '^(refused)' $tmp/ec.txt > $tmp/ec.ok
{ printf '.set noreorder\n.set noat\n.set nomacro\n'; cut -d'|' -f1 $tmp/ec.ok; } > $tmp/ec.s
if mips64el-linux-gnuabi64-as -march=mips64r2 -mabi=64 -EL $tmp/ec.s -o $tmp/ec.o; then
  mips64el-linux-gnuabi64-objdump -d $tmp/ec.o | awk -F'\t' '/^ *[0-9a-f]+:/ { gsub(/ /, "", $2); print $2 }' > $tmp/ec.want
  paste -d'|' $tmp/ec.ok $tmp/ec.want | while IFS='|' read -r text got want; do
    [ "$got" = "$want" ] && echo "PASS translator/emit/$text" || echo "FAIL translator/emit/$text: want $want, got $got"
  done
else
  echo "FAIL translator/emit: GNU as rejected the reference text"
fi
grep '^(refused)' $tmp/ec.txt | while IFS='|' read -r text got; do
  [ "$got" = ffffffff ] && echo "PASS translator/emit/$text" || echo "FAIL translator/emit/$text: emitted $got"
done
