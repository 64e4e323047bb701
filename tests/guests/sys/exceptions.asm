; Every architectural exception in 32-bit protected mode with its vector,
; error code and saved EIP (faults: the faulting instruction; traps: the next
; one), #DF on a fault while delivering one, and the exact register and flag
; state at a fault in the middle of a straight-line block.  The x87 ones (#NM,
; #MF) are in fpu.asm; #AC is not checked (the reference has no #AC).
%define AREA "exceptions"
%include "sys.inc"
%include "pm.inc"

SEL_SMALL	equ SEL_FREE		; data, base 0, limit 0xFFF (not code)
SEL_NOTP	equ SEL_FREE + 0x08	; data, not present
SEL_SHORTTSS	equ SEL_FREE + 0x10	; TSS whose limit is below 0x67

main16	equ go_pm32

	bits 32
main32:
	mov ecx, SEL_SMALL
	xor eax, eax
	mov ebx, 0xFFF
	mov dx, ACC_DATA
	call set_desc
	mov ecx, SEL_NOTP
	mov dx, ACC_DATA & 0x7F
	call set_desc
	mov ecx, SEL_SHORTTSS
	mov eax, 0x5800
	mov ebx, 0x20
	mov dx, 0x0089
	call set_desc

	; --- #DE
	TRY .de_done
	xor ecx, ecx
	mov eax, 5
.de:	div ecx
.de_done:
	EXPECT 0, 0, .de, "#DE div by 0"

	; --- #DB single step (trap after the instruction)
	TRY .db_done
	pushfd
	or dword [esp], EFL_TF
	popfd
	nop
.db_done:
	EXPECT 1, 0, .db_done, "#DB single step"
	mov eax, dr6
	and eax, 0x400F
	CHECK eax, 0x4000, "#DB single step: DR6.BS"

	; --- #BP, #OF, #BR
	TRY .bp_done
	int3
.bp_done:
	EXPECT 3, 0, .bp_done, "#BP int3"
	TRY .bp2_done
	int 3
.bp2_done:
	EXPECT 3, 0, .bp2_done, "#BP int 3"
	TRY .of_done
	mov al, 0x7F
	add al, 1
	into
.of_done:
	EXPECT 4, 0, .of_done, "#OF into"
	mov dword [0x800], 10
	mov dword [0x804], 20
	TRY .br_done
	mov eax, 9
.br:	bound eax, [0x800]
.br_done:
	EXPECT 5, 0, .br, "#BR bound"

	; --- #UD
	TRY .ud_done
.ud:	ud2
.ud_done:
	EXPECT 6, 0, .ud, "#UD ud2"
	TRY .ud2_done
.ud2:	db 0x8E, 0xC8			; mov cs, ax
.ud2_done:
	EXPECT 6, 0, .ud2, "#UD mov cs"
	TRY .ud3_done
.ud3:	db 0xF0
	add eax, ebx
.ud3_done:
	EXPECT 6, 0, .ud3, "#UD lock on a register operand"

	; --- #TS: task switch to a TSS shorter than 0x67 bytes
	TRY .ts_done
.ts:	jmp SEL_SHORTTSS:0
.ts_done:
	EXPECT 10, SEL_SHORTTSS, .ts, "#TS short TSS"

	; --- #NP
	TRY .np_done
	mov ax, SEL_NOTP
.np:	mov ds, ax
.np_done:
	EXPECT 11, SEL_NOTP, .np, "#NP data segment not present"
	mov byte [IDT_BASE + 0x41 * 8 + 5], 0x0E	; gate 0x41 not present
	TRY .np2_done
.np2:	int 0x41
.np2_done:
	EXPECT 11, 0x41 * 8 + 2, .np2, "#NP int through a not-present gate"

	; --- #SS
	TRY .ss2_done
	mov ax, SEL_NOTP
.ss2:	mov ss, ax
.ss2_done:
	EXPECT 12, SEL_NOTP, .ss2, "#SS SS not present"

	; --- #GP
	TRY .gp_done
	mov ax, TSS_SEL
.gp:	ltr ax
.gp_done:
	EXPECT 13, TSS_SEL, .gp, "#GP ltr of a busy TSS"
	TRY .gp2_done
	mov ax, GDT_LIMIT + 1
.gp2:	mov es, ax
.gp2_done:
	EXPECT 13, GDT_LIMIT + 1, .gp2, "#GP selector beyond the GDT limit"
	TRY .gp3_done
.gp3:	jmp SEL_SMALL:0
.gp3_done:
	EXPECT 13, SEL_SMALL, .gp3, "#GP far jmp to a data segment"
	TRY .gp4_done
	xor eax, eax
.gp4:	mov ss, ax
.gp4_done:
	EXPECT 13, 0, .gp4, "#GP null SS"
	TRY .gp5_done
	lidt [idt_short]
.gp5:	int 0x41
.gp5_done:
	lidt [idtr_value]
	EXPECT 13, 0x41 * 8 + 2, .gp5, "#GP int beyond the IDT limit"

	; --- #DF: #GP whose gate is not present raises #NP, a second contributory fault
	mov byte [IDT_BASE + 13 * 8 + 5], 0x0E
	TRY .df_done
	mov ax, GDT_LIMIT + 1
	mov es, ax
.df_done:
	mov byte [IDT_BASE + 13 * 8 + 5], 0x8E
	mov dword [v_resume], 0
	CHECK [v_vec], 8, "#DF: vector"
	CHECK [v_err], 0, "#DF: error code"

	; --- #PF: paging on with the first 4 MB mapped
	mov eax, 3
	call paging_on
	TRY .pf_done
.pf:	mov eax, [0x400123]
.pf_done:
	EXPECT 14, 0, .pf, "#PF read not present"
	CHECK [v_cr2], 0x400123, "#PF read not present: CR2"
	TRY .pf2_done
.pf2:	mov dword [0x3FFFFE], 0
.pf2_done:
	EXPECT 14, 2, .pf2, "#PF write crossing into a not-present page"
	CHECK [v_cr2], 0x400000, "#PF crossing write: CR2"
	; --- state at a fault in the middle of a straight-line block
	mov dword [0x800], 0
	mov dword [0x804], 0
	TRY .blk_done
	mov eax, 0x11111111
	mov ebx, 0x22222222
	mov ecx, 0x7FFFFFFF
	mov edx, 0x44444444
	mov esi, 0x55555555
	mov edi, 0x66666666
	mov ebp, 0x77777777
	mov [0x800], eax
	add ecx, 1
	lea ebx, [ebx + 1]
.blk:	mov edx, [0x400000]
	mov dword [0x804], 1
	mov eax, 0
.blk_done:
	EXPECT 14, 0, .blk, "fault mid-block"
	CHECK [v_regs + REG_EAX], 0x11111111, "fault mid-block: EAX"
	CHECK [v_regs + REG_EBX], 0x22222223, "fault mid-block: EBX"
	CHECK [v_regs + REG_ECX], 0x80000000, "fault mid-block: ECX"
	CHECK [v_regs + REG_EDX], 0x44444444, "fault mid-block: EDX"
	CHECK [v_regs + REG_ESI], 0x55555555, "fault mid-block: ESI"
	CHECK [v_regs + REG_EDI], 0x66666666, "fault mid-block: EDI"
	CHECK [v_regs + REG_EBP], 0x77777777, "fault mid-block: EBP"
	mov eax, [v_efl]
	and eax, 0x8D5
	CHECK eax, 0x894, "fault mid-block: flags of the add"
	CHECK [0x800], 0x11111111, "fault mid-block: earlier store done"
	CHECK [0x804], 0, "fault mid-block: later store not done"

	mov eax, cr0
	and eax, 0x7FFFFFFF
	mov cr0, eax

	; --- a trap in the middle of a block: state after the trapping instruction
	TRY .blk2_done
	mov eax, 0xA
	mov ecx, 0xFFFFFFFF
	add ecx, eax
	int3
.blk2_next:
	mov eax, 0xB
.blk2_done:
	EXPECT 3, 0, .blk2_next, "trap mid-block"
	CHECK [v_regs + REG_EAX], 0xA, "trap mid-block: EAX"
	CHECK [v_regs + REG_ECX], 9, "trap mid-block: ECX"
	mov eax, [v_efl]
	and eax, 0x8D5
	CHECK eax, 0x015, "trap mid-block: flags of the add"
	jmp finish32

idt_short:
	dw 0x41 * 8 + 6				; gate 0x41 crosses the limit
	dd IDT_BASE
