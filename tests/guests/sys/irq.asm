; Hardware interrupts: the 8254's IRQ0 through the 8259 to an IDT interrupt
; gate and a trap gate in protected mode, and to the IVT in real mode; hlt
; woken by it; the 8259's ISR, IMR and EOI; the 8254 counting down.
%define AREA "irq"
%include "sys.inc"
%include "pm.inc"
%include "pic.inc"

irq_n		equ v_scratch		; IRQs taken
irq_eip		equ v_scratch + 4	; saved (E)IP
irq_cs		equ v_scratch + 8	; saved CS
irq_efl		equ v_scratch + 12	; EFLAGS inside the handler
irq_isr		equ v_scratch + 16	; master ISR inside the handler
TICKS		equ 0x2000		; about 7 ms

main16	equ go_pm32

	bits 32
PIC_ROUTINES 32

irq0_pm:
	push eax
	mov eax, [esp + 4]
	mov [irq_eip], eax
	pushfd
	pop dword [irq_efl]
	mov al, 0x0B			; OCW3: read ISR
	out 0x20, al
	in al, 0x20
	movzx eax, al
	mov [irq_isr], eax
	inc dword [irq_n]
	mov al, PIC_EOI
	out 0x20, al
	pop eax
	iretd

; pit_read: eax = channel 0's current count (latched)
pit_read:
	xor eax, eax
	out 0x43, al			; latch channel 0
	in al, 0x40
	mov ah, al
	in al, 0x40
	xchg al, ah
	ret

main32:
	mov ecx, IRQ_BASE
	mov eax, irq0_pm
	mov dh, 0x8E
	call set_idt_gate
	call lapic_virtual_wire
	call pic_init32

	; --- hlt woken by IRQ0 through an interrupt gate
	mov dword [irq_n], 0
	mov ax, TICKS
	call pit_oneshot32
	sti
	hlt
.after_hlt:
	cli
	CHECK [irq_n], 1, "hlt wakes on IRQ0 (IDT)"
	CHECK [irq_eip], .after_hlt, "IRQ0 saves the EIP after hlt"
	CHECK [irq_isr], 1, "ISR shows IRQ0 in service in the handler"
	mov eax, [irq_efl]
	and eax, EFL_IF
	CHECK eax, 0, "interrupt gate clears IF"
	mov al, 0x0B
	out 0x20, al
	in al, 0x20
	movzx eax, al
	CHECK eax, 0, "ISR clear after EOI"

	; --- a masked IRQ waits in IRR until unmasked
	mov al, 0xFF
	out 0x21, al
	mov dword [irq_n], 0
	mov ax, 0x100
	call pit_oneshot32
	call irq0_wait32
	sti
	nop
	nop
	cli
	CHECK [irq_n], 0, "masked IRQ0 stays pending"
	in al, 0x21
	movzx eax, al
	CHECK eax, 0xFF, "IMR reads back"
	mov al, 0xFE
	out 0x21, al
	sti
	nop
.taken:	cli
	CHECK [irq_n], 1, "unmasked IRQ0 is delivered"
	CHECK [irq_eip], .taken, "delivered after the instruction behind sti"

	; --- a trap gate keeps IF
	mov ecx, IRQ_BASE
	mov eax, irq0_pm
	mov dh, 0x8F
	call set_idt_gate
	mov dword [irq_n], 0
	mov ax, TICKS
	call pit_oneshot32
	sti
	hlt
	cli
	CHECK [irq_n], 1, "hlt wakes on IRQ0 (trap gate)"
	mov eax, [irq_efl]
	and eax, EFL_IF
	CHECK eax, EFL_IF, "trap gate keeps IF"

	; --- the 8254 counts down
	mov ax, 0xFFFF
	call pit_oneshot32
	call pit_read
	mov ebx, eax
	mov ecx, 20000
.spin:	loop .spin
	call pit_read
	cmp eax, ebx
	setb al
	movzx eax, al
	CHECK eax, 1, "8254 channel 0 counts down"

	; --- real mode: IRQ0 through the IVT
	jmp CODE16:.pm16 - ROM
	bits 16
.pm16:	mov ax, DATA16
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, cr0
	and al, ~1
	mov cr0, eax
	jmp ROM_SEG:.real - ROM
.real:	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, STACK_TOP
	mov bx, ivt_real - ROM
	lidt [cs:bx]
	mov word [IRQ_BASE * 4], irq0_rm - ROM
	mov word [IRQ_BASE * 4 + 2], ROM_SEG
	mov dword [irq_n], 0
	mov ax, TICKS
	call pit_oneshot16
	sti
	hlt
.rm_after:
	cli
	CHECK [irq_n], 1, "real mode: hlt wakes on IRQ0 (IVT)"
	CHECK [irq_eip], .rm_after - ROM, "real mode: IRQ0 saves the IP after hlt"
	CHECK [irq_cs], ROM_SEG, "real mode: IRQ0 saves CS"
	jmp finish16

PIC_ROUTINES 16

irq0_rm:
	push bp
	mov bp, sp
	push ax
	movzx eax, word [bp + 2]
	mov [irq_eip], eax
	movzx eax, word [bp + 4]
	mov [irq_cs], eax
	inc dword [irq_n]
	mov al, PIC_EOI
	out 0x20, al
	pop ax
	pop bp
	iret

ivt_real:
	dw 0x3FF
	dd 0
