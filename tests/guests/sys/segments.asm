; Segment register loads in 32-bit protected mode with every check (null,
; table limit, type, DPL/RPL/CPL, present) and the fault each failure raises
; with its selector error code; far jumps to bad code segments; the LDT;
; lar/lsl/verr/verw/arpl; the accessed bit and the hidden descriptor cache.
; (Limit checks on accesses are in limits.asm: qemu-system-i386, the reference,
; does not make them; lsl shows the limits with granularity.)
%define AREA "segments"
%include "sys.inc"
%include "pm.inc"

S_XONLY		equ SEL_FREE		; code, execute-only
S_CONF		equ SEL_FREE + 0x08	; code, conforming, readable
S_RODATA	equ SEL_FREE + 0x10	; data, read-only
S_NOTP		equ SEL_FREE + 0x18	; data, not present
S_NOTPCODE	equ SEL_FREE + 0x20	; code, not present
S_LDT		equ SEL_FREE + 0x28	; the LDT
S_G0		equ SEL_FREE + 0x30	; data, limit 0 in 4 KB units
S_NOACC		equ SEL_FREE + 0x38	; data, accessed bit clear
S_BASE		equ SEL_FREE + 0x40	; data, base 0x120000
S_EXPDN		equ SEL_FREE + 0x48	; data, expand-down, limit 0xFFF
L_DATA		equ 0x0C | 3		; LDT entry 1: data DPL 3, base 0x120000
L_BEYOND	equ 0x14		; LDT entry 2: beyond the LDT limit
MARK_A		equ 0x120000
MARK_B		equ 0x130000

; LOADFAULT sreg, selector, vector, error, "what": the load faults there.
%macro LOADFAULT 5
	TRY %%done
	mov ax, %2
%%insn:	mov %1, ax
%%done:
	EXPECT %3, %4, %%insn, %5
%endmacro

; LOADOK sreg, selector, "what": the load succeeds; the register is then
; reloaded with KDATA.
%macro LOADOK 3
	mov dword [v_count], 0
	mov ax, %2
	mov %1, ax
	mov ax, KDATA
	mov %1, ax
	CHECK [v_count], 0, %3
%endmacro

; FARFAULT selector, vector, error, "what": jmp far there faults.
%macro FARFAULT 4
	TRY %%done
%%insn:	jmp %1:0
%%done:
	EXPECT %2, %3, %%insn, %4
%endmacro

; ZF_OF: eax = 1 if ZF is set, else 0 (keeps the flags).
%macro ZF_TO_EAX 0
	setz al
	movzx eax, al
%endmacro

main16	equ go_pm32

	bits 32
