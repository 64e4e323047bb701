; I/O shim of the i386 Linux ELF that records the reference on the host CPU (or
; qemu-i386): maps the scratch area at its fixed address, buffers output, writes it
; with int 0x80 write(2) and ends with exit(2). Not under test: any instruction goes.
%include "layout.inc"
        bits 32
        global shim_init, shim_trap_init, shim_putc, shim_exit
        extern diff_ldt_user, diff_ldt_user_end, code16_base
        section .text
shim_init:
        mov eax, 192                    ; mmap2(SCR, SCR_SIZE, RW, PRIVATE|ANON|FIXED, -1, 0)
        mov ebx, SCR
        mov ecx, SCR_SIZE
        mov edx, 3
        mov esi, 0x32
        mov edi, -1
        push ebp
        mov ebp, 0
        int 0x80
        pop ebp
        cmp eax, SCR
        jne .fail
        mov dword [out_ptr], OUTBUF
        ; The shared LDT (descriptors.py), then its 16-bit code entry again with
        ; the cases' 16-bit code as its base; FS on the 16-bit data segment.
        mov esi, diff_ldt_user
.ldt:
        mov ecx, esi
        call write_ldt
        add esi, 16
        cmp esi, diff_ldt_user_end
        jne .ldt
        mov dword [USER_DESC], LDT_CODE16
        mov dword [USER_DESC+4], code16_base
        mov dword [USER_DESC+8], 0xffff
        mov dword [USER_DESC+12], 2 << 1         ; contents 2: code; 16-bit, readable
        mov ecx, USER_DESC
        call write_ldt
        mov ax, LDT_DATA16 * 8 + 7
        mov fs, ax
        mov word [FAR16+4], LDT_CODE16 * 8 + 7
        mov ax, cs
        mov [FAR32+4], ax
        ret
.fail:
        mov eax, 1
        mov ebx, 2
        int 0x80

; modify_ldt(0x11, ecx, 16): writes the user_desc at ecx. 0x11, not 1: the old
; mode (1) drops AVL and empties an entry whose base and limit are both 0.
write_ldt:
        mov eax, 123
        mov ebx, 0x11
        mov edx, 16
        int 0x80
        cmp eax, 0
        jne shim_init.fail
        ret

; Called first by groups whose cases fault (#DE): they resume at [RESUME].
shim_trap_init:
        mov eax, 174                    ; rt_sigaction(SIGFPE, &fpe_action, 0, 8)
        mov ebx, 8
        mov ecx, fpe_action
        mov edx, 0
        mov esi, 8
        int 0x80
        cmp eax, 0
        jne shim_init.fail
        ret

shim_putc:
        push ebx
        mov ebx, [out_ptr]
        mov [ebx], al
        inc ebx
        mov [out_ptr], ebx
        cmp ebx, OUTBUF_END
        jne .done
        call flush
.done:
        pop ebx
        ret

flush:
        pushad
        mov eax, 4                      ; write(1, OUTBUF, out_ptr - OUTBUF)
        mov ebx, 1
        mov ecx, OUTBUF
        mov edx, [out_ptr]
        sub edx, ecx
        int 0x80
        mov dword [out_ptr], OUTBUF
        popad
        ret

shim_exit:
        movzx ebx, al
        call flush
        mov eax, 1
        int 0x80

; #DE (the divide-error group): resume the case at [RESUME] with the registers
; and flags of the faulting instruction, as the flat shim's IDT handler does.
; handler(sig, info, ucontext): the i386 ucontext holds uc_flags, uc_link and a
; 12-byte stack_t before the sigcontext, whose eip is its 15th dword.
UC_EIP  equ 20 + 14*4
fpe_handler:
        mov eax, [esp+12]
        mov ecx, [RESUME]
        mov [eax+UC_EIP], ecx
        ret
fpe_restorer:
        mov eax, 173                    ; rt_sigreturn
        int 0x80
SA_SIGINFO  equ 0x00000004
SA_RESTORER equ 0x04000000
fpe_action:                             ; struct sigaction as the kernel reads it
        dd fpe_handler, SA_SIGINFO | SA_RESTORER, fpe_restorer, 0, 0

; Kept just below the output buffer so that the ELF has no data section.
out_ptr equ OUTBUF - 4
