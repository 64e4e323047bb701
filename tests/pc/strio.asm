; Flat guest for string port I/O (rep ins/outs) against the boot disk's ATA
; data port, fw_cfg and the debug console: DF clear and set, word and dword
; elements, buffers across page boundaries, 16-bit addressing wrapping at
; 64K, a page fault in the middle of rep insw.  It prints, per case, ECX,
; ESI and EDI after the instruction and a hash of the memory it wrote;
; tests/pc/pc_test.py compares the lines with qemu-system-i386's (after
; SeaBIOS, through mbboot.asm) running the same binary with the same disk.
	bits 32
	org 0x100000
ATA        equ 0x1f0
ATA_STATUS equ ATA + 7
ATA_BSY    equ 0x80
ATA_DRQ    equ 0x08
FWCFG_SEL  equ 0x510
FWCFG_DATA equ 0x511
SRC        equ 0x1ff00		; 1 KB of pattern across the page at 0x20000
DST        equ 0x2f000		; 8 KB scratch, pages 0x2f000-0x30fff
HOLE       equ 0x31000		; the page that is not present at first
PD         equ 0x40000		; page directory and the table of 0-4 MB
PT         equ 0x41000
SPIN_MAX   equ 1000000

%macro SHOW 1			; prints "%1 ecx=... esi=... edi=...", keeps registers
	pushad
	mov ebx, %%name
	call show_regs
	popad
	jmp %%after
%%name:	db %1, 0
%%after:
%endmacro

%macro HASH 3			; prints "%1 hash=..." of %3 bytes at %2, keeps registers
	pushad
	mov esi, %2
	mov ecx, (%3) / 4
	mov ebx, %%name
	call show_hash
	popad
	jmp %%after
%%name:	db %1, 0
%%after:
%endmacro

%macro ATA_CMD 3		; LBA, count, command; then waits for DRQ
	mov eax, %1
	mov cl, %2
	mov bl, %3
	call ata_cmd
%endmacro

start:
	lgdt [gdt_desc]
	jmp 0x08:.flat
.flat:	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov eax, pf_handler		; IDT entry 14: 32-bit interrupt gate
	mov [idt + 14 * 8], ax
	mov word [idt + 14 * 8 + 2], 0x08
	mov word [idt + 14 * 8 + 4], 0x8e00
	shr eax, 16
	mov [idt + 14 * 8 + 6], ax
	lidt [idt_desc]
	cld

; rep outsw, then rep outsd: LBA 100-101 from a source across a page
; boundary.  What reaches the disk is for tests/unit's ata_test: mimic's
; built-in disk is read-only, so the reads below take the boot sector.
	mov edi, SRC
	xor eax, eax