main32:
	SETDESC S_XONLY, 0, 0xFFFFF, 0x99, FL_G | FL_D
	SETDESC S_CONF, 0, 0xFFFFF, 0x9F, FL_G | FL_D
	SETDESC S_RODATA, 0, 0xFFFFF, 0x91, FL_G | FL_D
	SETDESC S_NOTP, 0, 0xFFFFF, 0x13, FL_G | FL_D
	SETDESC S_NOTPCODE, 0, 0xFFFFF, 0x1B, FL_G | FL_D
	SETDESC S_LDT, LDT_BASE, 0x0F, 0x82, 0
	SETDESC S_G0, 0, 0, ACC_DATA, FL_G
	SETDESC S_NOACC, 0, 0xFFFF, 0x92, 0
	SETDESC S_BASE, MARK_A, 0xFFFF, ACC_DATA, 0
	SETDESC S_EXPDN, 0, 0xFFF, 0x97, FL_D
	mov edi, LDT_BASE
	mov dword [edi], 0
	mov dword [edi + 4], 0
	add edi, 8
	mov eax, MARK_A
	mov ebx, 0xFFFF
	mov dx, ACC_DATA | ACC_DPL3
	call write_desc
	mov dword [MARK_A], 0xAAAA0001
	mov dword [MARK_B], 0xBBBB0002

	; --- data segment loads
	LOADOK ds, 0, "DS <- null is allowed"
	LOADFAULT ds, GDT_LIMIT + 1 + 3, 13, GDT_LIMIT + 1, "DS <- beyond the GDT limit"
	LOADFAULT ds, TSS_SEL, 13, TSS_SEL, "DS <- TSS descriptor"
	LOADFAULT es, S_XONLY, 13, S_XONLY, "ES <- execute-only code"
	LOADOK es, KCODE, "ES <- readable code"
	LOADFAULT fs, KDATA | 3, 13, KDATA, "FS <- DPL 0 data with RPL 3"
	LOADOK fs, S_CONF | 3, "FS <- conforming code with RPL 3"
	LOADOK gs, UDATA, "GS <- DPL 3 data at CPL 0"
	LOADFAULT ds, S_NOTP, 11, S_NOTP, "DS <- not present"
	LOADFAULT es, S_NOTP, 11, S_NOTP, "ES <- not present"
	LOADFAULT fs, S_NOTP, 11, S_NOTP, "FS <- not present"
	LOADFAULT gs, S_NOTP | 2, 13, S_NOTP, "GS <- not-present DPL 0 with RPL 2: privilege first"
	LOADOK ds, S_EXPDN, "DS <- expand-down data"

	; --- stack segment loads
	LOADFAULT ss, 0, 13, 0, "SS <- null"
	LOADFAULT ss, KDATA | 3, 13, KDATA, "SS <- RPL 3 at CPL 0"
	LOADFAULT ss, UDATA & ~3, 13, UDATA & ~3, "SS <- DPL 3 data at CPL 0"
	LOADFAULT ss, S_RODATA, 13, S_RODATA, "SS <- read-only data"
	LOADFAULT ss, KCODE, 13, KCODE, "SS <- code"
	LOADFAULT ss, S_NOTP, 12, S_NOTP, "SS <- not present"
	LOADOK ss, S_EXPDN, "SS <- expand-down data"

	; --- code segment through far jumps
	FARFAULT S_NOTPCODE, 11, S_NOTPCODE, "jmp far to not-present code"
	FARFAULT KDATA, 13, KDATA, "jmp far to data"
	FARFAULT UCODE & ~3, 13, UCODE & ~3, "jmp far to DPL 3 non-conforming code"
	FARFAULT 0, 13, 0, "jmp far to null"
	FARFAULT TSS_SEL, 13, TSS_SEL, "jmp far to a busy TSS"
	mov dword [v_count], 0
	jmp S_CONF:.in_conf
.in_conf:
	xor eax, eax
	mov ax, cs
	CHECK eax, S_CONF, "jmp far to conforming code keeps CPL 0"
	jmp KCODE:.home
.home:

	; --- the accessed bit and the hidden cache
	mov ax, S_NOACC
	mov es, ax
	movzx eax, byte [GDT_BASE + S_NOACC + 5]
	CHECK eax, 0x93, "a load sets the accessed bit"
	mov ax, S_BASE
	mov fs, ax
	mov byte [GDT_BASE + S_BASE + 4], MARK_B >> 16
	mov eax, [fs:0]
	CHECK eax, 0xAAAA0001, "FS keeps its cached base after a GDT write"
	mov ax, fs
	mov fs, ax
	mov eax, [fs:0]
	CHECK eax, 0xBBBB0002, "reloading FS reads the new base"

	; --- LDT
	LOADFAULT ds, L_DATA, 13, L_DATA & ~3, "DS <- LDT selector with no LDT"
	TRY .lldt_done
	mov ax, KDATA
