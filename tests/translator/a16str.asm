; String instructions under the 0x67 prefix use SI, DI and CX (their upper
; halves must stay as they were) and wrap within 64K.  Reference: the same
; flat binary under qemu-system-i386, which is happy with low addresses.
[bits 32]
org 0x100000
SRC equ 0x9000
DST equ 0x9400
        cld
        mov edi, SRC                    ; a pattern to copy and compare
        mov ecx, 64
        mov eax, 0x40302010
.fill:  stosd
        add eax, 0x01010101
        loop .fill
        mov esi, 0xabcd0000 + SRC       ; upper halves: garbage to keep
        mov edi, 0x12340000 + DST
        mov ecx, 0x77770000 + 100
        a16 rep movsb
        call dump
        mov edi, 0x55550000 + DST + 200
        mov ecx, 0x66660000 + 20
        mov ax, 0xbeef
        a16 rep stosw
        call dump
        mov esi, 0x11110000 + SRC
        mov edi, 0x22220000 + DST
        mov ecx, 0x33330000 + 150
        a16 repe cmpsb                  ; equal for 100 bytes
        call dump
        mov edi, 0x44440000 + DST
        mov ecx, 0x99990000 + 300
        mov al, 0xef
        a16 repne scasb
        call dump
        mov esi, 0x10000 - 2            ; si wraps from 0xffff to 0
        mov ecx, 0x4
        a16 rep lodsb
        call dump
        mov ebx, 0
        mov ecx, 0x100
        mov esi, DST
.sum:   lodsb                           ; checksum of the destination
        rol ebx, 3
        xor bl, al
        loop .sum
        call hex
        mov al, 0
        out 0xf4, al
        hlt

dump:   pushfd
        push ebx
        mov ebx, esi
        call hex
        mov ebx, edi
        call hex
        mov ebx, ecx
        call hex
        pop ebx
        pop eax
        and eax, 0x8d5                  ; the arithmetic flags
        mov ebx, eax
        call hex
        ret

hex:    push esi
        push ecx
        call print_hex
        mov al, 10
        out 0xe9, al
        pop ecx
        pop esi
        ret

%include "print.inc"
