; #DE must stop the run as a fault at the divide itself: the guest prints the
; divide's address, then divides.  Built with -DCASE=n: 0 zero divisor, 1 div
; quotient past 32 bits, 2 idiv 0x80000000_00000000 / -1, 3 idiv quotient
; past 31 bits.  (Not run natively: it would trap.)
[bits 32]
org 0x100000
        mov ebx, divide
        call print_hex
        mov al, 10
        out 0xe9, al
%if CASE == 0
        xor ecx, ecx
        mov edx, 0
        mov eax, 1234
divide: div ecx
%elif CASE == 1
        mov ecx, 1
        mov edx, 1
        xor eax, eax
divide: div ecx
%elif CASE == 2
        mov ecx, -1
        mov edx, 0x80000000
        xor eax, eax
divide: idiv ecx
%else
        mov ecx, 1
        mov edx, 0x40000000
        xor eax, eax
divide: idiv ecx
%endif
        mov al, 0
        out 0xf4, al
        hlt

%include "print.inc"
