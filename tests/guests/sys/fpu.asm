; The x87's exceptions (their own image: they need an FPU): #NM from CR0.TS
; (with and without MP for fwait) and CR0.EM, clts, and #MF with CR0.NE for an
; unmasked exception, reported at the next waiting instruction.
%define AREA "fpu"
%include "sys.inc"
%include "pm.inc"

CR0_MP		equ 0x2
CR0_EM		equ 0x4
CR0_TS		equ 0x8
CR0_NE		equ 0x20

main16	equ go_pm32

	bits 32
main32:
	; --- #NM
	mov eax, cr0
	or eax, CR0_TS | CR0_MP
	mov cr0, eax
	TRY .nm_done
.nm:	fninit
.nm_done:
	EXPECT 7, 0, .nm, "#NM fninit with CR0.TS"
	TRY .nm2_done
.nm2:	fwait
.nm2_done:
	EXPECT 7, 0, .nm2, "#NM fwait with CR0.TS and MP"
	clts
	mov eax, cr0
	and eax, CR0_TS
	CHECK eax, 0, "clts clears CR0.TS"
	mov eax, cr0
	or eax, CR0_EM
	mov cr0, eax
	TRY .nm3_done
.nm3:	fld1
.nm3_done:
	EXPECT 7, 0, .nm3, "#NM fld1 with CR0.EM"
	mov eax, cr0
	and eax, ~(CR0_EM | CR0_MP)
	mov cr0, eax

	; --- #MF: unmasked divide by zero, reported at the next fwait
	mov eax, cr0
	or eax, CR0_NE
	mov cr0, eax
	fninit
	mov word [0x800], 0x037B	; ZM clear
	fldcw [0x800]
	fldz
	fld1
	fdiv st0, st1
	TRY .mf_done
.mf:	fwait
.mf_done:
	EXPECT 16, 0, .mf, "#MF fwait after 1/0"
	fnstsw ax
	and eax, 0x84
	CHECK eax, 0x84, "#MF: FSW.ES and ZE"
	fninit

	jmp finish32
