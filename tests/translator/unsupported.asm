; An instruction mimic cannot run yet is reported with its address, bytes and
; disassembly, and the run stops there.  The guest prints the address first.
[bits 32]
org 0x100000
        mov ebx, here
        call print_hex
        mov al, 10
        out 0xe9, al
here:   movaps xmm0, xmm1          ; SSE: not advertised, not run
        mov al, 0
        out 0xf4, al
        hlt

%include "print.inc"
