; A 64 KB firmware image for the PC's memory map, run from reset (make run
; BIOS=...): the reset vector in the ROM below 4 GB, the same bytes at
; 0xF0000 (its ISA alias), PAM switching 0xF0000 between ROM and RAM, the
; A20 gate from the 8042 and port 0x92, and the reset line (port 0x92 bit 0)
; restarting the machine with RAM kept.  Prints "ok NAME" / "bad NAME" per
; check on port 0xE9 and exits through port 0xF4 with the number of bad ones.
; Real mode.  It runs at CS base 0xFFFF0000 (the high alias) until the PAM
; check is done, then at F000 below 1 MB, where A20 does not move it.
	bits 16
	org 0
MARKER	equ 0x600		; RAM word that survives the reset
MAGIC	equ 0x4d52		; "RM": the reset was ours
PCI_ADDR equ 0xcf8
PCI_DATA equ 0xcfc
PAM0	equ 0x59		; i440FX: bits 5:4 for 0xF0000-0xFFFFF
KBD_DATA equ 0x60
KBD_CMD	equ 0x64

start:
	mov al, 0x01			; POST code: post=1 reports the counts here
	out 0x80, al
	cli
	mov si, s_reset			; first, with the reset state's stack (0:0)
	call puts
	xor ax, ax
	mov ss, ax
	mov sp, 0x7c00
	xor bp, bp			; bad checks
	mov ds, ax
	cmp word [MARKER], MAGIC
	je after_reset

; The ISA alias: F000:FFF0 (physical 0xFFFF0) holds the reset vector's jmp.
	mov ax, 0xf000
	mov es, ax
	mov al, [cs:reset_vector]
	cmp al, [es:0xfff0]
	mov si, n_alias
	call verdict

; PAM0: ROM (writes dropped), then RAM (written and read back), then
; read-RAM/write-ROM, then ROM again.
	mov byte [es:0], 0x55
	mov al, [cs:start]
	cmp al, [es:0]
	jne .pam
	mov al, 0x30			; read and write RAM
	call set_pam0
	mov byte [es:0], 0x55
	cmp byte [es:0], 0x55
	jne .pam
	mov al, 0x10			; read RAM, write ROM
	call set_pam0
	mov byte [es:0], 0xaa
	cmp byte [es:0], 0x55
	jne .pam
	xor al, al			; ROM again
	call set_pam0
	mov al, [cs:start]
	cmp al, [es:0]
.pam:	mov si, n_pam
	call verdict
	jmp 0xf000:low			; the same code below 1 MB from here on

; A20: off through the 8042 output port (port 0x92 is off since reset),
; FFFF:0010 is then 0:0; on through port 0x92, it is 1 MB again.
low:	mov ax, 0xffff
	mov es, ax
	mov byte [0], 0x11
	mov byte [es:0x10], 0x22	; 1 MB with A20 on
	cmp byte [0], 0x11
	jne .a20
	mov al, 0xd1			; 8042: write output port
	out KBD_CMD, al
	mov al, 0x01			; A20 off, keep the reset line high
	out KBD_DATA, al
	mov byte [es:0x10], 0x33	; wraps to 0:0
	cmp byte [0], 0x33
	jne .a20
	in al, 0x92
	or al, 0x02			; fast A20 on
	out 0x92, al
	cmp byte [es:0x10], 0x22	; 1 MB again
.a20:	mov si, n_a20
	call verdict

; The reset line: port 0x92 bit 0 resets the machine; RAM keeps the marker.
	mov word [MARKER], MAGIC
	mov [MARKER + 2], bp		; bad checks so far
	in al, 0x92
	or al, 0x01
	out 0x92, al
	inc bp				; only reached if the reset did not happen
	jmp finish

after_reset:
	mov bp, [MARKER + 2]
	mov word [MARKER], 0
	in al, 0x92			; the reset bit is clear again
	test al, 0x01
	mov si, n_reset
	call verdict
finish:
	mov ax, bp
	out 0xf4, al
	hlt

; PAM0 = al, through PCI configuration mechanism #1.
set_pam0:
	push ax
	mov eax, 0x80000000 | (PAM0 & ~3)
	mov dx, PCI_ADDR
	out dx, eax
	pop ax
	mov dx, PCI_DATA + (PAM0 & 3)
	out dx, al
	ret

; ZF set: "ok " and the name at cs:si, else "bad " and counts it.
verdict:
	push si
	mov si, s_ok
	jz .say
	mov si, s_bad
	inc bp
.say:	call puts
	pop si
	call puts
	mov al, 10
	out 0xe9, al
	ret

; The NUL-terminated string at cs:si to port 0xE9.
puts:	mov al, [cs:si]
	inc si
	test al, al
	jz .done
	out 0xe9, al
	jmp puts
.done:	ret

s_reset: db "firmware: running from the reset vector", 10, 0
s_ok:	db "ok ", 0
s_bad:	db "bad ", 0
n_alias: db "isa_alias", 0
n_pam:	db "pam_shadow", 0
n_a20:	db "a20_gate", 0
n_reset: db "reset_line", 0

	times 0xfff0 - ($ - $$) db 0xff
reset_vector:
	jmp start			; near: CS stays 0xF000, base 0xFFFF0000
	times 0x10000 - ($ - $$) db 0xff
