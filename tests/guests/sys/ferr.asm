; x87 errors the PC/AT way (CR0.NE clear): an unmasked exception pending at
; the next waiting x87 instruction asserts FERR#, which the PC latches into
; IRQ13 on the slave 8259 until a write to port 0xF0 clears the latch; with
; CR0.NE set the same instruction raises #MF instead.  qemu-system-i386
; 7.2 aborts on this path (a TCG assertion when FERR# raises IRQ13), so the
; image runs in mimic only (sys_test.py's MIMIC_ONLY_IMAGES).
%define AREA "ferr"
%include "sys.inc"
%include "pm.inc"
%include "pic.inc"

IRQ13_VEC	equ IRQ_BASE + 8 + 5
CR0_NE		equ 0x20
FSW_ES_ZE	equ 0x84
irq_n		equ v_scratch		; IRQ13s taken
irq_fsw		equ v_scratch + 4	; FSW inside the handler
cw_ze		equ v_scratch + 8	; control word: only ZE unmasked

main16	equ go_pm32

	bits 32
PIC_ROUTINES 32

; IRQ13: counts and records the FSW; leaves the latch (port 0xF0) and the
; FSW alone; EOI to both 8259s.
irq13:
	push eax
	fnstsw ax
	movzx eax, ax
	mov [irq_fsw], eax
	inc dword [irq_n]
	mov al, PIC_EOI
	out 0xA0, al
	out 0x20, al
	pop eax
	iretd

; slave_irr: eax = the slave 8259's IRR.
slave_irr:
	mov al, 0x0A			; OCW3: read IRR
	out 0xA0, al
	in al, 0xA0
	movzx eax, al
	ret

; divide_by_zero: a fresh FPU with ZE unmasked, then 1/0: ZE and ES
; pending, reported at the next waiting instruction.
divide_by_zero:
	fninit
	fldcw [cw_ze]
	fld1
	fldz
	fdivp st1, st0
	ret

; WAIT_OPEN: fwait with interrupts open, then a jump that ends the block,
; so an IRQ13 the fwait raised is taken before the next check.
%macro WAIT_OPEN 0
	sti
	fwait
	jmp short %%taken
%%taken:
	cli
%endmacro

main32:
	mov ecx, IRQ13_VEC
	mov eax, irq13
	mov dh, 0x8E
	call set_idt_gate
	call lapic_virtual_wire
	call pic_init32
	mov al, 0xFB			; master: the cascade (IRQ2) only
	out 0x21, al
	mov al, 0xDF			; slave: IRQ13 only
	out 0xA1, al
	mov eax, cr0
	and eax, ~(CR0_NE | 0x0C)	; NE, TS and EM clear
	mov cr0, eax
	mov word [cw_ze], 0x037B
	mov dword [irq_n], 0

	; --- FERR# at the waiting instruction after the error, not before
	call divide_by_zero
	fnstsw ax
	movzx eax, ax
	and eax, FSW_ES_ZE
	CHECK eax, FSW_ES_ZE, "1/0 with ZE unmasked leaves ES and ZE pending"
	call slave_irr
	and eax, 0x20
	CHECK eax, 0, "no IRQ13 at the error nor at fnstsw (no wait)"
	fwait
	call slave_irr
	and eax, 0x20
	CHECK eax, 0x20, "fwait with an unmasked exception pending requests IRQ13"
	sti
	jmp short .open
.open:	cli
	CHECK [irq_n], 1, "IRQ13 taken through the slave 8259"
	mov eax, [irq_fsw]
	and eax, FSW_ES_ZE
	CHECK eax, FSW_ES_ZE, "the IRQ13 handler sees FSW.ES and ZE"

	; --- the latch holds IRQ13 high until port 0xF0 is written
	WAIT_OPEN
	CHECK [irq_n], 1, "FERR# again with the latch set: no second IRQ13"
	out 0xF0, al
	WAIT_OPEN
	CHECK [irq_n], 2, "FERR# after a port 0xF0 write: IRQ13 again"
	out 0xF0, al
	fnclex
	WAIT_OPEN
	CHECK [irq_n], 2, "fwait after fnclex: no FERR#"
	call divide_by_zero
	WAIT_OPEN
	CHECK [irq_n], 3, "a new error after the latch cleared: IRQ13"
	out 0xF0, al
	fnclex

	; --- CR0.NE set: #MF at the waiting instruction, no IRQ13
	mov eax, cr0
	or eax, CR0_NE
	mov cr0, eax
	call divide_by_zero
	TRY .mf_done
	sti
.mf:	fwait
.mf_done:
	cli
	EXPECT 16, 0, .mf, "CR0.NE: #MF at fwait"
	CHECK [irq_n], 3, "CR0.NE: no IRQ13"
	fnclex
	jmp finish32
