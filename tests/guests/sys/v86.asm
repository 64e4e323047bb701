; Virtual-8086 mode entered by iretd from ring 0: with IOPL 3, pushf and
; pushfd run (the image shows IOPL, not VM) and int 0x80 leaves through the
; IDT; with IOPL below 3, pushf, pushfd, popf, cli and int n raise #GP(0)
; at themselves with SP unchanged.
%define AREA "v86"
%include "sys.inc"
%include "pm.inc"

EFL_VM		equ 0x20000
V86_SP		equ STACK3_TOP		; SS 0: the v86 stack
v86_sp_seen	equ v_scratch		; SP in the #GP frame
v86_eip_seen	equ v_scratch + 4
v86_err_seen	equ v_scratch + 8

main16	equ go_pm32

	bits 32
; run_v86: runs ROM_SEG:ax in v86 mode with EFLAGS ebx | VM, SS:SP =
; 0:V86_SP and DS ES FS GS 0; returns when the code raises #GP (v86_gp)
; or does int 0x80 (v_regs then holds its registers).  Keeps every register.
run_v86:
	pushad
	mov [v_r0_esp], esp
	push dword 0			; GS
	push dword 0			; FS
	push dword 0			; DS
	push dword 0			; ES
	push dword 0			; SS
	push dword V86_SP
	or ebx, EFL_VM
	push ebx
	push dword ROM_SEG
	movzx eax, ax
	push eax
	iretd

; #GP from v86 code: note error code, IP and SP, back to run_v86's caller.
v86_gp:
	mov ax, KDATA
	mov ds, ax
	mov es, ax
	mov eax, [esp]
	mov [v86_err_seen], eax
	mov eax, [esp + 4]
	mov [v86_eip_seen], eax
	mov eax, [esp + 16]
	mov [v86_sp_seen], eax
	mov esp, [v_r0_esp]
	popad
	ret

; V86_GP "what", code, iopl: code (a label in the v86 code below) raises
; #GP(0) at itself with SP unchanged when run with that IOPL.
%macro V86_GP 3
	mov dword [v86_eip_seen], -1
	mov dword [v86_err_seen], -1
	mov dword [v86_sp_seen], -1
	mov ax, %2 - ROM
	mov ebx, (%3 << 12) | 2
	call run_v86
	mov ax, KDATA
	mov fs, ax
	mov gs, ax
	CHECK [v86_err_seen], 0, {%1, ": #GP(0)"}
	CHECK [v86_eip_seen], %2 - ROM, {%1, ": saved IP"}
	CHECK [v86_sp_seen], V86_SP, {%1, ": SP unchanged"}
%endmacro

main32:
	mov ecx, 13
	mov eax, v86_gp
	mov dh, 0x8E
	call set_idt_gate

	; IOPL 3: pushf and pushfd run; int 0x80 comes back.
	mov ax, v86_pushf3 - ROM
	mov ebx, EFL_IOPL3 | 2
	call run_v86
	mov ax, KDATA
	mov fs, ax
	mov gs, ax
	mov eax, [v_regs + REG_EBX]
	and eax, EFL_IOPL3
	CHECK eax, EFL_IOPL3, "IOPL 3: pushf pushes IOPL"
	mov eax, [v_regs + REG_ECX]
	and eax, EFL_VM | EFL_IOPL3
	CHECK eax, EFL_IOPL3, "IOPL 3: pushfd pushes IOPL, not VM"
	CHECK [v_regs + REG_EDX], V86_SP, "IOPL 3: SP back where it was"

	V86_GP "IOPL 0: pushf", v86_pushf, 0
	V86_GP "IOPL 0: pushfd", v86_pushfd, 0
	V86_GP "IOPL 2: pushf", v86_pushf, 2
	V86_GP "IOPL 0: popf", v86_popf, 0
	V86_GP "IOPL 0: cli", v86_cli, 0
	V86_GP "IOPL 0: int 0x80", v86_int, 0

	mov ecx, 13
	mov eax, exc_stub_13
	mov dh, 0x8E
	call set_idt_gate
	jmp finish32

	bits 16
; The v86 code (CS = ROM_SEG).
v86_pushf3:
	pushf
	pop bx
	pushfd
	pop ecx
	mov edx, esp
	int 0x80
v86_pushf:
	pushf
	hlt
v86_pushfd:
	pushfd
	hlt
v86_popf:
	popf
	hlt
v86_cli:
	cli
	hlt
v86_int:
	int 0x80
	hlt
