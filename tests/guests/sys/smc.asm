; Self-modifying code: a store into code that ran before, from another block
; and from the same block (a later instruction of the running block), rep
; stos and rep movs over code, a patch inside a loop, an instruction that
; straddles a page boundary, and a store through an alias mapping (paging).
; The code runs from RAM: the RAMCODE section is assembled for RAM_CODE and
; copied there at the start.
%define AREA "smc"
%include "sys.inc"
%include "pm.inc"

RAM_CODE	equ 0x20000
ALIAS		equ 0x400000		; maps the page of ram_alias
PTE_PWU		equ 7

main16	equ go_pm32

	bits 32
main32:
	mov esi, section..ramcode.start
	mov edi, RAM_CODE
	mov ecx, ramcode_end - RAM_CODE
	rep movsb

	; --- another block, run before
	call ram_imm
	CHECK eax, 0x1111, "first run"
	mov dword [ram_imm + 1], 0x2222
	call ram_imm
	CHECK eax, 0x2222, "store into a block that ran before"

	; --- a later instruction of the running block
	mov ebx, 7
	call ram_same_block
	CHECK eax, 7, "store into the next instruction of the same block"
	mov ebx, 9
	call ram_same_block
	CHECK eax, 9, "same block, second time"

	; --- rep stos and rep movs over code
	mov eax, 0x12345600
	call ram_stos
	CHECK eax, 0x12345690, "rep stos turns the rest of the block into nops"
	call ram_movs
	CHECK eax, 0xBAD, "rep movs target, first run"
	mov esi, movs_template
	mov edi, ram_movs
	mov ecx, movs_template_end - movs_template
	rep movsb
	call ram_movs
	CHECK eax, 0x600D, "rep movs of new code over old"

	; --- a patch inside a loop
	call ram_loop
	CHECK eax, 1 + 2 + 3, "an immediate patched on each iteration"

	; --- an instruction across a page boundary
	call ram_cross
	CHECK eax, 0x11223344, "instruction across a page boundary"
	mov byte [ram_cross + 3], 0x99
	call ram_cross
	CHECK eax, 0x11993344, "patch in its second page"
	mov byte [ram_cross + 1], 0x55
	call ram_cross
	CHECK eax, 0x11993355, "patch in its first page"

	; --- an alias mapping
	mov eax, PTE_PWU
	call paging_on
	mov dword [PAGE_DIR + (ALIAS >> 22) * 4], PAGE_TABLE0 | PTE_PWU	; ALIAS + x -> x
	call ram_alias
	CHECK eax, 0xA1, "alias: first run"
	mov dword [ALIAS + ram_alias + 1], 0xA2
	call ram_alias
	CHECK eax, 0xA2, "store through an alias mapping"
	call ALIAS + ram_alias
	CHECK eax, 0xA2, "run through the alias"
	mov dword [ram_alias + 1], 0xA3
	call ALIAS + ram_alias
	CHECK eax, 0xA3, "store through the direct mapping, run through the alias"
	jmp finish32

movs_template:
	mov eax, 0x600D
	ret
movs_template_end:

section .ramcode vstart=RAM_CODE follows=.rodata
ram_imm:
	mov eax, 0x1111
	ret

ram_same_block:
	mov [.next + 1], ebx
.next:	mov eax, 0
	ret

ram_stos:
	mov edi, .rest
	mov ecx, .end - .rest
	mov al, 0x90
	rep stosb
.rest:	mov eax, 1
	mov eax, 2
.end:	ret

ram_movs:
	mov eax, 0xBAD
	ret

ram_loop:
	xor eax, eax
	mov ecx, 1
.patch:	mov [.add + 2], cl
.add:	add eax, byte 0
	inc ecx
	cmp ecx, 4
	jne .patch
	ret

	align 0x1000
ram_alias:
	mov eax, 0xA1
	ret

	times 0x1000 - 2 - ($ - ram_alias) db 0xCC
ram_cross:				; mov eax straddles the page boundary
	mov eax, 0x11223344
	ret
ramcode_end:
