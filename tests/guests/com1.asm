; Flat guest: talks on COM1 (0x3f8) by polling the line status register:
; prints a prompt, echoes typed letters in upper case until Enter, then
; exits with the number of letters typed as its status value.
	bits 32
	org 0x100000
COM1	equ 0x3f8
LSR	equ COM1 + 5
	mov esi, prompt
.next:	lodsb
	test al, al
	jz .read
	call putc
	jmp .next
.read:	xor ebx, ebx
.wait:	mov dx, LSR
	in al, dx
	test al, 1			; data ready
	jz .wait
	mov dx, COM1
	in al, dx
	cmp al, 13
	je .done
	cmp al, 'a'
	jb .echo
	cmp al, 'z'
	ja .echo
	sub al, 'a' - 'A'
.echo:	call putc
	inc ebx
	jmp .wait
.done:	mov al, 10
	call putc
	mov al, bl
	out 0xf4, al

putc:	mov ah, al
	mov dx, LSR
.busy:	in al, dx
	test al, 0x20			; transmitter holding register empty
	jz .busy
	mov al, ah
	mov dx, COM1
	out dx, al
	ret

prompt:	db "type: ", 0
