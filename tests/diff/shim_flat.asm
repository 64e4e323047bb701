; I/O shim of the flat binary run by mimic (and by qemu-system-i386 for checking):
; text to port 0xE9, exit through port 0xF4 (status = (al << 1) | 1). No BIOS.
%include "layout.inc"
        bits 32
        global shim_init, shim_trap_init, shim_putc, shim_exit
        section .text
shim_init:
        ret
shim_putc:
        out 0xe9, al
        ret
shim_exit:
        out 0xf4, al
.hang:
        jmp .hang

; Called first by groups whose cases fault (#DE): an IDT with one interrupt gate,
; vector 0, whose handler resumes the case at [RESUME]. The gate uses the CS the
; guest was started with, so no GDT of our own is needed. Built with movs only.
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
