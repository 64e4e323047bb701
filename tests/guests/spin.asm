; Flat guest for the monitor tests: says it is running, then counts in EAX
; forever.
	bits 32
	org 0x100000
	mov esi, msg
.next:	lodsb
	test al, al
	jz .spin
	out 0xe9, al
	jmp .next
.spin:	xor eax, eax
.loop:	inc eax
	jmp .loop
msg:	db "spinning", 10, 0
