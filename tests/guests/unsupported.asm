; Flat guest: prints a line, then runs an SSE instruction the translator
; does not have (CPUID does not advertise SSE); mimic must name the address,
; bytes and instruction.
	bits 32
	org 0x100000
	mov al, 'A'
	out 0xe9, al
	mov al, 10
	out 0xe9, al
	movaps xmm0, xmm1
	mov al, 0
	out 0xf4, al