.fill:	mov [edi], al
	add al, 7
	xor al, ah
	inc edi
	inc ah
	cmp edi, SRC + 1024
	jne .fill
	ATA_CMD 100, 2, 0x30		; WRITE SECTORS
	mov esi, SRC
	mov ecx, 256
	mov dx, ATA
	rep outsw
	SHOW "outsw"
	call ata_wait
	mov ecx, 128
	rep outsd
	SHOW "outsd"
	call ata_wait			; (mimic's built-in disk refuses writes)

; rep insw across the page at 0x30000; then a sector in two parts, words then dwords.
	call clear
	ATA_CMD 0, 2, 0x20		; READ SECTORS: the boot sector, then zeros
	mov edi, 0x2ff80
	mov ecx, 256
	rep insw
	SHOW "insw_page"
	call ata_wait
	mov edi, DST + 0x100
	mov ecx, 100
	rep insw
	SHOW "insw_part"
	mov ecx, 78
	rep insd
	SHOW "insd_rest"
	call ata_wait
	call show_status
	HASH "insw", DST, 0x2000

; DF set: downwards from 0x30010 across 0x30000.
	call clear
	ATA_CMD 0, 1, 0x20
	mov edi, 0x30010
	mov ecx, 256
	std
	rep insw
	cld
	SHOW "insw_down"
	call ata_wait
	call show_status
	HASH "insw_down", DST, 0x2000

; 16-bit addressing: DI wraps from 0xff80 to 0, the upper halves stay.
	mov edi, 0xfe00
	mov ecx, 0x200 / 4
	xor eax, eax
	rep stosd
	mov edi, 0
	mov ecx, 0x200 / 4
	rep stosd
	ATA_CMD 0, 1, 0x20
	mov edi, 0x1234ff80
	mov ecx, 0xabcd0100
	a16 rep insw
	SHOW "insw_a16"
	call ata_wait
	call show_status
	HASH "insw_a16_top", 0xfe00, 0x200
	HASH "insw_a16_low", 0, 0x200

; A page fault halfway: the handler maps the page and the instruction goes on.
	call clear
	mov edi, PT
	mov eax, 3			; present, writable
.map:	stosd
	add eax, 0x1000
	cmp edi, PT + 4096
	jne .map
	and dword [PT + (HOLE >> 12) * 4], ~1
	mov dword [PD], PT | 3
	mov edi, PD + 4
	mov ecx, 1023
	xor eax, eax
	rep stosd
	mov eax, PD
	mov cr3, eax
	mov eax, cr0
	or eax, 0x80000000
	mov cr0, eax
	jmp .paged
.paged:	ATA_CMD 0, 1, 0x20
	mov edi, HOLE - 0x100
	mov ecx, 256
	rep insw
	SHOW "insw_fault"
	mov eax, cr0
	and eax, 0x7fffffff
	mov cr0, eax
	jmp .flat2
.flat2:	call ata_wait
	call show_status
	mov dx, 0xe9
	mov esi, s_fault
	call puts
	mov eax, [pf_count]
	call put_hex
	mov esi, s_cr2
	call puts
	mov eax, [pf_cr2]
	call put_hex
	mov esi, s_err
	call puts
	mov eax, [pf_err]
	call put_hex
	mov esi, s_ecx
	call puts
	mov eax, [pf_ecx]
	call put_hex
	mov esi, s_edi
	call puts
	mov eax, [pf_edi]
	call put_hex
	mov al, 10
	out dx, al
	HASH "insw_fault", HOLE - 0x1000, 0x2000

; Ports without a string path: rep outsb to the debug console, rep insb from fw_cfg.
	mov esi, s_console
	mov ecx, s_console_len
	mov dx, 0xe9
	rep outsb
	SHOW "outsb_console"
	mov ax, 0			; fw_cfg key 0: the signature
	mov dx, FWCFG_SEL
	out dx, ax
	call clear
	mov edi, DST
	mov ecx, 4
	mov dx, FWCFG_DATA
	rep insb
	SHOW "insb_fwcfg"
	HASH "insb_fwcfg", DST, 4

	mov dx, 0xe9
	mov esi, s_done
	call puts
	xor al, al
	out 0xf4, al
	hlt

; #PF: note what the CPU saved, map the page, go back to the instruction.
pf_handler:
	pop dword [pf_err]
	push eax
	mov eax, cr2
	mov [pf_cr2], eax
	mov [pf_ecx], ecx
	mov [pf_edi], edi
	or dword [PT + (HOLE >> 12) * 4], 1
	mov eax, HOLE
	invlpg [eax]
	inc dword [pf_count]
	pop eax
	iretd

; Zeroes the scratch pages DST..HOLE+0x1000.
clear:
	push edi
	push ecx
	push eax
	mov edi, DST
	mov ecx, (HOLE + 0x1000 - DST) / 4
	xor eax, eax
	rep stosd
	pop eax
	pop ecx
	pop edi
	ret

; Master, LBA eax, cl sectors, command bl; waits for DRQ; leaves dx = data port.
ata_cmd:
	push eax
	shr eax, 24
	or al, 0xe0
	mov dx, ATA + 6
	out dx, al
	mov al, cl
	mov dx, ATA + 2
	out dx, al
	pop eax
	inc dx
	out dx, al
	shr eax, 8
	inc dx
	out dx, al
	shr eax, 8
	inc dx
	out dx, al
	mov al, bl
	mov dx, ATA_STATUS
	out dx, al
	call ata_wait
	mov dx, ATA
	ret


; Prints "status=..." (the drive's status register).  Keeps all but eax.
show_status:
	push edx
	push esi
	call ata_wait
	push eax
	mov dx, 0xe9
	mov esi, s_status
	call puts
	pop eax
	movzx eax, al
	call put_hex
	mov al, 10
	out dx, al
	pop esi
	pop edx
	ret

; ebx = name; the pushad frame above the return address holds the registers.
show_regs:
	mov dx, 0xe9
	mov esi, ebx
	call puts
	mov esi, s_ecx
	call puts
	mov eax, [esp + 4 + 24]
	call put_hex
	mov esi, s_esi
	call puts
	mov eax, [esp + 4 + 4]
	call put_hex
	mov esi, s_edi
	call puts
	mov eax, [esp + 4]
	call put_hex
	mov al, 10
	out dx, al
	ret

; ebx = name; FNV-1 style hash of ecx dwords at esi.
show_hash:
	mov edi, 0x811c9dc5
.next:	xor edi, [esi]
	imul edi, edi, 0x01000193
	add esi, 4
	loop .next
	mov dx, 0xe9
	mov esi, ebx
	call puts
	mov esi, s_hash
	call puts
	mov eax, edi
	call put_hex
	mov al, 10
	out dx, al
	ret

; Writes eax as 8 hex digits to port dx.
put_hex:
	push ecx
	push eax
	mov ecx, 8
.digit:	rol eax, 4
	push eax
	and al, 15
	add al, '0'
	cmp al, '9'
	jbe .out
	add al, 'a' - '0' - 10
.out:	out dx, al
	pop eax
	loop .digit
	pop eax
	pop ecx
	ret

%include "tests/pc/puts.inc"
%include "tests/pc/ata_wait.inc"

s_ecx:	 db " ecx=", 0
s_esi:	 db " esi=", 0
s_edi:	 db " edi=", 0
s_hash:	 db " hash=", 0
s_status: db "status=", 0
s_fault: db "fault count=", 0
s_cr2:	 db " cr2=", 0
s_err:	 db " error=", 0
s_done:	 db "done", 10, 0
s_console: db "rep outsb to the debug console", 10
s_console_len equ $ - s_console
	align 8
gdt:	dq 0
	dq 0x00cf9a000000ffff		; 0x08: flat 32-bit code
	dq 0x00cf92000000ffff		; 0x10: flat data
gdt_desc: dw 3 * 8 - 1
	dd gdt
idt_desc: dw 15 * 8 - 1
	dd idt
pf_count: dd 0
pf_cr2:	dd 0
pf_err:	dd 0
pf_ecx:	dd 0
pf_edi:	dd 0
	align 8
idt:	times 15 dq 0
