; The one-instruction shadows: after sti a pending IRQ waits for one more
; instruction (and sti; cli takes none), popf that sets IF has no shadow;
; after mov ss / pop ss the single-step trap waits for one more instruction.
; Single-step (TF) traps after each instruction, including the popf that
; clears TF, with EIP of the next instruction.
%define AREA "shadow"
%include "sys.inc"
%include "pm.inc"
%include "pic.inc"

STEP_MAX	equ 16
step_n		equ v_scratch		; traps taken
irq_eip		equ v_scratch + 4	; EIP saved by the IRQ0 handler
irq_eax		equ v_scratch + 8	; EAX when it came
irq_n		equ v_scratch + 12
step_eips	equ 0x800		; EIP of each single-step trap

main16	equ go_pm32

	bits 32
PIC_ROUTINES 32

; #DB handler that keeps stepping: notes the EIP and returns with TF kept.
db_step:
	push eax
	push ebx
	mov eax, [step_n]
	mov ebx, [esp + 8]
	cmp eax, STEP_MAX
	jae .full
	mov [step_eips + eax * 4], ebx
.full:	inc dword [step_n]
	pop ebx
	pop eax
	iretd

irq0_handler:
	push eax
	mov eax, [esp + 4]
	mov [irq_eip], eax
	mov eax, [esp]
	mov [irq_eax], eax
	inc dword [irq_n]
	mov al, PIC_EOI
	out 0x20, al
	pop eax
	iretd

; STEPS "what", label...: the single-step traps so far were at these EIPs.
%macro STEPS 2-*
%define %%what %1
	CHECK [step_n], %0 - 1, {%%what, ": trap count"}
%assign i 0
%rep %0 - 1
%rotate 1
%substr %%i "123456789" i + 1
	CHECK [step_eips + i * 4], %1, {%%what, ": trap ", %%i, " EIP"}
%assign i i + 1
%endrep
%endmacro

; set_tf: TF on; the trap comes after the instruction that follows popf
%macro SET_TF 0
	mov dword [step_n], 0
	pushfd
	or dword [esp], EFL_TF
	popfd
%endmacro

main32:
	mov ecx, 1
	mov eax, db_step
	mov dh, 0x8E
	call set_idt_gate
	mov ecx, IRQ_BASE
	mov eax, irq0_handler
	call set_idt_gate

	; --- single step
	SET_TF
.s1:	nop
.s2:	mov eax, 1
.s3:	add eax, 2
.s4:	pushfd
.s5:	and dword [esp], ~EFL_TF
.s6:	popfd
.s7:	nop
	STEPS "single step", .s2, .s3, .s4, .s5, .s6, .s7

	; --- mov ss and pop ss hold the trap for one instruction
	mov bx, ss
	SET_TF
.m1:	mov ss, bx
.m2:	mov eax, 1
.m3:	push ss
.m4:	pop ss
.m5:	nop
.m6:	pushfd
	and dword [esp], ~EFL_TF
	popfd
.m7:
	STEPS "mov ss / pop ss shadow", .m3, .m4, .m6, .m6 + 1, .m6 + 8, .m7


	; --- sti shadow
	call lapic_virtual_wire
	call pic_init32
	mov dword [irq_n], 0
	mov ax, 0x200
	call pit_oneshot32
	call irq0_wait32
	xor eax, eax
	sti
.i1:	mov eax, 1
.i2:	mov eax, 2
	cli
	CHECK [irq_n], 1, "sti: the pending IRQ is taken"
	CHECK [irq_eip], .i2, "sti: IRQ taken after the next instruction"
	CHECK [irq_eax], 1, "sti: the next instruction ran first"

	mov dword [irq_n], 0
	mov ax, 0x200
	call pit_oneshot32
	call irq0_wait32
	sti
	cli
	CHECK [irq_n], 0, "sti; cli: no IRQ in the shadow"
	xor eax, eax
	push dword EFL_IF | 2
	popfd
.p1:	mov eax, 1
	cli
	CHECK [irq_n], 1, "popf setting IF: the IRQ is taken"
	CHECK [irq_eip], .p1, "popf setting IF: no shadow"
	jmp finish32
