; FS and GS overrides add their segment base (mimic-hosted fsbase=/gsbase=
; set them to FSB/GSB below, as an OS would); lea ignores it.  The guest
; checks each access against the flat address and prints the names that hold.
[bits 32]
org 0x100000
FSB equ 0x00300000
GSB equ 0x00400000
        mov dword [FSB + 0x10], 0x11223344
        mov eax, [fs:0x10]              ; inline load through FS
        cmp eax, 0x11223344
        jne .l1
        mov esi, ok_load
        call puts
.l1:    mov ebx, 0x20
        mov dword [gs:ebx + 4], 0x55667788 ; inline store through GS
        cmp dword [GSB + 0x24], 0x55667788
        jne .l2
        mov esi, ok_store
        call puts
.l2:    lea ecx, [fs:ebx + 4]           ; an offset: no base
        cmp ecx, 0x24
        jne .l3
        mov esi, ok_lea
        call puts
.l3:    mov byte [FSB + 0x30], 5
        mov al, 7
        xadd [fs:0x30], al              ; byte xadd: the interpreter
        cmp byte [FSB + 0x30], 12
        jne .l4
        mov esi, ok_interp
        call puts
.l4:    mov al, 0
        out 0xf4, al
        hlt

puts:   lodsb
        test al, al
        jz .done
        out 0xe9, al
        jmp puts
.done:  ret

ok_load:   db "fs-load", 10, 0
ok_store:  db "gs-store", 10, 0
ok_lea:    db "lea-offset", 10, 0
ok_interp: db "fs-interp", 10, 0
