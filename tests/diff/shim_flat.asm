; I/O shim of the flat binary run by mimic (and by qemu-system-i386 for checking):
; text to port 0xE9, exit through port 0xF4 (status = (al << 1) | 1). No BIOS.
        bits 32
        global shim_init, shim_putc, shim_exit
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
