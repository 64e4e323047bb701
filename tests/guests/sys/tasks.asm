; Hardware task switches: call to a TSS (back link, NT, busy bits, iret back,
; the task resuming where it left), jmp to a TSS and back, a task gate in the
; IDT, the registers and LDT each task gets from its TSS, CR0.TS set by a
; switch, #GP on a call to a busy TSS, and a 16-bit TSS.
%define AREA "tasks"
%include "sys.inc"
%include "pm.inc"

TSS_CALLED	equ 0x5800		; reached by call
TSS_JUMPED	equ 0x5900		; reached by jmp
TSS_GATED	equ 0x5A00		; reached through IDT gate 0x42
S_CALLED	equ SEL_FREE
S_JUMPED	equ SEL_FREE + 0x08
S_GATED		equ SEL_FREE + 0x10
S_LDT		equ SEL_FREE + 0x18
S_TSS16		equ SEL_FREE + 0x20	; a 16-bit TSS
TSS16		equ 0x5B00
TSS16_IP	equ 0x0E
TSS16_FLAGS	equ 0x10
TSS16_AX	equ 0x12
TSS16_BX	equ 0x18
TSS16_SP	equ 0x1A
TSS16_ES	equ 0x22		; then CS, SS, DS, LDT
TSS16_LIMIT	equ 0x2B
TSS_EIP		equ 0x20
TSS_EFLAGS	equ 0x24
TSS_EBX		equ 0x34
TSS_ESP		equ 0x38
TSS_LDT		equ 0x60
seen_efl	equ v_scratch		; what a task saw: EFLAGS, TR, LDTR, EBX
seen_tr		equ v_scratch + 4
seen_ldt	equ v_scratch + 8
seen_ebx	equ v_scratch + 12
seen_link	equ v_scratch + 16	; its TSS's back link
resumed		equ v_scratch + 20
seen16_eax	equ v_scratch + 24	; EAX and EBX in the 16-bit task
seen16_ebx	equ v_scratch + 28
CR0_TS		equ 8

main16	equ go_pm32

; make_tss: TSS at edi for a task starting at eax with EBX = ebx, its stack
; at esi, LDT selector dx; descriptor ecx.
	bits 32
make_tss:
	pushad
	push eax
	push ecx
	push edi
	xor eax, eax
	mov ecx, 0x68 / 4
	rep stosd
	pop edi
	pop ecx
	pop eax
	mov [edi + TSS_EIP], eax
	mov dword [edi + TSS_EFLAGS], 2
	mov [edi + TSS_EBX], ebx
	mov [edi + TSS_ESP], esi
	mov dword [edi + 0x48], KDATA	; ES
	mov dword [edi + 0x4C], KCODE	; CS
	mov dword [edi + 0x50], KDATA	; SS
	mov dword [edi + 0x54], KDATA	; DS
	mov dword [edi + 0x58], KDATA	; FS
	mov dword [edi + 0x5C], KDATA	; GS
	mov [edi + TSS_LDT], dx
	mov word [edi + 0x66], 0x68
	mov eax, edi
	mov ebx, 0x67
	mov dx, 0x0089
	call set_desc
	popad
	ret

; note_task: what the running task sees (EBX given in eax)
note_task:
	mov [seen_ebx], eax
	pushfd
	pop dword [seen_efl]
	xor eax, eax
	str ax
	mov [seen_tr], eax
	sldt ax
	mov [seen_ldt], eax
	ret

task_called:
	mov eax, ebx
	call note_task
	mov eax, [TSS_CALLED]
	mov [seen_link], eax
	mov ebx, 0xDEAD
	iretd
	mov dword [resumed], 1		; the second call continues here
	iretd

task_jumped:
	mov eax, ebx
	call note_task
	jmp TSS_SEL:0
.after:

task_gated:
	mov eax, ebx
	call note_task
	mov eax, [TSS_GATED]
	mov [seen_link], eax
	iretd

	bits 16
task16:					; CODE16, DS = DATA16
	o32 mov [seen16_eax], eax
	o32 mov [seen16_ebx], ebx
	mov ax, 0x4444
	jmp TSS_SEL:0
	bits 32

