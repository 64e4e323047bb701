; Near control transfers with a 16-bit operand size (the 0x66 prefix in
; 32-bit code): the new eip wraps at 64K and return addresses are words.  A
; block assembled for 0x8000 is copied there and called; it prints what it
; computed.  The reference is the same binary under qemu-system-i386 (a flat
; guest cannot run natively here: its eip leaves the user address space).
; The rel16 forms are spelled as bytes: nasm's "o16 call label" keeps a rel32.
[bits 32]
section .text
org 0x100000
LOW equ 0x8000
        cld
        mov esi, section.low.start
        mov edi, LOW
        mov ecx, low_end - LOW
        rep movsb
        mov eax, LOW
        call eax                ; the block returns with a 32-bit ret
        mov ebx, eax
        call print_hex
        mov al, 10
        out 0xe9, al
        mov ebx, esp
        call print_hex
        mov al, 10
        out 0xe9, al
        mov al, 0
        out 0xf4, al
        hlt

%include "print.inc"

section low vstart=0x8000 follows=.text
        xor ebx, ebx
        mov ecx, 5
        db 0x66, 0xe8           ; call rel16 add7: pushes a word, jumps within 64K
        dw add7 - ($ + 2)
        mov ax, add100
        o16 call ax             ; through a register
.count: add ebx, ecx
        dec ecx
        db 0x66, 0x0f, 0x85     ; jnz rel16 .count
        dw .count - ($ + 2)
        push word 0x5a5a
        db 0x66, 0xe8           ; call rel16 ret2, whose ret 2 pops the argument too
        dw ret2 - ($ + 2)
        db 0x66, 0xe9           ; jmp rel16 .tail
        dw .tail - ($ + 2)
        add ebx, 0x1000         ; skipped
.tail:  mov ax, .done
        o16 jmp ax
        add ebx, 0x2000         ; skipped
.done:  mov eax, ebx
        ret
add7:   add ebx, 7
        o16 ret
add100: add ebx, 0x100
        o16 ret
ret2:   add ebx, 0x30000
        db 0x66, 0xc2, 2, 0     ; ret 2 with a word return address
low_end:
