; I/O shim of the flat binary run by mimic (and by qemu-system-i386 for checking):
; text to port 0xE9, exit through port 0xF4 (status = (al << 1) | 1). No BIOS.
%include "layout.inc"
        bits 32
        global shim_init, shim_trap_init, shim_putc, shim_exit
        extern diff_ldt, code16_base
        section .text
; A GDT of our own (flat code 0x08 and data 0x10 as the guest started with, the
; LDT at 0x18, the 16-bit code segment of the cases at 0x20, DPL 0 as CPL is;
; for the CPL 3 cases flat code 0x28 and data 0x30 of DPL 3, the TSS at 0x38
; and a call gate back to CPL 0 at 0x40), the shared LDT (descriptors.py) and
; FS on its 16-bit data segment; FAR16 and FAR32 get the selectors the cases'
; far jumps use.
shim_init:
        mov dword [GDT], 0
        mov dword [GDT+4], 0
        mov dword [GDT+8], 0x0000ffff
        mov dword [GDT+12], 0x00cf9b00
        mov dword [GDT+16], 0x0000ffff
        mov dword [GDT+20], 0x00cf9300
        mov word [GDT+24], LDT_ENTRIES * 8 - 1
        mov word [GDT+26], LDT & 0xffff
        mov byte [GDT+28], (LDT >> 16) & 0xff
        mov byte [GDT+29], 0x82                 ; present, DPL 0, LDT
        mov byte [GDT+30], 0
        mov byte [GDT+31], LDT >> 24
        mov eax, code16_base
        mov word [GDT+32], 0xffff
        mov [GDT+34], ax
        shr eax, 16
        mov [GDT+36], al
        mov byte [GDT+37], 0x9b                 ; present, DPL 0, execute/read, accessed
        mov byte [GDT+38], 0                    ; byte granular, 16-bit
        mov [GDT+39], ah
        mov dword [GDT+40], 0x0000ffff
        mov dword [GDT+44], 0x00cffb00          ; present, DPL 3, execute/read, accessed
        mov dword [GDT+48], 0x0000ffff
        mov dword [GDT+52], 0x00cff300          ; present, DPL 3, read/write, accessed
        mov dword [GDT+56], (TSS & 0xffff) << 16 | 0x67
        mov dword [GDT+60], (TSS & 0xff000000) | 0x8900 | (TSS >> 16 & 0xff)  ; 32-bit TSS
        mov dword [GDT+64], ring0_back          ; offset 15:0 stays, 31:16 moves up
        mov ax, [GDT+66]
        mov [GDT+70], ax
        mov word [GDT+66], 0x08
        mov word [GDT+68], 0xec00               ; present, DPL 3, 32-bit call gate
        mov dword [TSS+4], RING0_TOP
        mov dword [TSS+8], 0x10
%assign i 0
%rep LDT_ENTRIES * 2
        mov eax, [diff_ldt + i*4]
        mov [LDT + i*4], eax
%assign i i+1
%endrep
        mov word [GDTR], 9 * 8 - 1
        mov dword [GDTR+2], GDT
        lgdt [GDTR]
        jmp 0x08:.reload
.reload:
        mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov gs, ax
        mov ax, 0x18
        lldt ax
        mov ax, 0x38
        ltr ax
        mov ax, LDT_DATA16 * 8 + 7
        mov fs, ax
        mov word [FAR16+4], 0x20
        mov word [FAR32+4], 0x08
        ; Both 8259s masked: the CPL 0 cases set IF (no IDT would take an IRQ).
        mov al, 0xff
        out 0x21, al
        out 0xa1, al
        ret
; The call gate's target: a CPL 3 case is back at CPL 0 on the TSS's stack,
; whose top is the return address into the case.
ring0_back:
        jmp [esp]
shim_putc:
        out 0xe9, al
        ret
shim_exit:
        out 0xf4, al
.hang:
        jmp .hang

; Called first by groups whose cases fault (#DE): an IDT with one interrupt gate,
; vector 0, whose handler resumes the case at [RESUME]. The gate uses shim_init's
; code segment. Built with movs only.
shim_trap_init:
        mov dword [IDT], de_handler     ; offset 15:0 stays, 31:16 moves up
        mov ax, [IDT+2]
        mov [IDT+6], ax
        mov ax, cs
        mov [IDT+2], ax
        mov word [IDT+4], 0x8e00        ; present, DPL 0, 32-bit interrupt gate
        mov word [IDTR], 7
        mov dword [IDTR+2], IDT
        lidt [IDTR]
        ret

; #DE pushed EFLAGS, CS and EIP (no error code) on the case's stack: return to
; [RESUME] instead of the faulting instruction, with its registers and flags.
de_handler:
        push eax
        mov eax, [RESUME]
        mov [esp+4], eax
        pop eax
        iret
