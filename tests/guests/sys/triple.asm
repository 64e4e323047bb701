; Triple fault: in protected mode with an IDT too short for any vector, int3
; raises #GP, whose delivery raises #DF, whose delivery resets the machine.
; The second boot finds the marker the first left in RAM and a byte it wrote
; in CMOS RAM, and checks the reset state.  (Not the CMOS shutdown byte 0x0F:
; qemu-system-i386 clears it on reset.)
%define AREA "triple"
%include "sys.inc"
%include "pm.inc"

MAGIC		equ 0x7819F417
boots		equ MARKER + 4		; boots seen with the marker set
CMOS_BYTE	equ 0x40		; a CMOS RAM byte no one else uses

	bits 16
main16:
	mov eax, cr0
	mov edi, eax
	cmp dword [MARKER], MAGIC
	je second_boot
	mov dword [MARKER], MAGIC
	mov dword [boots], 0
	mov al, CMOS_BYTE
	out 0x70, al
	mov al, 0x5A
	out 0x71, al
	CHECK edi, 0x60000010, "first boot: CR0 at reset"
	jmp go_pm32

second_boot:
	inc dword [boots]
	CHECK [boots], 1, "second boot after the triple fault"
	CHECK edi, 0x60000010, "second boot: CR0 back to its reset value"
	xor eax, eax
	mov ax, cs
	CHECK eax, ROM_SEG, "second boot: from the reset vector"
	mov al, CMOS_BYTE
	out 0x70, al
	in al, 0x71
	movzx eax, al
	CHECK eax, 0x5A, "second boot: CMOS RAM kept"
	mov dword [MARKER], 0
	jmp finish16

	bits 32
main32:
	MSG {"PASS triple: first boot reached protected mode", 10}
	lidt [idt_empty]
	int3
	mov esi, no_reset
	jmp fail_exit32

[section .rodata]
no_reset:	db "triple: int3 with an empty IDT returned", 0
__?SECT?__

idt_empty:
	dw 0
	dd IDT_BASE
