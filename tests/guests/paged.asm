; Flat guest for the debuggers' linear addresses: turns paging on with the
; first 4 MB mapped one to one and its own 64 KB image aliased at
; 0xC0000000 (ALIAS), jumps to the alias, says it is paged, then counts in
; EAX forever at linear ALIAS + (loop - $$).  Linear 0x80000000 is not
; mapped.  The marker string reads the same at its physical address and
; through the alias.
	bits 32
	org 0x100000
IMAGE	equ 0x100000
ALIAS	equ 0xC0000000
PAGE_DIR equ 0x180000
PT_LOW	equ 0x181000		; 0-4 MB one to one
PT_HIGH	equ 0x182000		; ALIAS: the image's 16 pages
PTE_PW	equ 0x003		; present, writable
%define HIGH(x) ((x) - IMAGE + ALIAS)

	mov edi, PAGE_DIR
	xor eax, eax
	mov ecx, 3 * 1024
	cld
	rep stosd
	mov dword [PAGE_DIR], PT_LOW | PTE_PW
	mov dword [PAGE_DIR + (ALIAS >> 22) * 4], PT_HIGH | PTE_PW
	mov edi, PT_LOW
	mov eax, PTE_PW
.low:	stosd
	add eax, 0x1000
	cmp edi, PT_LOW + 4096
	jne .low
	mov edi, PT_HIGH
	mov eax, IMAGE | PTE_PW
.high:	stosd
	add eax, 0x1000
	cmp edi, PT_HIGH + 16 * 4
	jne .high
	mov eax, PAGE_DIR
	mov cr3, eax
	mov eax, cr0
	or eax, 0x80000000
	mov cr0, eax
	jmp HIGH(paged)

paged:	mov esi, HIGH(msg)
	mov ecx, msg_len
	mov dx, 0xe9
	rep outsb
	xor eax, eax
loop:	inc eax
	jmp loop

msg:	db "paged", 10
msg_len	equ $ - msg
marker:	db "mimic paged marker", 0