.lldt:	lldt ax
.lldt_done:
	EXPECT 13, KDATA, .lldt, "lldt of a data descriptor"
	mov ax, S_LDT
	lldt ax
	sldt ax
	movzx eax, ax
	CHECK eax, S_LDT, "sldt"
	mov ax, L_DATA
	mov ds, ax
	mov eax, [0]
	mov bx, KDATA
	mov ds, bx
	CHECK eax, 0xAAAA0001, "DS <- LDT data: its base"
	LOADFAULT es, L_BEYOND, 13, L_BEYOND, "ES <- beyond the LDT limit"
	LOADFAULT ss, L_DATA & ~3, 13, L_DATA & ~3, "SS <- DPL 3 LDT data at CPL 0"

	; --- lar
	mov eax, 0xDEAD
	lar eax, [kcode_sel]
	pushfd
	and eax, 0x00F0FF00
	CHECK eax, 0x00C09B00, "lar of flat code"
	popfd
	ZF_TO_EAX
	CHECK eax, 1, "lar of flat code: ZF"
	mov ebx, 0x1234
	mov ax, 0
	lar ebx, ax
	ZF_TO_EAX
	shl ebx, 4
	or eax, ebx
	CHECK eax, 0x12340, "lar of null: ZF clear, destination kept"
	mov ax, TSS_SEL
	lar ebx, ax
	ZF_TO_EAX
	and ebx, 0x00F0FF00
	or eax, ebx
	CHECK eax, 0x00008B01, "lar of the busy TSS"
	mov ax, KDATA | 3
	lar ebx, ax
	ZF_TO_EAX
	CHECK eax, 0, "lar of DPL 0 data with RPL 3: ZF clear"
	mov ax, S_CONF | 3
	lar ebx, ax
	ZF_TO_EAX
	CHECK eax, 1, "lar of conforming code with RPL 3: ZF set"
	mov ax, S_EXPDN
	lar ebx, ax
	and ebx, 0x00F0FF00
	CHECK ebx, 0x00409700, "lar of expand-down data"
	mov ax, GDT_LIMIT + 1
	lar ebx, ax
	ZF_TO_EAX
	CHECK eax, 0, "lar beyond the GDT limit: ZF clear"

	; --- lsl
	mov ax, KDATA
	lsl ebx, ax
	CHECK ebx, 0xFFFFFFFF, "lsl of 4 GB data (G=1)"
	mov ax, S_G0
	lsl ebx, ax
	CHECK ebx, 0xFFF, "lsl of limit 0 with G=1"
	mov ax, DATA16
	lsl ebx, ax
	CHECK ebx, 0xFFFF, "lsl of byte-granular 64K"
	mov ax, TSS_SEL
	lsl ebx, ax
	CHECK ebx, TSS_LIMIT, "lsl of the TSS"
	mov ax, S_LDT
	lsl ebx, ax
	ZF_TO_EAX
	shl ebx, 4
	or eax, ebx
	CHECK eax, 0xF1, "lsl of the LDT descriptor"
	mov ebx, 0x77
	xor ax, ax
	lsl ebx, ax
	ZF_TO_EAX
	shl ebx, 4
	or eax, ebx
	CHECK eax, 0x770, "lsl of null: ZF clear, destination kept"

	; --- verr / verw
	mov ax, KCODE
	verr ax
	ZF_TO_EAX
	CHECK eax, 1, "verr readable code"
	mov ax, S_XONLY
	verr ax
	ZF_TO_EAX
	CHECK eax, 0, "verr execute-only code"
	mov ax, S_RODATA
	verr ax
	ZF_TO_EAX
	CHECK eax, 1, "verr read-only data"
	mov ax, S_RODATA
	verw ax
	ZF_TO_EAX
	CHECK eax, 0, "verw read-only data"
	mov ax, KDATA
	verw ax
	ZF_TO_EAX
	CHECK eax, 1, "verw writable data"
	mov ax, KCODE
	verw ax
	ZF_TO_EAX
	CHECK eax, 0, "verw code"
	mov ax, KDATA | 3
	verw ax
	ZF_TO_EAX
	CHECK eax, 0, "verw DPL 0 data with RPL 3"
	mov ax, 0
	verr ax
	ZF_TO_EAX
	CHECK eax, 0, "verr null"

	; --- arpl
	mov ax, 0x10
	mov bx, 0x0B
	arpl ax, bx
	ZF_TO_EAX
	shl eax, 16
	mov ax, 0x10
	mov bx, 0x0B
	arpl ax, bx
	CHECK eax, 0x00010013, "arpl raises RPL, ZF set"
	mov ax, 0x13
	mov bx, 0x08
	arpl ax, bx
	ZF_TO_EAX
	shl eax, 16
	mov ax, 0x13
	arpl ax, bx
	CHECK eax, 0x00000013, "arpl keeps a higher RPL, ZF clear"
	jmp finish32

kcode_sel:
	dw KCODE
