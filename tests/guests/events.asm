; Flat guest for the logs and the monitor's dev: its own GDT and IDT, the
; PICs remapped to 0x20/0x28 with only IRQ0 unmasked, PIT channel 0 in mode
; 2 with reload 0x1234, COM1's line control 0x07 and scratch 0x5A; takes
; three timer interrupts, then (interrupts off) an int 0x30, a #DE and a
; #GP with an error code, reads and writes unassigned physical memory and
; reads an unassigned port, says it is done and spins with interrupts off.
	bits 32
	org 0x100000
TICKS	equ 3

	lgdt [gdtr]
	jmp 0x08:flat
flat:	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, on_divide
	mov ebx, 0x00
	call set_gate
	mov eax, on_timer
	mov ebx, 0x20
	call set_gate
	mov eax, on_soft
	mov ebx, 0x30
	call set_gate
	mov eax, on_gp
	mov ebx, 0x0d
	call set_gate
	lidt [idtr]

	mov al, 0x11			; ICW1: edge, cascade, ICW4
	out 0x20, al
	out 0xa0, al
	mov al, 0x20			; ICW2: vector bases
	out 0x21, al
	mov al, 0x28
	out 0xa1, al
	mov al, 0x04			; ICW3: slave on IRQ2
	out 0x21, al
	mov al, 0x02
	out 0xa1, al
	mov al, 0x01			; ICW4: 8086 mode
	out 0x21, al
	out 0xa1, al
	mov al, 0xfe			; masks: IRQ0 only
	out 0x21, al
	mov al, 0xff
	out 0xa1, al

	mov al, 0x34			; PIT channel 0, lobyte/hibyte, mode 2
	out 0x43, al
	mov al, 0x34
	out 0x40, al
	mov al, 0x12
	out 0x40, al

	mov dx, 0x3fb			; COM1: 8 bits, 2 stop bits, no parity
	mov al, 0x07
	out dx, al
	mov dx, 0x3ff			; scratch register
	mov al, 0x5a
	out dx, al

	sti
wait_ticks:
	cmp dword [ticks], TICKS
	jb wait_ticks
	cli
soft:	int 0x30
	xor ecx, ecx
divide:	div ecx
	mov ax, 0x18			; beyond the GDT: #GP(0x18)
badsel:	mov ds, ax
	mov eax, [0xfee00030]		; the local APIC's version register
	mov dword [0xfed00000], 0x12345678	; no HPET here: unassigned
	mov dx, 0x2f0			; unassigned port
	in al, dx
	mov esi, msg
	mov ecx, msg_len
	mov dx, 0xe9
	rep outsb
spin:	jmp spin

on_timer:
	inc dword [ticks]
	push eax
	mov al, 0x20			; EOI
	out 0x20, al
	pop eax
	iret
on_soft:
	iret
on_divide:
	add dword [esp], 2		; past div ecx
	iret
on_gp:
	add esp, 4			; the error code
	add dword [esp], 2		; past mov ds, ax
	iret

; eax = handler, ebx = vector: a 32-bit interrupt gate through selector 0x08.
set_gate:
	mov [idt + ebx * 8], ax
	mov word [idt + ebx * 8 + 2], 0x08
	mov word [idt + ebx * 8 + 4], 0x8e00
	shr eax, 16
	mov [idt + ebx * 8 + 6], ax
	ret

	align 8
gdt:	dq 0
	dq 0x00cf9a000000ffff		; 0x08: flat code
	dq 0x00cf92000000ffff		; 0x10: flat data
gdtr:	dw $ - gdt - 1
	dd gdt
idtr:	dw 0x30 * 8 + 7
	dd idt
ticks:	dd 0
msg:	db "events done", 10
msg_len	equ $ - msg
	align 8
idt:	times 0x31 dq 0
