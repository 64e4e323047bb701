#!/usr/bin/env bash
# Writes the kernel symbol table as assembly, for kernel/backtrace.c:
# ksyms_count, ksyms_addr[] (sorted), ksyms_name[] (offsets into
# ksyms_strings).  With no ELF argument it writes an empty table, used by the
# first of the two links (the table sits at the image's end, so filling it in
# moves no other symbol).
set -eu
elf=${1:-}
nm=${NM:-mips64el-linux-gnuabi64-nm}
syms=$(mktemp)
trap 'rm -f "$syms"' EXIT
if [ -n "$elf" ]; then
  "$nm" -n "$elf" | awk '$2 ~ /^[tT]$/ && $3 !~ /^\$/ {print $1, $3}' > "$syms"
fi
echo '	.section .ksyms, "a"'
echo '	.balign 8'
echo '	.globl ksyms_count, ksyms_addr, ksyms_name, ksyms_strings'
echo "ksyms_count: .quad $(wc -l < "$syms")"
echo 'ksyms_addr:'
awk '{print "	.quad 0x" $1}' "$syms"
echo 'ksyms_name:'
awk 'BEGIN {off = 0} {print "	.word " off; off += length($2) + 1}' "$syms"
echo 'ksyms_strings:'
awk '{print "	.asciz \"" $2 "\""}' "$syms"
echo '	.byte 0'
