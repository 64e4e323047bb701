; Multiboot wrapper that lets qemu-system-i386 run a flat binary (-kernel): QEMU
; loads this file at 16 MB; the stub copies the guest to 0x00100000 and enters it
; in the flat guest's documented initial state. Checks the harness, not mimic.
; Assemble with -DGUEST='"path/to/x.bin"'.
        bits 32
        org 0x1000000
MB_MAGIC equ 0x1badb002
MB_FLAGS equ 0x00010000                 ; load addresses given here, not by ELF
header:
        dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)
        dd header, header, load_end, 0, start
start:
        ; The guest's stack starts at 0x100000 and grows into 0xF0000-0xFFFFF, which
        ; SeaBIOS leaves read-only: i440FX PAM0 (config 0x59) bits 5:4 = 11 make the
        ; shadow RAM there writable.
        mov eax, 0x80000058
        mov dx, 0xcf8
        out dx, eax
        mov dx, 0xcfd
        mov al, 0x30
        out dx, al
        cld
        mov esi, guest
        mov edi, 0x00100000
        mov ecx, guest_len
        rep movsb
        mov esp, 0x00100000
        push dword 2
        popfd
        mov eax, 0
        mov ecx, 0
        mov edx, 0
        mov ebx, 0
        mov ebp, 0
        mov esi, 0
        mov edi, 0
        jmp 0x00100000
guest:
        incbin GUEST
guest_len equ $ - guest
load_end:
