; #DE must stop the run as a fault at the divide itself: the guest prints the
; divide's address, then divides by zero.  (Not run natively: it would trap.)
[bits 32]
org 0x100000
        mov ebx, divide
        call print_hex
        mov al, 10
        out 0xe9, al
        xor ecx, ecx
        mov eax, 1234
        mov edx, 0
divide: div ecx
        mov al, 0
        out 0xf4, al
        hlt

%include "print.inc"
