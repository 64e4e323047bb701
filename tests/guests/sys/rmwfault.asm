; Read-modify-write instructions whose write faults: the destination is a
; read-only page (CR0.WP set, ring 0), so each raises #PF (error code P|W,
; saved EIP at it) and must leave every register, the arithmetic flags and
; the memory as they were.  xadd and cmpxchg in each size (a failed compare
; writes back too), cmpxchg8b, and the ALU, bit, shift and rotate forms.
%define AREA "rmwfault"
%include "sys.inc"
%include "pm.inc"

RO_PAGE		equ 0x300000		; mapped read-only
RO_VALUE	equ 0x11223344		; its first dword (the second is RO_HIGH)
RO_HIGH		equ 0x55667788
CR0_WP		equ 0x10000
EFL_ARITH	equ 0x8D5		; OF SF ZF AF PF CF
REG_A		equ 0xAAAA0001		; eax when it is not the compare's match
REG_B		equ 0xBBBB0002
REG_C		equ 0xCCCC0003
REG_D		equ 0xDDDD0004

main16	equ go_pm32

; RMW_FAULT "what", eax, edx, insn: with ebx, ecx, esi, edi and every
; arithmetic flag set, insn (on [esi] = RO_PAGE) faults on its write:
; #PF with error code P|W at insn; registers, flags and memory unchanged.
%macro RMW_FAULT 4
	mov eax, %2
	mov edx, %3
	mov ebx, REG_B
	mov ecx, REG_C
	mov esi, RO_PAGE
	mov edi, 0x7F
	push dword EFL_ARITH | 2
	popfd
	TRY %%done
%%insn:	%4
%%done:
	EXPECT 14, 3, %%insn, %1
	CHECK [v_regs + REG_EAX], %2, {%1, ": eax unchanged"}
	CHECK [v_regs + REG_EDX], %3, {%1, ": edx unchanged"}
	CHECK [v_regs + REG_EBX], REG_B, {%1, ": ebx unchanged"}
	CHECK [v_regs + REG_ECX], REG_C, {%1, ": ecx unchanged"}
	CHECK [v_regs + REG_EDI], 0x7F, {%1, ": edi unchanged"}
	mov eax, [v_efl]
	and eax, EFL_ARITH
	CHECK eax, EFL_ARITH, {%1, ": flags unchanged"}
	CHECK dword [RO_PAGE], RO_VALUE, {%1, ": memory unchanged"}
	CHECK dword [RO_PAGE + 4], RO_HIGH, {%1, ": the next dword unchanged"}
%endmacro

	bits 32
main32:
	mov dword [RO_PAGE], RO_VALUE
	mov dword [RO_PAGE + 4], RO_HIGH
	mov eax, 3			; P W
	call paging_on
	and dword [PAGE_TABLE0 + (RO_PAGE >> 12) * 4], ~2
	invlpg [RO_PAGE]
	mov eax, cr0
	or eax, CR0_WP
	mov cr0, eax
	mov eax, [RO_PAGE]
	CHECK eax, RO_VALUE, "the read-only page reads"

	RMW_FAULT "xadd dword", REG_A, REG_D, {xadd [esi], eax}
	RMW_FAULT "xadd word", REG_A, REG_D, {xadd [esi], ax}
	RMW_FAULT "xadd byte", REG_A, REG_D, {xadd [esi], al}
	RMW_FAULT "lock xadd dword", REG_A, REG_D, {lock xadd [esi], eax}
	RMW_FAULT "cmpxchg dword, equal", RO_VALUE, REG_D, {cmpxchg [esi], ecx}
	RMW_FAULT "cmpxchg dword, not equal", REG_A, REG_D, {cmpxchg [esi], ecx}
	RMW_FAULT "cmpxchg word, equal", RO_VALUE, REG_D, {cmpxchg [esi], cx}
	RMW_FAULT "cmpxchg word, not equal", REG_A, REG_D, {cmpxchg [esi], cx}
	RMW_FAULT "cmpxchg byte, equal", RO_VALUE, REG_D, {cmpxchg [esi], cl}
	RMW_FAULT "cmpxchg byte, not equal", REG_A, REG_D, {cmpxchg [esi], cl}
	RMW_FAULT "lock cmpxchg dword, not equal", REG_A, REG_D, {lock cmpxchg [esi], ecx}
	RMW_FAULT "cmpxchg8b, equal", RO_VALUE, RO_HIGH, {cmpxchg8b [esi]}
	RMW_FAULT "cmpxchg8b, not equal", REG_A, REG_D, {cmpxchg8b [esi]}
	RMW_FAULT "add dword", REG_A, REG_D, {add [esi], eax}
	RMW_FAULT "sub word", REG_A, REG_D, {sub [esi], dx}
	RMW_FAULT "adc byte", REG_A, REG_D, {adc byte [esi], 1}
	RMW_FAULT "inc dword", REG_A, REG_D, {inc dword [esi]}
	RMW_FAULT "neg dword", REG_A, REG_D, {neg dword [esi]}
	RMW_FAULT "not dword", REG_A, REG_D, {not dword [esi]}
	RMW_FAULT "bts dword", REG_A, REG_D, {bts dword [esi], edi}
	RMW_FAULT "btc word", REG_A, REG_D, {btc word [esi], 3}
	RMW_FAULT "shl dword", REG_A, REG_D, {shl dword [esi], 3}
	RMW_FAULT "rol word", REG_A, REG_D, {rol word [esi], 5}
	RMW_FAULT "rcr dword", REG_A, REG_D, {rcr dword [esi], 1}
	RMW_FAULT "shld dword", REG_A, REG_D, {shld [esi], ecx, 4}
	RMW_FAULT "xchg dword", REG_A, REG_D, {xchg [esi], ebx}
	RMW_FAULT "xchg byte", REG_A, REG_D, {xchg [esi], bl}

	; cmpxchg8b across a page: the low dword on a writable page, the high
	; one on the read-only page: nothing is written.
	mov dword [RO_PAGE - 4], 0x99999999
	RMW_FAULT "cmpxchg8b across into the read-only page", 0x99999999, RO_VALUE, {cmpxchg8b [esi - 4]}
	CHECK dword [RO_PAGE - 4], 0x99999999, "cmpxchg8b across: its low dword unchanged"
	jmp finish32
