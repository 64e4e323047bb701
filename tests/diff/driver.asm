; The case driver shared by the flat binary and the Linux ELF: entry, the report
; line printer and hex output. Uses only mov, push/pop, call/ret and the shim's putc,
; so that it cannot hide a translator bug. Linked first: its first byte is the entry.
%include "layout.inc"
        bits 32
        global diff_entry, diff_report, diff_put_mem32, diff_put_eol, diff_done
        extern shim_init, shim_putc, shim_exit, diff_cases

        section .text
diff_entry:
        call shim_init
        mov [DRV_ESP], esp
        jmp diff_cases
diff_done:
        mov esp, [DRV_ESP]
        mov al, 'e'
        call shim_putc
        mov al, 'n'
        call shim_putc
        mov al, 'd'
        call shim_putc
        call diff_put_eol
        mov al, 0
        call shim_exit

; One character pair from the hex table: index ecx (a byte value), prints al then ah.
put_byte:
        mov ax, [hex_table + ecx*2]
        call shim_putc
        mov al, ah
        call shim_putc
        ret

; " xxxxxxxx": the dword at [ebx] in hex. Clobbers eax, ecx.
diff_put_mem32:
        mov al, ' '
        call shim_putc
        mov ecx, 0
        mov cl, [ebx+3]
        call put_byte
        mov cl, [ebx+2]
        call put_byte
        mov cl, [ebx+1]
        call put_byte
        mov cl, [ebx]
        call put_byte
        ret

diff_put_eol:
        mov al, 10
        call shim_putc
        ret

; "<form> <case> <eax ecx edx ebx esp ebp esi edi> <eflags>" from CUR_FORM,
; CUR_CASE and SAVE; the caller appends memory dwords and the end of line.
diff_report:
        mov esi, [CUR_FORM]
%assign i 0
%rep NAME_LEN
        mov al, [esi+i]
        call shim_putc
%assign i i+1
%endrep
        mov ebx, CUR_CASE
        call diff_put_mem32
%assign i 0
%rep 9
        mov ebx, SAVE+i*4
        call diff_put_mem32
%assign i i+1
%endrep
        ret

%define HEXC(n) ((n) < 10 ? '0'+(n) : 'a'-10+(n))
hex_table:
%assign i 0
%rep 256
        db HEXC(i >> 4), HEXC(i & 15)
%assign i i+1
%endrep
