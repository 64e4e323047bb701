; Flat guest that idles: the PIT interrupts at 100 Hz and the guest sleeps
; in hlt between interrupts for TICKS of them, posting 0x01 before and
; 0x02 after (post=1 shows the host's Count, idle and running, at each).
; The PIIX4's PM timer measures the same stretch of guest time in PIT
; periods, which it exits with (status 2n + 1): TICKS or one less, since
; the first tick comes at any phase; more if ticks were lost (a host too
; busy to take each one).  Runs on mimic's PC and, to prove the guest
; right, under qemu-system-i386.
	bits 32
	org 0x100000
PIC1_CMD   equ 0x20
PIC1_DATA  equ 0x21
PIC2_CMD   equ 0xa0
PIC2_DATA  equ 0xa1
PIT_CH0    equ 0x40
PIT_CMD    equ 0x43
%include "tests/pc/pm.inc"
%include "tests/pc/gate.inc"
POST       equ 0x80
IRQ_BASE   equ 0x20		; IRQ0-7 at vectors 0x20-0x27, IRQ8-15 0x28-0x2f
VECTORS    equ 0x30
CODE_SEL   equ 0x08
DATA_SEL   equ 0x10
TICKS      equ 50		; 0.5 s
PIT_PERIOD equ 11932		; 100 Hz
PM_PERIOD  equ PIT_PERIOD * 3	; the PM timer runs at three times the PIT's rate

start:
	lgdt [gdtr]			; a GDT of its own for the gates' CS
	jmp CODE_SEL:.flat
.flat:	mov ax, DATA_SEL
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov edi, idt			; every vector acknowledges and returns;
	xor ecx, ecx			; IRQ0's counts first
.gate:	mov eax, ignore
	cmp ecx, IRQ_BASE
	jne .fill
	mov eax, tick
.fill:	SET_GATE
	inc ecx
	cmp ecx, VECTORS
	jb .gate
	lidt [idtr]

	mov al, 0x11			; both PICs: edge, cascade, ICW4
	out PIC1_CMD, al
	out PIC2_CMD, al
	mov al, IRQ_BASE
	out PIC1_DATA, al
	mov al, IRQ_BASE + 8
	out PIC2_DATA, al
	mov al, 0x04			; slave on IR2
	out PIC1_DATA, al
	mov al, 0x02
	out PIC2_DATA, al
	mov al, 0x01			; 8086 mode
	out PIC1_DATA, al
	out PIC2_DATA, al
	mov al, 0xfe			; IRQ0 only
	out PIC1_DATA, al
	mov al, 0xff
	out PIC2_DATA, al

	PM_ENABLE

	mov al, 0x34			; counter 0, lobyte/hibyte, mode 2
	out PIT_CMD, al
	mov al, PIT_PERIOD & 0xff
	out PIT_CH0, al
	mov al, PIT_PERIOD >> 8
	out PIT_CH0, al

	mov dx, PM_TMR
	in eax, dx
	mov edi, eax			; guest time at the start, in PM ticks
	mov al, 0x01
	out POST, al
	sti
.idle:	hlt
	cmp dword [ticks], TICKS
	jb .idle
	cli
	mov al, 0x02
	out POST, al
	mov dx, PM_TMR
	in eax, dx
	sub eax, edi
	and eax, 0xffffff		; 24 bits
	add eax, PM_PERIOD / 2
	xor edx, edx
	mov ecx, PM_PERIOD
	div ecx				; PIT periods, rounded
	out 0xf4, al
	hlt

tick:	inc dword [ticks]
ignore:	push eax
	mov al, 0x20			; non-specific EOI
	out PIC1_CMD, al
	pop eax
	iret

	align 4
ticks:	dd 0
gdtr:	dw 3 * 8 - 1
	dd gdt
idtr:	dw VECTORS * 8 - 1
	dd idt
	align 8
gdt:	dq 0
	dq 0x00cf9a000000ffff		; flat 32-bit code
	dq 0x00cf92000000ffff		; flat data
idt:	times VECTORS * 8 db 0
