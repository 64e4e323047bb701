; Alignment checking: with CR0.AM and EFLAGS.AC, a misaligned word or dword
; access in ring 3 raises #AC(0) before anything is written (a fault); aligned
; ones, and misaligned ones without AC or in ring 0, do not.
; qemu-system-i386 (TCG) has no alignment check: the checks named "fault ..."
; are mimic-only (sys_test.py's MIMIC_ONLY); the others run on both.
%define AREA "align"
%include "sys.inc"
%include "pm.inc"

CR0_AM		equ 0x40000
SLOT		equ 0x8000		; ring-3 data (UDATA is flat)

; RING3 code, eflags: runs code in ring 3 until its int 0x80; an exception
; there returns to code.done.
%macro RING3 2
	TRY %1.done
	mov eax, %1
	mov ebx, %2
	call run_ring3
%endmacro

main16	equ go_pm32

	bits 32
main32:
	mov dword [SLOT], 0x44332211
	mov dword [SLOT + 4], 0x88776655
	mov eax, cr0
	or eax, CR0_AM
	mov cr0, eax

	; Ring 0 is never checked.
	mov dword [v_count], 0
	pushfd
	or dword [esp], EFL_AC
	popfd
	mov eax, [SLOT + 1]
	CHECK eax, 0x55443322, "ring 0 with AC: a misaligned dword reads"
	pushfd
	and dword [esp], ~EFL_AC
	popfd

	; Ring 3 without AC: no check.
	RING3 r3_load, 2
	mov dword [v_resume], 0
	CHECK [v_count], 0, "ring 3 without AC: no exception"
	CHECK [v_regs + REG_EAX], 0x55443322, "ring 3 without AC: a misaligned dword reads"

	; Ring 3 with AC: loads, stores, read-modify-write, the stack, strings.
	RING3 r3_aligned, 2 | EFL_AC
	mov dword [v_resume], 0
	CHECK [v_count], 0, "ring 3 with AC: aligned word, dword and bytes do not fault"
	CHECK [v_regs + REG_EAX], 0x88776655, "ring 3 with AC: the aligned dword reads"
	RING3 r3_load, 2 | EFL_AC
	EXPECT 17, 0, r3_load.insn, "fault misaligned dword load"
	RING3 r3_store, 2 | EFL_AC
	EXPECT 17, 0, r3_store.insn, "fault misaligned word store"
	CHECK dword [SLOT], 0x44332211, "fault the store wrote nothing"
	RING3 r3_add, 2 | EFL_AC
	EXPECT 17, 0, r3_add.insn, "fault misaligned add to memory"
	RING3 r3_push, 2 | EFL_AC
	EXPECT 17, 0, r3_push.insn, "fault push on a misaligned stack"
	CHECK dword [v_esp], 0x9FFE, "fault push: esp unchanged"
	RING3 r3_lods, 2 | EFL_AC
	EXPECT 17, 0, r3_lods.insn, "fault lodsd from a misaligned address"

	jmp finish32

; Ring-3 bodies: ebx = SLOT; the access, then back through int 0x80.
r3_load:
	mov ebx, SLOT
.insn:	mov eax, [ebx + 1]
.done:	int 0x80

r3_aligned:
	mov ebx, SLOT
	mov ax, [ebx + 2]
	mov al, [ebx + 3]
	mov eax, [ebx + 4]
.done:	int 0x80

r3_store:
	mov ebx, SLOT
.insn:	mov word [ebx + 3], 0
.done:	int 0x80

r3_add:
	mov ebx, SLOT
.insn:	add dword [ebx + 2], 1
.done:	int 0x80

r3_push:
	mov esp, 0x9FFE
.insn:	push eax
.done:	mov esp, STACK3_TOP
	int 0x80

r3_lods:
	cld
	mov esi, SLOT + 1
.insn:	lodsd
.done:	int 0x80
