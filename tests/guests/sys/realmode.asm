; Real mode from reset: segment arithmetic, 16-bit ALU and flags, far
; control transfer, IVT delivery (int n, into, bound, #DE, #UD) and iret,
; operand/address-size prefixes, 64K wrap of jumps, SP, offsets and IP (an
; instruction across FFFF is #GP), the IVT base (lidt) and the A20 gate
; (port 0x92).
%define AREA "realmode"
%include "sys.inc"

FLAGS_ARITH	equ 0x8D5		; OF SF ZF AF PF CF
FAR_SEG		equ ROM_SEG - 0x100	; a second segment over the image
WRAP_SEG	equ 0x1000		; RAM segment for the 64K-wrap code
SCRATCH		equ v_scratch

	bits 16
; rm_vector: IVT entry bx -> F000:ax
rm_vector:
	push bx
	shl bx, 2
	mov [bx], ax
	mov word [bx + 2], ROM_SEG
	pop bx
	ret

; Recording handlers for the exceptions this test expects: each pushes its
; vector; rm_common notes vector, IP, CS, FLAGS and returns to v_resume.
%macro RM_STUB 1
rm_stub_%1:
	push word %1
	jmp rm_common
%endmacro
RM_STUB 0
RM_STUB 4
RM_STUB 5
RM_STUB 6
RM_STUB 13

rm_common:
	push bp
	mov bp, sp
	push ds
	push ax
	xor ax, ax
	mov ds, ax
	movzx eax, word [bp + 2]
	mov [v_vec], eax
	movzx eax, word [bp + 4]
	mov [v_eip], eax
	movzx eax, word [bp + 6]
	mov [v_cs], eax
	movzx eax, word [bp + 8]
	mov [v_efl], eax
	inc dword [v_count]
	mov ax, [v_resume]
	test ax, ax
	jz rm_unexpected
	mov [bp + 4], ax
	mov word [v_resume], 0
	pop ax
	pop ds
	pop bp
	add sp, 2
	iret

rm_unexpected:
	MSG "FAIL realmode: unexpected interrupt, vector "
	mov eax, [v_vec]
	call puthex16
	MSG " at "
	mov eax, [v_cs]
	call puthex16
	MSG ":"
	mov eax, [v_eip]
	call puthex16
	mov al, 10
	out 0xe9, al
	inc dword [v_fails]
	jmp finish16

rm_catch_all:				; any other vector
	push word 0xFFFF
	jmp rm_common

; int 0x40: notes its frame and its own FLAGS, clears CF in the saved FLAGS.
int40_handler:
	push bp
	mov bp, sp
	pushf
	pop word [SCRATCH]
	mov ax, [bp + 2]
	mov [SCRATCH + 2], ax
	mov ax, [bp + 4]
	mov [SCRATCH + 4], ax
	mov ax, [bp + 6]
	mov [SCRATCH + 6], ax
	and word [bp + 6], ~EFL_CF
	pop bp
	iret

int41_handler:				; through the moved IVT
	mov ax, 0x4141
	iret

far_target:				; reached as FAR_SEG:x
	mov ax, cs
	retf

far_target_pop:
	mov ax, cs
	retf 4

main16:
	xor bx, bx
.ivt:	mov ax, rm_catch_all - ROM
	call rm_vector
	inc bx
	cmp bx, 256
	jb .ivt
	mov bx, 0
	mov ax, rm_stub_0 - ROM
	call rm_vector
	mov bx, 4
	mov ax, rm_stub_4 - ROM
	call rm_vector
	mov bx, 5
	mov ax, rm_stub_5 - ROM
	call rm_vector
	mov bx, 6
	mov ax, rm_stub_6 - ROM
	call rm_vector
	mov bx, 13
	mov ax, rm_stub_13 - ROM
	call rm_vector
	mov bx, 0x40
	mov ax, int40_handler - ROM
	call rm_vector

	; --- segment arithmetic
	mov ax, 0x1234
	mov es, ax
	mov byte [es:0x10], 0xA5
	mov ax, 0x1235
	mov fs, ax
	movzx eax, byte [fs:0]
	CHECK eax, 0xA5, "seg:off aliases (1234:0010 = 1235:0000)"
	mov ax, 0x2000
	mov ds, ax
	mov bp, 0x900
	xor si, si
	mov byte [bp + si], 0x3C	; SS (0) by default with bp
	xor ax, ax
	mov ds, ax
	movzx eax, byte [0x900]
	CHECK eax, 0x3C, "[bp+si] defaults to SS"
	mov word [0x800], 0x5678
	mov word [0x802], 0x9ABC
	lds si, [0x800]
	mov ax, ds
	shl eax, 16
	mov ax, si
	xor bx, bx
	mov ds, bx
	CHECK eax, 0x9ABC5678, "lds loads offset and segment"

	; --- 16-bit ALU and flags
	mov ax, 0x7FFF
	add ax, 1
	pushf
	pop bx
	and ebx, FLAGS_ARITH
	CHECK ebx, 0x894, "add 7fff+1 flags"
	xor ax, ax
	sub ax, 1
	pushf
	pop bx
	and ebx, FLAGS_ARITH
	CHECK ebx, 0x095, "sub 0-1 flags"
	stc
	mov ax, 0xFFFF
	inc ax
	pushf
	pop bx
	and ebx, FLAGS_ARITH
	CHECK ebx, 0x055, "inc ffff keeps CF"
	mov ax, 0x1234
	mov bx, 0x100
	mul bx
	pushf
	shl edx, 16
	mov dx, ax
	CHECK edx, 0x00123400, "mul dx:ax"
	pop bx
	and ebx, 0x801
	CHECK ebx, 0x801, "mul sets CF OF"
	mov dx, 1
	xor ax, ax
	mov bx, 0x10
	div bx
	shl edx, 16
	mov dx, ax
	CHECK edx, 0x1000, "div dx:ax / 16"
	mov ax, 0x8001
	shl ax, 1
	pushf
	pop bx
	and bx, 0x801
	shl ebx, 16
	mov bx, ax
	CHECK ebx, 0x08010002, "shl 8001 result CF OF"
	mov ax, 0x1234
	rol ax, 4
	movzx eax, ax
	CHECK eax, 0x2341, "rol 16-bit"
	mov ax, 0x8000
	cwd
	shl edx, 16
	mov al, 0x80
	cbw
	mov dx, ax
	CHECK edx, 0xFFFFFF80, "cwd, cbw"

	; --- far call, ret, jmp
	mov di, sp
	call FAR_SEG:far_target - (FAR_SEG << 4)
	movzx eax, ax
	CHECK eax, FAR_SEG, "call far runs in the target segment"
	sub di, sp
	movzx edi, di
	CHECK edi, 0, "retf restores SP"
	mov word [0x810], far_target - (FAR_SEG << 4)
	mov word [0x812], FAR_SEG
	xor ax, ax
	call far [0x810]
	movzx eax, ax
	CHECK eax, FAR_SEG, "call far [mem]"
	mov di, sp
	push word 1
	push word 2
	call FAR_SEG:far_target_pop - (FAR_SEG << 4)
	sub di, sp
	movzx edi, di
	CHECK edi, 0, "retf 4 pops the parameters"
	jmp FAR_SEG:.in_far - (FAR_SEG << 4)
.in_far:
	mov ax, cs
	jmp ROM_SEG:.back - ROM
.back:	movzx eax, ax
	CHECK eax, FAR_SEG, "jmp far"

	; --- int n and iret
	sti
	stc
	int 0x40
.after_int40:
	pushf
	pop bx
	cli
	movzx eax, word [SCRATCH + 2]
	CHECK eax, .after_int40 - ROM, "int pushes IP of the next instruction"
	movzx eax, word [SCRATCH + 4]
	CHECK eax, ROM_SEG, "int pushes CS"
	movzx eax, word [SCRATCH + 6]
	and eax, EFL_IF | EFL_CF
	CHECK eax, EFL_IF | EFL_CF, "int pushes FLAGS"
	movzx eax, word [SCRATCH]
	and eax, EFL_IF | EFL_TF
	CHECK eax, 0, "int clears IF and TF"
	and ebx, EFL_IF | EFL_CF
	CHECK ebx, EFL_IF, "iret reloads FLAGS from the stack"

	; --- IVT base moved with lidt
	mov word [0x8000 + 0x41 * 4], int41_handler - ROM
	mov word [0x8000 + 0x41 * 4 + 2], ROM_SEG
	mov bx, ivt_moved - ROM
	lidt [cs:bx]
	xor ax, ax
	int 0x41
	mov bx, ivt_home - ROM
	lidt [cs:bx]
	movzx eax, ax
	CHECK eax, 0x4141, "lidt moves the IVT"

	; --- into, bound, #DE, #UD
	mov word [v_resume], .into_done - ROM
	mov al, 0x7F
	add al, 1
	into
.into_next:
	mov word [v_resume], 0
	jmp .into_done
.into_done:
	CHECK [v_vec], 4, "into with OF=1 raises vector 4"
	CHECK [v_eip], .into_next - ROM, "into saves IP of the next instruction"
	mov dword [v_count], 0
	xor al, al
	into
	CHECK [v_count], 0, "into with OF=0 does nothing"

	mov word [0x820], 10
	mov word [0x822], 20
	mov ax, 20
	bound ax, [0x820]
	CHECK [v_count], 0, "bound within limits"
	mov word [v_resume], .bound_done - ROM
	mov ax, 21
.bound:	bound ax, [0x820]
.bound_done:
	CHECK [v_vec], 5, "bound out of limits raises vector 5"
	CHECK [v_eip], .bound - ROM, "bound saves IP of bound"

	mov word [v_resume], .div_done - ROM
	xor bx, bx
	mov ax, 7
.div:	div bx
.div_done:
	CHECK [v_vec], 0, "div by 0 raises vector 0"
	CHECK [v_eip], .div - ROM, "div by 0 saves IP of div"
	mov word [v_resume], .div8_done - ROM
	mov ax, 0x1000
	mov bl, 1
.div8:	div bl
.div8_done:
	CHECK [v_vec], 0, "div quotient overflow raises vector 0"
	CHECK [v_eip], .div8 - ROM, "div overflow saves IP of div"

	mov word [v_resume], .ud_done - ROM
.ud:	ud2
.ud_done:
	CHECK [v_vec], 6, "ud2 raises vector 6"
	CHECK [v_eip], .ud - ROM, "ud2 saves IP of ud2"

	; --- 0x66 / 0x67 prefixes in 16-bit code
	mov eax, 0x12345678
	ror eax, 16
	CHECK eax, 0x56781234, "0x66: 32-bit register and immediate"
	mov di, sp
	push dword 0x11223344
	pop ecx
	sub di, sp
	movzx edi, di
	CHECK edi, 0, "0x66 push/pop move SP by 4"
	CHECK ecx, 0x11223344, "0x66 push/pop value"
	mov byte [0x1234], 0x6E
	mov esi, 0x1234
	movzx eax, byte [esi]
	CHECK eax, 0x6E, "0x67: [esi] in 16-bit code"
	mov ebx, 0x100
	mov ecx, 3
	lea eax, [ebx + ecx * 4 + 0x10]
	CHECK eax, 0x11C, "0x67: scaled index"
	mov bx, 0x20
	mov si, 0x5
	lea ax, [bx + si - 0x10]
	movzx eax, ax
	CHECK eax, 0x15, "16-bit effective address wraps"

	; --- 64K wrap of offsets, SP and near jumps
	mov ax, 0x3000
	mov ds, ax
	mov bx, 0xFFF0
	mov si, 0x20
	mov byte [bx + si], 0x77
	mov ax, 0x3001
	mov ds, ax
	movzx eax, byte [0]
	xor bx, bx
	mov ds, bx
	CHECK eax, 0x77, "[bx+si] wraps at 64K"
	mov ax, ss
	mov bx, sp
	mov cx, 0x2000
	mov ss, cx
	xor sp, sp
	push word 0x1234
	mov dx, sp
	pop cx
	mov cx, sp
	mov ss, ax
	mov sp, bx
	shl edx, 16
	mov dx, cx
	mov edi, edx
	mov ax, 0x2FFF
	mov fs, ax
	movzx eax, word [fs:0xE]
	CHECK eax, 0x1234, "push at SP=0 writes at SS:FFFE"
	CHECK edi, 0xFFFE0000, "SP wraps on push and pop"
	; 1000:FFF8: jmp short +0x10 -> 1000:000A (retf); 1000:0000: jmp short -0x10
	mov ax, WRAP_SEG
	mov es, ax
	mov word [es:0xFFF8], 0x10EB
	mov byte [es:0x000A], 0xCB
	mov byte [es:0x0000], 0xEB
	mov byte [es:0x0001], -0x10 & 0xFF
	mov byte [es:0xFFF2], 0xB0	; mov al, 0x99
	mov byte [es:0xFFF3], 0x99
	mov byte [es:0xFFF4], 0xCB
	xor al, al
	call WRAP_SEG:0xFFF8
	movzx eax, al
	CHECK eax, 0, "forward jmp short wraps past FFFF"
	call WRAP_SEG:0x0000
	movzx eax, al
	CHECK eax, 0x99, "backward jmp short wraps below 0"
	; An instruction that ends at FFFF runs and IP wraps to 0 (a retf
	; there); one that crosses FFFF, the limit, raises #GP (vector 13)
	; with IP at it and does not run (mimic-only: qemu fetches on).
	mov byte [es:0x0000], 0xCB
	mov word [es:0xFFFE], 0x77B0	; mov al, 0x77
	xor al, al
	call WRAP_SEG:0xFFFE
	movzx eax, al
	CHECK eax, 0x77, "an instruction ending at FFFF runs, IP wraps to 0"
	mov byte [es:0xFFFF], 0xB0	; mov al, imm8: its imm8 past FFFF
	mov dword [v_vec], -1
	mov word [v_resume], 0x000A	; the retf at WRAP_SEG:000A
	xor al, al
	call WRAP_SEG:0xFFFF
	movzx eax, al
	CHECK eax, 0, "fault an instruction across FFFF does not run"
	CHECK [v_vec], 13, "fault an instruction across FFFF raises #GP"
	CHECK [v_eip], 0xFFFF, "fault an instruction across FFFF: saved IP"

	; --- A20 gate through port 0x92
	in al, 0x92
	or al, 2
	and al, ~1
	out 0x92, al
	mov ax, 0xFFFF
	mov es, ax
	mov byte [0], 0x11
	mov byte [es:0x10], 0x22
	movzx eax, byte [0]
	CHECK eax, 0x11, "A20 on: FFFF:0010 is 1 MB"
	in al, 0x92
	and eax, 2
	CHECK eax, 2, "port 0x92 reads A20 on"
	in al, 0x92
	and al, ~3
	out 0x92, al
	mov byte [es:0x10], 0x33
	movzx eax, byte [0]
	CHECK eax, 0x33, "A20 off: FFFF:0010 wraps to 0"
	in al, 0x92
	and eax, 2
	CHECK eax, 0, "port 0x92 reads A20 off"
	in al, 0x92
	or al, 2
	out 0x92, al
	mov byte [es:0x10], 0x44
	movzx eax, byte [0]
	CHECK eax, 0x33, "A20 on again"
	jmp finish16

ivt_moved:
	dw 0x3FF
	dd 0x8000
ivt_home:
	dw 0x3FF
	dd 0
