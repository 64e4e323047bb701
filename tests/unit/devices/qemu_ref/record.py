#!/usr/bin/env python3
"""Records what qemu-system-i386 -M pc,smm=off -nodefaults (mimic's device
set: i440FX, PIIX3 with IDE, PIIX4 PM without SMM) answers to ports.txt: builds a
boot sector that performs the accesses after SeaBIOS, prints each value
read on port 0xE9, and writes them to expected.txt. Run by hand when ports.txt
changes; the unit test replays ports.txt on mimic's PC and compares."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OPS = {"o1": 0x11, "o2": 0x12, "o4": 0x14, "i1": 0x21, "i2": 0x22, "i4": 0x24,
       "w1": 0x31, "x1": 0x41, "x2": 0x42}

BOOT = """bits 16
org 0x7c00
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7c00
    mov ax, 0x0200 | {sectors}
    mov cx, 2
    xor dh, dh
    mov bx, table
    int 0x13
    mov si, table
next:
    lodsb
    test al, al
    jz done
    mov bl, al
    lodsw
    mov dx, ax
    o32 lodsd
    cmp bl, 0x11
    je out1
    cmp bl, 0x12
    je out2
    cmp bl, 0x14
    je out4
    cmp bl, 0x21
    je in1
    cmp bl, 0x22
    je in2
    cmp bl, 0x31
    je wait1
    cmp bl, 0x41
    je skip1
    cmp bl, 0x42
    je skip2
    in eax, dx
    jmp print
skip1:
    mov cx, ax
skip1_again:
    in al, dx
    loop skip1_again
    jmp next
skip2:
    mov cx, ax
skip2_again:
    in ax, dx
    loop skip2_again
    jmp next
wait1:
    mov bx, ax
wait1_again:
    in al, dx
    and al, bl
    cmp al, bh
    jne wait1_again
    jmp next
in1:
    in al, dx
    movzx eax, al
    jmp print
in2:
    in ax, dx
    movzx eax, ax
    jmp print
out1:
    out dx, al
    jmp next
out2:
    out dx, ax
    jmp next
out4:
    out dx, eax
    jmp next
print:
    mov cx, 8
    mov dx, 0xe9
digit:
    rol eax, 4
    mov bl, al
    and bl, 0x0f
    add bl, '0'
    cmp bl, '9'
    jbe emit
    add bl, 'a' - '9' - 1
emit:
    xchg al, bl
    out dx, al
    xchg al, bl
    loop digit
    mov al, 10
    out dx, al
    jmp next
done:
    mov dx, 0xf4
    xor al, al
    out dx, al
    hlt
    jmp done
    times 510 - ($ - $$) db 0
    dw 0xaa55
table:
{table}
    db 0
    align 512, db 0
"""


def parse(path):
    ops = []
    for line in open(path):
        line = line.split("#")[0].split()
        if not line:
            continue
        kind, port = line[0], int(line[1], 16)
        if kind[0] == "o":
            value = int(line[2], 16)
        elif kind[0] == "w":	# mask, then the value awaited
            value = int(line[2], 16) | int(line[3], 16) << 8
        elif kind[0] == "x":	# how many reads to pass over
            value = int(line[2], 16)
        else:			# "= value reason" overrides are the test's
            value = 0
        ops.append((OPS[kind], port, value))
    return ops


def main():
    ops = parse(os.path.join(HERE, "ports.txt"))
    table = "\n".join("    db 0x%02x\n    dw 0x%04x\n    dd 0x%08x" % op
                      for op in ops)
    sectors = (len(ops) * 7 + 1 + 511) // 512
    with tempfile.TemporaryDirectory() as tmp:
        asm, img, out = (os.path.join(tmp, n)
                         for n in ("boot.asm", "disk.img", "out.txt"))
        open(asm, "w").write(BOOT.format(sectors=sectors, table=table))
        subprocess.run(["nasm", "-f", "bin", "-o", img, asm], check=True)
        with open(img, "ab") as f:
            f.truncate(64 * 1024)
        r = subprocess.run(
            ["qemu-system-i386", "-M", "pc,smm=off", "-nodefaults",
             "-m", "64", "-display", "none", "-serial", "null",
             "-monitor", "none", "-no-reboot",
             "-debugcon", "file:" + out,
             "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
             "-drive", "file=%s,format=raw,if=ide" % img],
            timeout=60)
        if r.returncode != 1:
            sys.exit("qemu exited %d, not through the exit port" % r.returncode)
        values = open(out).read().split()
    want = sum(1 for op in ops if op[0] >> 4 == 2)
    if len(values) != want:
        sys.exit("got %d values for %d reads" % (len(values), want))
    open(os.path.join(HERE, "expected.txt"), "w").write("\n".join(values) + "\n")
    print("recorded %d values" % len(values))


main()
