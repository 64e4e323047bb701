; Exceptions in real mode at their exact instruction: #DE from an inline
; 32-bit div and from an interpreted 16-bit div in the middle of a block, #UD
; from movaps (SSE, which mimic does not run; #UD with CR4.OSFXSR clear on a
; real CPU too).  The handlers (IVT entries 0 and 6) print the pushed IP, CS, FLAGS and the registers the block set before
; the fault, then go on at the next case (no iret needed).  Entered like
; real16.asm (RSEG:0, IVT at 0); compared with qemu-system-i386.
[bits 16]
org 0
RSEG equ 0x0800

%macro show 1
        mov ebx, %1
        call print_hex
%endmacro

start:
        mov sp, 0x7000
        mov word [fs:0 * 4], de_handler
        mov word [fs:0 * 4 + 2], RSEG
        mov word [fs:6 * 4], ud_handler
        mov word [fs:6 * 4 + 2], RSEG

        mov word [next], case2
        mov eax, 100                    ; 32-bit divide by zero, inline
        mov ecx, 0
        mov esi, 0x1234
        cmp esi, 0x2000                 ; flags the handler sees
        mov edx, 0
        div ecx
        mov esi, 0xdead                 ; never runs
case2:
        mov word [next], case3
        mov ax, 0x8000                  ; 16-bit quotient too big: interpreter
        mov dx, 0x7fff
        mov cx, 2
        add si, 1
        div cx
        mov si, 0xdead
case3:
        mov word [next], done
        mov di, 0x4321
        movaps xmm0, xmm1               ; SSE: mimic has none (#UD, reported)
        mov di, 0xdead
done:
        mov al, 0
        out 0xf4, al
        hlt

de_handler:
        mov ebx, 0xde
        jmp report
ud_handler:
        mov ebx, 0x06
report:
        call print_hex
        pop bx                          ; ip
        call print_hex
        pop bx                          ; cs
        call print_hex
        pop bx                          ; flags: the arithmetic ones and bit 1
        and bx, 0x08d7
        call print_hex
        show eax
        show ecx
        show edx
        show esi
        show edi
        movzx ebx, sp
        call print_hex
        jmp [next]

%include "print16.inc"

next:   dw 0
