; An instruction mimic cannot run yet is reported with its address, bytes and
; disassembly, and the run stops there.  The guest prints the address first.
[bits 32]
org 0x100000
        mov ebx, here
        call print_hex
        mov al, 10
        out 0xe9, al
here:   lgdt [gdt_desc]
        mov al, 0
        out 0xf4, al
        hlt

print_hex:                      ; ebx -> 8 hex digits on port 0xE9
        mov ecx, 8
.next:  rol ebx, 4
        mov eax, ebx
        and eax, 15
        mov al, [digits + eax]
        out 0xe9, al
        loop .next
        ret
digits: db "0123456789abcdef"
gdt_desc: dw 0
        dd 0
