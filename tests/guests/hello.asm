; Flat guest: prints a greeting on port 0xE9 and exits with status 11
; ((5 << 1) | 1) through port 0xF4.  Also checks the documented initial
; state: EFLAGS = 0x2, ESP = EIP = load address.  Any mismatch exits 255.
	bits 32
	org 0x100000
start:
	pushfd				; first, before anything touches the flags
	pop edx
	call .here
.here:	pop ebx
	sub ebx, .here - start		; ebx = where we were loaded
	cmp edx, 0x2
	jne .bad
	cmp esp, ebx
	jne .bad
	lea esi, [ebx + msg - start]
.next:	lodsb
	test al, al
	jz .done
	out 0xe9, al
	jmp .next
.done:	mov al, 5
	out 0xf4, al
.bad:	mov al, 0x7f
	out 0xf4, al
msg:	db "hello from x86", 10, 0
