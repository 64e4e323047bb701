; Mode switches: real mode -> 32-bit protected mode -> 16-bit protected mode ->
; real mode and back, lmsw/smsw, far calls between code sizes, and unreal
; mode: descriptor caches loaded in protected mode keep their base and limit
; after the return to real mode until the register is reloaded.
%define AREA "modeswitch"
%include "sys.inc"
%include "pm.inc"

SEL_BASE1M	equ SEL_FREE		; data, base 1 MB, limit 64K
SEL_KCODE2	equ SEL_FREE + 8		; flat 32-bit code, a second selector
MARK_1M		equ 0x100000
MARK_2M		equ 0x200000
MARK_3M		equ 0x300000

	bits 16
main16:
	mov eax, cr0
	CHECK eax, 0x60000010, "CR0 at reset"
	smsw ax
	movzx eax, ax
	CHECK eax, 0x0010, "smsw in real mode"
	jmp go_pm32

	bits 32
main32:
	mov eax, cr0
	and eax, 0x80000001
	CHECK eax, 1, "CR0.PE set, PG clear"
	xor eax, eax
	mov ax, cs
	CHECK eax, KCODE, "CS after the far jump"
	mov ebx, esp
	push dword 0x12345678
	sub ebx, esp
	pop ecx
	CHECK ebx, 4, "push in 32-bit code moves ESP by 4"
	mov ebx, esp
	push word 0x1234
	sub ebx, esp
	pop cx
	CHECK ebx, 2, "0x66 push in 32-bit code moves ESP by 2"
	mov byte [0x810], 0xA6
	mov byte [0x10810], 0x5D
	mov ebx, 0x10000
	mov esi, 0x800
	a16 mov al, [bx + si + 0x10]
	movzx eax, al
	CHECK eax, 0xA6, "0x67: 16-bit addressing in 32-bit code"

	mov ecx, SEL_BASE1M
	mov eax, MARK_1M
	mov ebx, 0xFFFF
	mov dx, ACC_DATA
	call set_desc
	mov dword [MARK_1M + 0x10], 0xB00B1E5
	mov ax, SEL_BASE1M
	mov fs, ax
	mov eax, [fs:0x10]
	CHECK eax, 0xB00B1E5, "descriptor base applies"
	mov dword [MARK_2M], 0x2222CAFE
	mov dword [MARK_1M], 0x11110000

	call CODE16:far16 - ROM
	CHECK eax, 0x16, "32-bit call far into 16-bit code and o32 retf back"
	mov dword [v_scratch], far16 - ROM
	mov word [v_scratch + 4], CODE16
	xor eax, eax
	call far [v_scratch]
	CHECK eax, 0x16, "32-bit call far [m16:32] into 16-bit code"
	SETDESC SEL_KCODE2, 0, 0xFFFFF, ACC_CODE, FL_G | FL_D
	mov dword [v_scratch], .kcode2
	mov word [v_scratch + 4], SEL_KCODE2
	jmp far [v_scratch]
.kcode2:
	mov eax, cs
	CHECK eax, SEL_KCODE2, "32-bit jmp far [m16:32] loads CS"
	jmp KCODE:.kcode
.kcode:

	jmp CODE16:pm16 - ROM

	bits 16
far16:					; 16-bit code called from 32-bit code
	mov eax, 0x16
	o32 retf

pm16:
	mov ax, DATA16
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov ax, cs
	CHECK eax, CODE16, "16-bit protected mode CS"
	mov bx, sp
	push word 0x1234
	sub bx, sp
	pop cx
	movzx ebx, bx
	CHECK ebx, 2, "push in 16-bit code moves SP by 2"
	call .here
.here:	pop ax
	movzx eax, ax
	CHECK eax, .here - ROM, "16-bit IP is relative to the CS base"
	xor ax, ax
	lmsw ax
	smsw ax
	and eax, 1
	CHECK eax, 1, "lmsw cannot clear PE"

	; Leave DS at 1 MB and FS at 4 GB limit for real mode
	mov ax, SEL_BASE1M
	mov gs, ax
	mov ax, KDATA
	mov fs, ax
	mov eax, cr0
	and al, ~1
	mov cr0, eax
	jmp ROM_SEG:real_again - ROM

real_again:
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, STACK_TOP
	mov bx, ivt_real - ROM
	lidt [cs:bx]
	xor eax, eax
	mov ax, cs
	CHECK eax, ROM_SEG, "CS back in real mode"
	mov eax, cr0
	and eax, 1
	CHECK eax, 0, "CR0.PE clear again"
	mov ax, 0x1000
	mov es, ax
	mov byte [es:0x20], 0x4E
	mov ax, 0x1002
	mov ds, ax
	movzx eax, byte [0]
	xor bx, bx
	mov ds, bx
	CHECK eax, 0x4E, "real-mode segment load sets base = 16 * selector"
	mov eax, [gs:0]
	CHECK eax, 0x11110000, "GS keeps its protected-mode base (1 MB)"
	xor eax, eax
	mov ax, gs
	CHECK eax, SEL_BASE1M, "GS keeps its selector"
	mov esi, MARK_2M
	mov eax, [fs:esi]
	CHECK eax, 0x2222CAFE, "unreal mode: FS reads at 2 MB"
	mov edi, MARK_3M
	mov dword [fs:edi], 0x3333BEEF
	xor ax, ax
	mov fs, ax
	mov esi, MARK_2M
	mov eax, [fs:esi]
	CHECK eax, 0x2222CAFE, "unreal limit survives a real-mode reload of FS"
	mov ax, gs
	mov gs, ax
	mov eax, [gs:0]
	mov ebx, [SEL_BASE1M * 16]
	sub eax, ebx
	CHECK eax, 0, "reloading GS in real mode sets base = 16 * selector"

	; Back to protected mode through lmsw
	mov bx, gdtr_value - ROM
	o32 lgdt [cs:bx]
	smsw ax
	or al, 1
	lmsw ax
	jmp CODE16:pm16_again - ROM
pm16_again:
	xor eax, eax
	mov ax, cs
	CHECK eax, CODE16, "lmsw enters protected mode"
	jmp dword KCODE:pm32_again
	bits 32
pm32_again:
	mov ax, KDATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov esp, STACK_TOP
	mov eax, [MARK_3M]
	CHECK eax, 0x3333BEEF, "unreal-mode write reached 3 MB"
	jmp finish32

ivt_real:
	dw 0x3FF
	dd 0
