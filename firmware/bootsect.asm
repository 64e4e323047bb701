; mimic's boot sector: the first sector of the boot disk the kernel carries.
; The BIOS loads it at 0000:7C00 and jumps to it in real mode with the boot
; drive in DL.  It posts code 0x7C on port 0x80 (mimic's post=1 counts the
; instructions from reset to there), greets on COM1 (polled, the BIOS has
; set the UART up), names the drive it came from, and ends the run through
; the exit port 0xF4 (status (0x21 << 1) | 1 = 67), the test exit device of
; PC emulators.
	bits 16
	org 0x7c00
COM1	equ 0x3f8
LSR	equ COM1 + 5
LSR_THRE equ 0x20		; transmitter holding register empty
EXIT_PORT equ 0xf4
EXIT_VALUE equ 0x21
POST_PORT equ 0x80
POST_BOOTSECT equ 0x7c

start:
	mov al, POST_BOOTSECT
	out POST_PORT, al
	cli
	xor ax, ax
	mov ds, ax
	mov ss, ax
	mov sp, 0x7c00
	cld
	mov bl, dl			; the boot drive, kept across putc
	mov si, greeting
	call puts
	mov al, bl
	shr al, 4
	call puthex
	mov al, bl
	call puthex
	mov si, newline
	call puts
	mov al, EXIT_VALUE
	out EXIT_PORT, al
.hang:	hlt				; only reached if nothing listens on 0xF4
	jmp .hang

; Prints the NUL-terminated string at DS:SI.
puts:	lodsb
	test al, al
	jz .done
	call putc
	jmp puts
.done:	ret

; Prints the low nibble of AL as a hex digit.
puthex:	and al, 0x0f
	add al, '0'
	cmp al, '9'
	jbe putc
	add al, 'a' - '0' - 10
	; fall through
; Sends AL to COM1 once the transmitter has room.
putc:	mov ah, al
	mov dx, LSR
.busy:	in al, dx
	test al, LSR_THRE
	jz .busy
	mov al, ah
	mov dx, COM1
	out dx, al
	ret

greeting: db "mimic boot sector: hello from the boot disk, drive 0x", 0
newline:  db 13, 10, 0

	times 510 - ($ - $$) db 0
	dw 0xaa55
