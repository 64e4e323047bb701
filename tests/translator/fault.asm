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
