; Flat guest for the GDB stub test, linked as an ELF so that gdb knows its
; labels: prints a line, sums 5+4+3+2+1 into EAX, then at `sum_done` adds
; EAX and the dword at `addend` into EBX and exits with BL as its status.
; The test stops at sum_done, changes EAX and addend, and single-steps.
	bits 32
	section .text
	global _start, sum_done, after_mov, addend
_start:	mov esi, msg
.next:	lodsb
	test al, al
	jz .sum
	out 0xe9, al
	jmp .next
.sum:	mov ecx, 5
	xor eax, eax
.loop:	add eax, ecx
	loop .loop
sum_done:
	mov ebx, eax
after_mov:
	add ebx, [addend]
	mov al, bl
	out 0xf4, al
	hlt

	section .data
addend:	dd 0x10
msg:	db "gdb target running", 10, 0
