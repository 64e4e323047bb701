; Multiboot wrapper that lets qemu-system-i386 run a real-mode guest: copies
; the guest to RSEG:0, drops to real mode through a 16-bit protected-mode
; trampoline, and enters it with CS = DS = ES = SS = RSEG, FS = GS = 0, every
; general register 0 (SP included), EFLAGS = 2, the IVT at 0.  Checks the
; test, not mimic.
; Assemble with -DGUEST='"path/to/x.bin"' -DRSEG=0x0800.
        bits 32
        org 0x1000000
MB_MAGIC equ 0x1badb002
MB_FLAGS equ 0x00010000
TRAMP    equ 0x7000
header:
        dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)
        dd header, header, load_end, 0, start
start:
        cli
        cld
        mov esi, guest
        mov edi, RSEG * 16
        mov ecx, guest_len
        rep movsb
        mov esi, tramp
        mov edi, TRAMP
        mov ecx, tramp_len
        rep movsb
        lgdt [gdtr]
        lidt [ivtr]
        jmp 0x08:TRAMP
        align 8
gdt:    dq 0
        dq 0x00009a000000ffff           ; 16-bit code, base 0, limit 64K
        dq 0x000092000000ffff           ; 16-bit data
gdtr:   dw 3 * 8 - 1
        dd gdt
ivtr:   dw 0x3ff                        ; the real-mode IVT at 0
        dd 0

        bits 16
tramp:  mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov ss, ax
        mov eax, cr0
        and eax, ~1
        mov cr0, eax
        jmp 0:TRAMP + (.real - tramp)
.real:  mov ax, RSEG
        mov ds, ax
        mov es, ax
        mov ss, ax
        xor ax, ax
        mov fs, ax
        mov gs, ax
        mov esp, 0x10000                ; ss:fffe for the flags below
        push dword 2
        popfd
        xor eax, eax
        xor ebx, ebx
        xor ecx, ecx
        xor edx, edx
        xor esi, esi
        xor edi, edi
        xor ebp, ebp
        xor esp, esp
        jmp RSEG:0
tramp_len equ $ - tramp

guest:
        incbin GUEST
guest_len equ $ - guest
load_end:
