; 16-bit code in real mode: effective operand and address sizes (0x66 and
; 0x67 flip them), 16-bit addressing wrapping at 64K, DS/SS/ES/CS bases added,
; the stack through SS:SP wrapping at 64K, near calls, string and stack
; instructions of the interpreter.  Entered at RSEG:0 with CS = DS = ES = SS =
; RSEG, FS = GS = 0, SP = 0, IF = 0 (mimic-hosted real16=RSEG; qemu-real.sh
; under qemu-system-i386).  Prints what it computed, one value a line.
[bits 16]
org 0
RSEG  equ 0x0800                         ; base 0x8000: fs:(0x8000 + x) is ds:x
RBASE equ RSEG * 16

%macro show 1                           ; print a 32-bit register or value
        mov ebx, %1
        call print_hex
%endmacro

start:
        push word 0x1234                ; sp 0 -> 0xfffe: wraps at 64K
        show esp
        mov ax, [0xfffe]                ; the same word through DS
        show eax
        pop cx
        show ecx
        show esp

        mov sp, 0x7000
        mov byte [data], 0x77           ; DS base added
        movzx eax, byte [fs:RBASE + data]
        show eax
        mov byte [fs:RBASE + data + 1], 0x66
        mov al, [cs:data + 1]           ; CS override
        show eax

        mov bx, 0xfff0                  ; [bx+si] wraps at 64K: ds:0x0010
        mov si, data - 0xfff0 + 2 + 0x10000
        mov byte [bx + si], 0x5a
        movzx eax, byte [data + 2]
        show eax
        mov bp, data + 3                ; [bp] is SS-based
        mov word [bp], 0xbeef
        movzx eax, word [fs:RBASE + data + 3]
        show eax

        mov eax, 0x12345678             ; 0x66: 32-bit operations
        add eax, 0x11111111
        show eax
        mov ebx, data + 8               ; 0x67: 32-bit addressing
        mov dword [ebx + 4], 0xcafef00d
        mov eax, [fs:RBASE + data + 12]
        show eax

        call near sub1                  ; 16-bit return address
        show eax
        mov bx, sub2
        call bx
        show eax
        mov word [data + 16], sub2
        call [data + 16]
        show eax

        pushf                           ; a word
        mov dx, sp
        popf
        movzx edx, dx
        show edx
        mov eax, 0x11112222
        mov ecx, 0x33334444
        pusha
        mov ax, 0
        mov cx, 0
        popa
        show eax
        show ecx
        show esp
        mov bp, 0x5555
        enter 8, 0
        movzx ebp, bp
        show ebp
        movzx edx, sp
        show edx
        leave
        movzx ebp, bp
        show ebp
        show esp

        cld                             ; string instructions: DS:SI -> ES:DI
        mov si, text
        mov di, data + 32
        mov cx, 4
        rep movsw
        mov eax, [fs:RBASE + data + 36]
        show eax
        mov si, data + 32
        lodsb
        movzx eax, al
        show eax
        movzx esi, si
        show esi
        mov bx, text
        mov al, 3
        xlatb
        show eax

        mov ax, 0xff80                  ; 16-bit arithmetic and flags
        add ax, 0x90
        setc bl
        movzx ebx, bl
        show ebx
        mov ax, 1000
        mov cx, 7
        xor dx, dx
        div cx
        show eax
        show edx
        mov ax, -300
        cwd
        show edx
        imul ax, ax, 3
        show eax
        mov cx, 3
        xor ax, ax
.loop:  add ax, 5
        loop .loop
        show eax
        jcxz .cxz
        mov ax, 1
.cxz:   show eax

        mov al, 0
        out 0xf4, al
        hlt

sub1:   mov eax, [esp]                  ; the pushed return address (a word)
        movzx eax, ax
        ret
sub2:   pop ax
        push ax
        movzx eax, ax
        ret

%include "print16.inc"

text:   db "ABCDEFGHIJ"
data:   times 64 db 0
