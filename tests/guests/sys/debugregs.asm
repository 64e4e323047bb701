; Debug registers (optional in mimic, so an image of their own): DR0-DR3
; read back, an instruction breakpoint (a fault: #DB before the instruction
; runs), data write and read/write breakpoints (traps after the access),
; DR6 naming the breakpoint that hit, and a disabled breakpoint not hitting.
%define AREA "debugregs"
%include "sys.inc"
%include "pm.inc"

WATCHED		equ 0x840		; a dword the data breakpoints watch
DR7_L0		equ 0x001
DR7_L1		equ 0x004
DR7_RW1_W	equ 0x01 << 20		; DR1: data writes
DR7_RW1_RW	equ 0x03 << 20		; DR1: data reads and writes
DR7_LEN1_4	equ 0x03 << 22		; DR1: 4 bytes

main16	equ go_pm32

; DR6_HITS: eax = DR6's B0-B3, and DR6 cleared for the next check
%macro DR6_HITS 0
	mov eax, dr6
	and eax, 0xF
	xor edx, edx
	mov dr6, edx
%endmacro

	bits 32
main32:
	mov eax, 0x11111111
	mov dr0, eax
	mov eax, 0x22222222
	mov dr1, eax
	mov eax, 0x33333333
	mov dr2, eax
	mov eax, 0x44444444
	mov dr3, eax
	mov eax, dr0
	mov ebx, dr3
	add eax, ebx
	mov ebx, dr1
	add eax, ebx
	mov ebx, dr2
	add eax, ebx
	CHECK eax, 0xAAAAAAAA, "DR0-DR3 read back"
	xor eax, eax
	mov dr6, eax

	; --- instruction breakpoint
	mov eax, .hit
	mov dr0, eax
	mov eax, DR7_L0
	mov dr7, eax
	TRY .hit_done
	xor ecx, ecx
.hit:	mov ecx, 1
.hit_done:
	xor eax, eax
	mov dr7, eax
	EXPECT 1, 0, .hit, "instruction breakpoint"
	CHECK ecx, 0, "instruction breakpoint: before the instruction runs"
	DR6_HITS
	CHECK eax, 1, "instruction breakpoint: DR6.B0"

	; --- data write breakpoint
	mov eax, WATCHED
	mov dr1, eax
	mov eax, DR7_L1 | DR7_RW1_W | DR7_LEN1_4
	mov dr7, eax
	mov dword [v_count], 0
	mov eax, [WATCHED]
	CHECK [v_count], 0, "write breakpoint: a read does not hit"
	TRY .w_done
	mov dword [WATCHED + 2], 0x5A5A
.w_next:
	nop
.w_done:
	EXPECT 1, 0, .w_next, "write breakpoint"
	movzx eax, word [WATCHED + 2]
	CHECK eax, 0x5A5A, "write breakpoint: after the write"
	DR6_HITS
	CHECK eax, 2, "write breakpoint: DR6.B1"

	; --- data read/write breakpoint
	mov eax, DR7_L1 | DR7_RW1_RW | DR7_LEN1_4
	mov dr7, eax
	TRY .r_done
	mov eax, [WATCHED]
.r_next:
	nop
.r_done:
	EXPECT 1, 0, .r_next, "read/write breakpoint on a read"
	DR6_HITS
	CHECK eax, 2, "read/write breakpoint: DR6.B1"

	; --- disabled
	xor eax, eax
	mov dr7, eax
	mov dword [v_count], 0
	mov dword [WATCHED], 0
	CHECK [v_count], 0, "disabled breakpoints do not hit"
	jmp finish32
