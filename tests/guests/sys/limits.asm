; Segment checks on ordinary data and stack accesses in 32-bit protected
; mode: byte and 4 KB granular limits, the last byte of a multi-byte access,
; expand-down segments with B set and clear, 16-bit addressing's 64K wrap,
; writes to read-only data and code segments, reads through a null
; selector, stack accesses past SS's limit (#SS(0)), string instructions
; stopping at the element that leaves the segment, x87 and bt operands;
; code fetch past CS's limit (#GP(0) before a page fault past it); near
; jmp, jcc, call, ret, loop and jecxz to a target past CS's limit (#GP(0)
; at the branch, which has pushed, popped and counted nothing).
; qemu-system-i386 (TCG) makes none of these checks: every check named
; "fault ..." is mimic-only (sys_test.py's MIMIC_ONLY); the in-bounds
; accesses around them are checked on both.
%define AREA "limits"
%include "sys.inc"
%include "pm.inc"

S_LIM		equ SEL_FREE		; data, base DATA_BASE, byte limit 0xFFF
S_RO		equ SEL_FREE + 0x08	; data, read-only, base DATA_BASE, limit 0xFFF
S_GRAN		equ SEL_FREE + 0x10	; data, base DATA_BASE, limit 1 x 4 KB = 0x1FFF
S_ED32		equ SEL_FREE + 0x18	; data, expand-down, B set, limit 0xFFF, base 0
S_ED16		equ SEL_FREE + 0x20	; data, expand-down, B clear, limit 0xFFF, base DATA_BASE
S_RCODE		equ SEL_FREE + 0x28	; code, readable, base DATA_BASE, limit 0xFFF
S_STK		equ SEL_FREE + 0x30	; data, limit STACK_TOP - 1, base 0, B set
S_USTK		equ SEL_FREE + 0x38 | 3	; data, DPL 3, limit STACK3_TOP - 1, base 0, B set
S_CLIM		equ SEL_FREE + 0x40	; 32-bit code, base and byte limit set per fetch check
DATA_BASE	equ 0x120000
PAGED_CS	equ 0x100000		; S_CLIM's base for the fetch checks with paging:
PAGED_TOP	equ 0x1FFFFF		; limit 0xFFFFF ends here, the page after is unmapped

; FAULTS vector, "what", insn...: the instruction faults with error code 0
; at its own address (mimic-only: "fault " names).
%macro FAULTS 3
	TRY %%done
%%insn:	%3
%%done:
	EXPECT %1, 0, %%insn, {"fault ", %2}
%endmacro

; CODE_RUNS limit: runs clim_code through S_CLIM (base 0, byte limit
; `limit`), which falls off the limit or crosses it inside clim_code:
; #GP(0) at the instruction that would cross; clim_resume brings it back.
%macro CODE_RUNS 1
	SETDESC S_CLIM, 0, %1, ACC_CODE, FL_D
	mov dword [v_scratch], %%back
	xor ebx, ebx
	xor ecx, ecx
	TRY clim_resume
	jmp S_CLIM:clim_code
%%back:
%endmacro

; RING3_STACK_FAULT code, "what", esp: ring 3 code at code loads SS with
; S_USTK and that esp, then faults with #SS(0) at code.insn; the frame's
; ESP shows esp unchanged.
%macro RING3_STACK_FAULT 3
	TRY %1.done
	mov eax, %1
	mov ebx, 2
	call run_ring3
	EXPECT 12, 0, %1.insn, {"fault ", %2}
	CHECK dword [v_esp], %3, {"fault ", %2, ": esp unchanged"}
%endmacro

; NEAR_FAULTS code, "what", esp change: runs code through S_CLIM (base 0,
; limit nb_limit - 1), whose branch at code.insn goes past the limit:
; #GP(0) at the branch, and ESP as before plus the change when it resumes
; (at clim_resume, back through v_scratch).  Under qemu the branch reaches
; near_past, which comes back too.
%macro NEAR_FAULTS 3
	mov dword [v_scratch], %%back
	mov [v_scratch + 12], esp
	TRY clim_resume
	jmp S_CLIM:%1
%%back:
	EXPECT 13, 0, %1.insn, {"fault ", %2}
	mov eax, esp
	sub eax, [v_scratch + 12]
	CHECK eax, %3, {"fault ", %2, ": esp"}
	mov esp, [v_scratch + 12]
%endmacro

main16	equ go_pm32

	bits 32
main32:
	SETDESC S_LIM, DATA_BASE, 0xFFF, ACC_DATA, FL_D
	SETDESC S_RO, DATA_BASE, 0xFFF, 0x91, FL_D
	SETDESC S_GRAN, DATA_BASE, 1, ACC_DATA, FL_G | FL_D
	SETDESC S_ED32, 0, 0xFFF, 0x97, FL_D
	SETDESC S_ED16, DATA_BASE, 0xFFF, 0x97, 0
	SETDESC S_RCODE, DATA_BASE, 0xFFF, ACC_CODE, FL_D
	SETDESC S_STK, 0, STACK_TOP - 1, ACC_DATA, FL_D
	SETDESC S_USTK, 0, STACK3_TOP - 1, ACC_DATA | ACC_DPL3, FL_D
	call init_data

	; Byte-granular limit 0xFFF: the last dword in, one byte further out.
	mov ax, S_LIM
	mov fs, ax
	mov eax, [fs:0xFFC]
	CHECK eax, 0x44332211, "dword at the limit reads"
	mov al, [fs:0xFFF]
	movzx eax, al
	CHECK eax, 0x44, "byte at the limit reads"
	FAULTS 13, "dword across the limit (read)", {mov eax, [fs:0xFFD]}
	FAULTS 13, "byte past the limit (read)", {mov al, [fs:0x1000]}
	FAULTS 13, "word across the limit (write)", {mov word [fs:0xFFF], 0}
	mov ebx, 0xFFD
	FAULTS 13, "add [fs:ebx] across the limit", {add [fs:ebx], eax}
	FAULTS 13, "cmp byte past the limit", {cmp byte [fs:ebx + 3], 0}
	FAULTS 13, "push dword from past the limit", {push dword [fs:0x1000]}
	mov ecx, 0x100			; bit 256: the dword at 0xFF0 + 32 = 0x1010
	FAULTS 13, "bt's bit string past the limit", {bt dword [fs:0xFF0], ecx}
	FAULTS 13, "fld qword across the limit", {fld qword [fs:0xFFC]}
	CHECK dword [DATA_BASE + 0x1000], 0x88776655, "fault nothing written past the limit"

	call init_data		; qemu wrote where mimic faulted
	; 4 KB granularity: limit 1 covers offsets 0..0x1FFF.
	mov ax, S_GRAN
	mov gs, ax
	mov eax, [gs:0x1FFC]
	CHECK eax, 0xCCBBAA99, "granular limit: last dword reads"
	FAULTS 13, "granular limit: word across it", {mov ax, [gs:0x1FFF]}

	call init_data		; qemu wrote where mimic faulted
	; Expand-down, B set: offsets 0x1000..0xFFFFFFFF, base 0.
	mov ax, S_ED32
	mov fs, ax
	mov eax, [fs:DATA_BASE + 0x1000]
	CHECK eax, 0x88776655, "expand-down 32: reads above the limit"
	mov eax, [fs:0x1000]
	CHECK eax, [0x1000], "expand-down 32: reads at limit + 1"
	FAULTS 13, "expand-down 32: byte at the limit", {mov al, [fs:0xFFF]}
	FAULTS 13, "expand-down 32: dword across the limit", {mov eax, [fs:0xFFE]}
	FAULTS 13, "expand-down 32: offset 0", {mov eax, [fs:0]}

	call init_data		; qemu wrote where mimic faulted
	; Expand-down, B clear: offsets 0x1000..0xFFFF.
	mov ax, S_ED16
	mov fs, ax
	mov eax, [fs:0xFFFC]
	CHECK eax, 0xDDCCBBAA, "expand-down 16: last dword reads"
	FAULTS 13, "expand-down 16: word across 64K", {mov ax, [fs:0xFFFF]}
	FAULTS 13, "expand-down 16: byte at 64K", {mov al, [fs:0x10000]}
	FAULTS 13, "expand-down 16: byte at the limit", {mov al, [fs:0xFFF]}

	call init_data		; qemu wrote where mimic faulted
	; 16-bit addressing wraps at 64K before the check.
	mov ax, DATA16
	mov fs, ax
	mov bx, 0xFFFF
	mov si, 0x1001
	mov al, [fs:bx + si]		; offset 0x1000
	movzx eax, al
	movzx edx, byte [0x1000]
	CHECK eax, edx, "16-bit addressing wraps to offset 0x1000"
	FAULTS 13, "word at 0xFFFF in a 64K segment", {mov ax, [fs:bx]}

	call init_data		; qemu wrote where mimic faulted
	; Types: read-only data, readable code, null.
	mov ax, S_RO
	mov fs, ax
	mov eax, [fs:0xFFC]
	CHECK eax, 0x44332211, "read-only segment reads"
	FAULTS 13, "write to a read-only segment", {mov [fs:0], eax}
	FAULTS 13, "inc in a read-only segment", {inc dword [fs:0]}
	mov ax, S_RCODE
	mov fs, ax
	mov eax, [fs:0xFFC]
	CHECK eax, 0x44332211, "readable code segment reads"
	FAULTS 13, "write through a code segment", {mov [fs:0], eax}
	FAULTS 13, "write through CS", {mov [cs:DATA_BASE], eax}
	xor eax, eax
	mov fs, ax
	FAULTS 13, "read through a null selector", {mov eax, [fs:DATA_BASE]}
	CHECK dword [DATA_BASE], 0, "fault nothing written through read-only or code segments"

	call init_data		; qemu wrote where mimic faulted
	; Strings: rep movsb writes until the element past ES's limit.
	mov ax, S_LIM
	mov es, ax
	mov esi, fill
	mov edi, 0xFFE
	mov ecx, 4
	FAULTS 13, "rep movsb leaving ES", {rep movsb}
	CHECK dword [v_regs + REG_ECX], 2, "fault rep movsb: ecx at the faulting element"
	CHECK dword [v_regs + REG_EDI], 0x1000, "fault rep movsb: edi at the faulting element"
	CHECK dword [DATA_BASE + 0xFFC], 0xA5A52211, "rep movsb: the elements in ES written"
	mov ax, KDATA
	mov es, ax

	; The stack: SS limit STACK_TOP - 1.  Operands through SS fault here;
	; push and pop in ring 3, whose #SS handler runs on the TSS's stack.
	mov ax, S_STK
	mov ss, ax
	mov esp, STACK_TOP - 0x10
	mov ebp, STACK_TOP - 2
	FAULTS 12, "[ebp] across SS's limit", {mov eax, [ebp]}
	FAULTS 12, "ss: override past SS's limit", {mov eax, [ss:STACK_TOP]}
	mov dword [esp], 0x12345678
	pop eax
	CHECK eax, 0x12345678, "pop inside SS's limit"
	mov ax, KDATA
	mov ss, ax
	mov esp, STACK_TOP
	RING3_STACK_FAULT r3_pop, "pop across SS's limit (ring 3)", STACK3_TOP - 2
	RING3_STACK_FAULT r3_push, "push past SS's limit (ring 3)", STACK3_TOP + 6

	; Code fetch: CS's limit ends execution; the instruction that would
	; cross it raises #GP(0).  The same bytes first run whole through the
	; flat KCODE (their translation goes past where the limit cuts).
	mov word [v_scratch + 4], KCODE
	mov dword [v_scratch], .flat
	xor ecx, ecx
	jmp KCODE:clim_code
.flat:	CHECK ecx, 3, "code under a flat CS runs past the cut"
	CODE_RUNS clim_code.cut - 1
	EXPECT 13, 0, clim_code.cut, "fault fetch at limit + 1"
	CHECK dword [v_regs + REG_EBX], 2, "fault fetch at limit + 1: the last instruction ran"
	CHECK dword [v_regs + REG_ECX], 0, "fault fetch at limit + 1: the next did not"
	CODE_RUNS clim_code.cut + 3
	EXPECT 13, 0, clim_code.cut, "fault instruction across the limit"
	CHECK dword [v_regs + REG_ECX], 0, "fault instruction across the limit: not run"
	CODE_RUNS clim_code.cut + 4
	EXPECT 13, 0, clim_code.cut2, "fault instruction ending at the limit runs, the next faults"
	CHECK dword [v_regs + REG_ECX], 3, "fault instruction ending at the limit: it ran"
	CODE_RUNS clim_code.cut2 + 0x10
	CHECK ecx, 3, "code inside the limit runs"

	; With paging: the page past the limit is not present.  An instruction
	; ending at the limit runs, the fetch past it is #GP (not #PF); one
	; crossing the limit into that page is #GP too.
	mov eax, 3			; P W
	call paging_on
	mov dword [PAGE_TABLE0 + ((PAGED_TOP + 1) >> 12) * 4], 0
	mov eax, cr3
	mov cr3, eax
	SETDESC S_CLIM, PAGED_CS, 0xFFFFF, ACC_CODE, FL_D
	mov word [PAGED_TOP - 0xF], 0x2DFF	; clim_resume's jmp far [v_scratch]
	mov dword [PAGED_TOP - 0xD], v_scratch
	mov byte [PAGED_TOP - 4], 0xB9		; mov ecx, 3 ending at the limit
	mov dword [PAGED_TOP - 3], 3
	mov dword [v_scratch], .paged1
	xor ecx, ecx
	TRY 0xFFFF0
	jmp S_CLIM:0xFFFFB
.paged1:
	EXPECT 13, 0, 0x100000, "fault fetch past the limit into a page not present"
	CHECK dword [v_regs + REG_ECX], 3, "fault fetch past the limit into a page not present: the last instruction ran"
	mov byte [PAGED_TOP - 2], 0xB9		; mov ecx, 3 across the limit
	mov word [PAGED_TOP - 1], 3
	mov dword [v_scratch], .paged2
	TRY 0xFFFF0
	jmp S_CLIM:0xFFFFD
.paged2:
	EXPECT 13, 0, 0xFFFFD, "fault instruction across the limit into a page not present"

	call near_branches
	jmp finish32

; Near transfers inside a CS whose limit ends at nb_limit - 1 (clim_resume
; and the nb_ code below it), to near_past beyond it.
near_branches:
	SETDESC S_CLIM, 0, nb_limit - 1, ACC_CODE, FL_D
	mov word [v_scratch + 4], KCODE
	mov dword [v_scratch + 16], near_past
	NEAR_FAULTS nb_jmp, "jmp past the limit", 0
	NEAR_FAULTS nb_jz, "jz taken past the limit", 0
	mov eax, [v_efl]
	and eax, 0x8D5
	CHECK eax, 0x55, "fault jz taken past the limit: the add's flags"
	NEAR_FAULTS nb_jb, "jb after cmp, taken past the limit", 0
	mov eax, [v_efl]
	and eax, 0x8D5
	CHECK eax, 0x95, "fault jb after cmp, taken past the limit: the cmp's flags"
	NEAR_FAULTS nb_call, "call past the limit", 0
	NEAR_FAULTS nb_call_reg, "call eax past the limit", 0
	NEAR_FAULTS nb_call_mem, "call [mem] past the limit", 0
	NEAR_FAULTS nb_jmp_reg, "jmp eax past the limit", 0
	NEAR_FAULTS nb_jmp_mem, "jmp [mem] past the limit", 0
	NEAR_FAULTS nb_ret, "ret past the limit", -4
	NEAR_FAULTS nb_ret_imm, "ret 8 past the limit", -12
	NEAR_FAULTS nb_loop, "loop taken past the limit", 0
	CHECK dword [v_regs + REG_ECX], 5, "fault loop taken past the limit: ecx unchanged"
	NEAR_FAULTS nb_jecxz, "jecxz taken past the limit", 0

	; Not taken, the same branches go on inside the limit.
	mov dword [v_scratch], .inside
	mov [v_scratch + 12], esp
	TRY 0
	jmp S_CLIM:nb_not_taken
.inside:
	CHECK dword [v_vec], -1, "branches past the limit not taken run on"
	CHECK ecx, 0, "loop past the limit not taken counts down"
	ret

; Run through S_CLIM by CODE_RUNS (and through KCODE): falls off the limit
; or crosses it at .cut or .cut2, else goes back through v_scratch.
clim_resume:
	jmp far [v_scratch]
clim_code:
	mov eax, 1
	mov ebx, 2
.cut:	mov ecx, 3
.cut2:	nop
	jmp far [v_scratch]

; Ring 3 code for RING3_STACK_FAULT: the faulting push or pop, then back
; to ring 0 on the flat ring-3 stack.
r3_pop:
	mov ax, S_USTK
	mov ss, ax
	mov esp, STACK3_TOP - 2
.insn:	pop eax
.done:	mov ax, UDATA
	mov ss, ax
	mov esp, STACK3_TOP
	int 0x80

r3_push:
	mov ax, S_USTK
	mov ss, ax
	mov esp, STACK3_TOP + 6
.insn:	push eax
.done:	mov ax, UDATA
	mov ss, ax
	mov esp, STACK3_TOP
	int 0x80

; The data the checks read, again (under qemu the faulting writes happen).
init_data:
	mov dword [DATA_BASE], 0
	mov dword [DATA_BASE + 0xFFC], 0x44332211
	mov dword [DATA_BASE + 0x1000], 0x88776655
	mov dword [DATA_BASE + 0x1FFC], 0xCCBBAA99
	mov dword [DATA_BASE + 0xFFFC], 0xDDCCBBAA
	ret

; The S_CLIM code of near_branches: each branch at .insn goes past nb_limit.
nb_jmp:
.insn:	jmp near_past
nb_jz:
	mov eax, 0xC5
	add al, 0x3B			; 0x100: CF PF AF ZF set, SF OF clear
.insn:	jz near_past
nb_jb:
	mov eax, 1
	cmp eax, 2			; CF SF AF PF, ZF clear
.insn:	jb near_past
nb_call:
.insn:	call near_past
nb_call_reg:
	mov eax, near_past
.insn:	call eax
nb_call_mem:
.insn:	call [v_scratch + 16]
nb_jmp_reg:
	mov eax, near_past
.insn:	jmp eax
nb_jmp_mem:
.insn:	jmp [v_scratch + 16]
nb_ret:
	push near_past
.insn:	ret
nb_ret_imm:
	sub esp, 8			; what ret 8 drops (under qemu)
	push near_past
.insn:	ret 8
nb_loop:
	mov ecx, 5
.insn:	loop near_past
nb_jecxz:
	xor ecx, ecx
.insn:	jecxz near_past
nb_not_taken:
	mov eax, 1
	test eax, eax
	jz near_past
	mov ecx, 1
	loop near_past
	jecxz .on
	jmp near_past
.on:	jmp far [v_scratch]
nb_limit:
; Past S_CLIM's limit: reached only where the branch does not fault.
near_past:
	jmp far [v_scratch]

[section .rodata]
fill:	db 0xA5, 0xA5, 0xA5, 0xA5
__?SECT?__