main32:
	mov ecx, S_LDT
	mov eax, LDT_BASE
	mov ebx, 0x0F
	mov dx, 0x0082
	call set_desc
	mov ecx, S_CALLED
	mov edi, TSS_CALLED
	mov eax, task_called
	mov ebx, 0xCA11
	mov esi, 0x6800
	mov dx, S_LDT
	call make_tss
	mov ecx, S_JUMPED
	mov edi, TSS_JUMPED
	mov eax, task_jumped
	mov ebx, 0x1111
	mov esi, 0x6C00
	xor dx, dx
	call make_tss
	mov ecx, S_GATED
	mov edi, TSS_GATED
	mov eax, task_gated
	mov ebx, 0x6A7E
	mov esi, 0x7000
	call make_tss
	mov edi, IDT_BASE + 0x42 * 8
	xor eax, eax
	mov ebx, S_GATED
	mov dx, 0x8500			; task gate
	call make_gate

	; --- call: a nested task
	clts
	mov ebx, 0x5EED
	call S_CALLED:0
	CHECK ebx, 0x5EED, "call TSS: the caller's registers come back"
	CHECK [seen_ebx], 0xCA11, "call TSS: the task's EBX from its TSS"
	mov eax, [seen_efl]
	and eax, EFL_NT
	CHECK eax, EFL_NT, "call TSS: NT set in the task"
	CHECK [seen_tr], S_CALLED, "call TSS: TR"
	CHECK [seen_ldt], S_LDT, "call TSS: LDTR from the TSS"
	CHECK [seen_link], TSS_SEL, "call TSS: back link"
	xor eax, eax
	str ax
	CHECK eax, TSS_SEL, "iret from the task: TR back"
	sldt ax
	CHECK eax, 0, "iret from the task: LDTR back"
	movzx eax, byte [GDT_BASE + S_CALLED + 5]
	CHECK eax, 0x89, "iret from the task: its TSS no longer busy"
	movzx eax, byte [GDT_BASE + TSS_SEL + 5]
	CHECK eax, 0x8B, "the caller's TSS stays busy"
	pushfd
	pop eax
	and eax, EFL_NT
	CHECK eax, 0, "the caller runs with NT clear"
	mov eax, cr0
	and eax, CR0_TS
	CHECK eax, CR0_TS, "a task switch sets CR0.TS"
	clts
	call S_CALLED:0
	CHECK [resumed], 1, "second call resumes after the task's iret"
	CHECK [TSS_CALLED + TSS_EBX], 0xDEAD, "the task's registers saved in its TSS"

	; --- jmp: no nesting
	mov dword [seen_ebx], 0
	jmp S_JUMPED:0
	CHECK [seen_ebx], 0x1111, "jmp TSS runs the task"
	mov eax, [seen_efl]
	and eax, EFL_NT
	CHECK eax, 0, "jmp TSS: NT clear"
	movzx eax, byte [GDT_BASE + S_JUMPED + 5]
	CHECK eax, 0x89, "jmp back: the task's TSS no longer busy"
	CHECK [TSS_JUMPED + TSS_EIP], task_jumped.after, "jmp back: the task's EIP saved after its jmp"

	; --- task gate in the IDT
	mov ebx, 0xB0B0
	int 0x42
	CHECK ebx, 0xB0B0, "task gate: the caller's registers come back"
	CHECK [seen_ebx], 0x6A7E, "task gate: the task runs"
	CHECK [seen_tr], S_GATED, "task gate: TR"
	CHECK [seen_link], TSS_SEL, "task gate: back link"

	; --- a busy TSS
	TRY .busy_done
.busy:	call TSS_SEL:0
.busy_done:
	EXPECT 13, TSS_SEL, .busy, "call to a busy TSS"

	; --- a 16-bit TSS: the task's registers load their low halves from
	; it, the upper halves keep their values (the SDM leaves them
	; undefined; qemu keeps them); its registers are saved there as words
	mov edi, TSS16
	xor eax, eax
	mov ecx, (TSS16_LIMIT + 1) / 4
	rep stosd
	mov word [TSS16 + TSS16_IP], task16 - ROM
	mov word [TSS16 + TSS16_FLAGS], 2
	mov word [TSS16 + TSS16_AX], 0x2222
	mov word [TSS16 + TSS16_BX], 0x3333
	mov word [TSS16 + TSS16_SP], 0x6C00
	mov word [TSS16 + TSS16_ES], DATA16
	mov word [TSS16 + TSS16_ES + 2], CODE16
	mov word [TSS16 + TSS16_ES + 4], DATA16
	mov word [TSS16 + TSS16_ES + 6], DATA16
	mov ecx, S_TSS16
	mov eax, TSS16
	mov ebx, TSS16_LIMIT
	mov dx, 0x0081			; available 16-bit TSS
	call set_desc
	mov eax, 0xAAAA5555
	mov ebx, 0xBBBB5555
	jmp S_TSS16:0
	CHECK ebx, 0xBBBB5555, "16-bit TSS: jmp back restores the 32-bit task's registers"
	movzx eax, word [seen16_eax]
	CHECK eax, 0x2222, "16-bit TSS: AX from the TSS"
	movzx eax, word [seen16_ebx]
	CHECK eax, 0x3333, "16-bit TSS: BX from the TSS"
	mov eax, [seen16_eax]
	shr eax, 16
	CHECK eax, 0xAAAA, "16-bit TSS: EAX's upper half kept"
	mov eax, [seen16_ebx]
	shr eax, 16
	CHECK eax, 0xBBBB, "16-bit TSS: EBX's upper half kept"
	movzx eax, word [TSS16 + TSS16_AX]
	CHECK eax, 0x4444, "16-bit TSS: AX saved as a word"
	jmp finish32
