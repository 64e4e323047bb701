; Paging: every U/S x R/W x CR0.WP combination for reads and writes from CPL 0
; and CPL 3 (#PF error code and CR2 where they fault), permissions of the
; directory entry, accessed and dirty bits, not-present faults for data and
; instruction fetch, 4 MB pages (CR4.PSE), invlpg, CR3 reload and global pages.
%define AREA "paging"
%include "sys.inc"
%include "pm.inc"

PT0		equ PAGE_TABLE0	; maps 0-4 MB one to one, user + writable
PT1		equ 0x12000		; maps 0xC00000-0xFFFFFF (tests set entries)
TESTPAGE	equ 0x300000		; the permission test page (in PT0)
ADPAGE		equ 0x301000		; accessed/dirty page (in PT0)
REMAP		equ 0x302000		; remapped between FRAME_A and FRAME_B
GLOBALPAGE	equ 0x303000
FRAME_A		equ 0x500000
FRAME_B		equ 0x501000
BIG_ALIAS	equ 0x800000		; 4 MB page onto physical 4 MB
BIG_SUPER	equ 0x1000000		; the same, supervisor only
HOLE		equ 0xC00000		; PT1 entries left not present
PT1PAGE		equ 0xFFF000		; the one PT1 entry present (FRAME_A)
PDE_PT1		equ PAGE_DIR + (HOLE >> 22) * 4
PTE_P		equ 0x001
PTE_W		equ 0x002
PTE_U		equ 0x004
PTE_A		equ 0x020
PTE_D		equ 0x040
PDE_PS		equ 0x080
PTE_G		equ 0x100
CR0_WP		equ 0x10000
CR0_PG		equ 0x80000000
CR4_PSE		equ 0x10
CR4_PGE		equ 0x80
FL_R3		equ 0x0002

%define PTE(lin) (PT0 + ((lin) >> 12) * 4)

main16	equ go_pm32

; pf_result: eax = 0 if no exception came since TRY, 0x100 | error code
; for a #PF, 0xDEAD0000 | vector for anything else.
	bits 32
pf_result:
	mov dword [v_resume], 0
	mov eax, [v_vec]
	cmp eax, -1
	je .none
	cmp eax, 14
	jne .other
	mov eax, [v_err]
	or eax, 0x100
	ret
.none:	xor eax, eax
	ret
.other:	or eax, 0xDEAD0000
	ret

; set_wp: CR0.WP = al
set_wp:
	push ebx
	mov ebx, cr0
	and ebx, ~CR0_WP
	test al, al
	jz .set
	or ebx, CR0_WP
.set:	mov cr0, ebx
	pop ebx
	ret

; PERM cpl, U, W, WP, write: one access to TESTPAGE + n*8 (n counts the
; cases) with that PTE and CR0.WP; checks the outcome and CR2 on a fault.
%assign perm_n 0
%macro PERM 5
%assign addr TESTPAGE + perm_n * 8
%assign perm_n perm_n + 1
%substr %%u "01" %2 + 1
%substr %%w "01" %3 + 1
%substr %%wp "01" %4 + 1
%if %1 == 0
 %define %%cpl "cpl0"
%else
 %define %%cpl "cpl3"
%endif
%if %5
 %define %%op "write"
 %if %1 == 0
  %assign want (%3 || !%4) ? 0 : 0x103
 %else
  %assign want (%2 && %3) ? 0 : 0x107
 %endif
%else
 %define %%op "read"
 %assign want (%1 == 0 || %2) ? 0 : 0x105
%endif
%strcat %%name %%cpl, " U=", %%u, " W=", %%w, " WP=", %%wp, " ", %%op
	mov dword [PTE(TESTPAGE)], TESTPAGE | PTE_P | (%2 * PTE_U) | (%3 * PTE_W)
	invlpg [addr]
	mov al, %4
	call set_wp
	TRY %%back
%if %1
	mov eax, %%insn
	mov ebx, FL_R3
	call run_ring3
	jmp %%done
%endif
%%insn:
%if %5
	mov [addr], eax
%else
	mov eax, [addr]
%endif
%%back:
%if %1
	int 0x80
%%done:
%endif
	call pf_result
	CHECK eax, want, %%name
%if want
	CHECK [v_cr2], addr, {%%name, ": CR2"}
%endif
%endmacro

main32:
	mov dword [FRAME_A], 0xAAAA0001
	mov dword [FRAME_B], 0xBBBB0002
	mov edi, PT1
	xor eax, eax
	mov ecx, 1024
	rep stosd			; PT1: nothing present
	mov eax, cr4
	or eax, CR4_PSE
	mov cr4, eax
	mov eax, PTE_P | PTE_W | PTE_U
	call paging_on
	mov dword [PAGE_DIR + 4], 0x400000 | PDE_PS | PTE_P | PTE_W | PTE_U
	mov dword [PAGE_DIR + 8], 0x400000 | PDE_PS | PTE_P | PTE_W | PTE_U
	mov dword [PDE_PT1], PT1 | PTE_P | PTE_W | PTE_U
	mov eax, cr0
	and eax, CR0_PG | 1
	CHECK eax, CR0_PG | 1, "CR0.PG on"

	; --- every permission combination
%assign cpl 0
%rep 2
 %assign wr 0
 %rep 2
  %assign u 0
  %rep 2
   %assign w 0
   %rep 2
    %assign wp 0
    %rep 2
	PERM cpl, u, w, wp, wr
     %assign wp wp + 1
    %endrep
    %assign w w + 1
   %endrep
   %assign u u + 1
  %endrep
  %assign wr wr + 1
 %endrep
 %assign cpl 3
%endrep
	xor al, al
	call set_wp

	; --- the directory entry's permissions count too
	mov dword [PT1 + 0xFFC], FRAME_A | PTE_P | PTE_W | PTE_U
	and dword [PDE_PT1], ~PTE_U
	mov eax, cr3
	mov cr3, eax
	TRY .pde_u_back
	mov eax, .pde_u
	mov ebx, FL_R3
	call run_ring3
	jmp .pde_u_done
.pde_u:	mov eax, [PT1PAGE]
.pde_u_back:
	int 0x80
.pde_u_done:
	call pf_result
	CHECK eax, 0x105, "cpl3 read, PDE U=0, PTE U=1"
	or dword [PDE_PT1], PTE_U
	and dword [PDE_PT1], ~PTE_W
	mov eax, cr3
	mov cr3, eax
	TRY .pde_w_back
	mov eax, .pde_w
	mov ebx, FL_R3
	call run_ring3
	jmp .pde_w_done
.pde_w:	mov [PT1PAGE], eax
.pde_w_back:
	int 0x80
.pde_w_done:
	call pf_result
	CHECK eax, 0x107, "cpl3 write, PDE W=0, PTE W=1"
	mov eax, [PT1PAGE]
	CHECK eax, 0xAAAA0001, "cpl0 read through a PDE with W=0"
	or dword [PDE_PT1], PTE_W
	mov eax, cr3
	mov cr3, eax

	; --- accessed and dirty bits
	and dword [PAGE_DIR], ~PTE_A
	mov dword [PTE(ADPAGE)], ADPAGE | PTE_P | PTE_W | PTE_U
	mov eax, cr3
	mov cr3, eax
	mov eax, [ADPAGE]
	mov eax, [PTE(ADPAGE)]
	and eax, PTE_A | PTE_D
	CHECK eax, PTE_A, "read sets A, not D"
	mov eax, [PAGE_DIR]
	and eax, PTE_A | PTE_D
	CHECK eax, PTE_A, "walk sets A in the PDE"
	mov [ADPAGE + 4], eax
	mov eax, [PTE(ADPAGE)]
	and eax, PTE_A | PTE_D
	CHECK eax, PTE_A | PTE_D, "write sets D"
	mov dword [PTE(ADPAGE)], ADPAGE | PTE_P | PTE_U
	invlpg [ADPAGE]
	TRY .ad_back
	mov eax, .ad_w
	mov ebx, FL_R3
	call run_ring3
	jmp .ad_done
.ad_w:	mov [ADPAGE], eax
.ad_back:
	int 0x80
.ad_done:
	call pf_result
	CHECK eax, 0x107, "cpl3 write to a read-only page"
	mov eax, [PTE(ADPAGE)]
	and eax, PTE_D
	CHECK eax, 0, "a faulting write leaves D clear"
	mov dword [PTE(ADPAGE)], ADPAGE | PTE_P | PTE_W | PTE_U
	invlpg [ADPAGE]

	; --- not-present faults
	TRY .np1_done
.np1:	mov eax, [HOLE + 0x123]
.np1_done:
	EXPECT 14, 0, .np1, "cpl0 read, not present"
	CHECK [v_cr2], HOLE + 0x123, "cpl0 read, not present: CR2"
	TRY .np2_done
.np2:	mov byte [HOLE + 0x2345], 1
.np2_done:
	EXPECT 14, 2, .np2, "cpl0 write, not present"
	CHECK [v_cr2], HOLE + 0x2345, "cpl0 write, not present: CR2"
	TRY .np3_done
.np3:	mov eax, [0xFF000000]
.np3_done:
	EXPECT 14, 0, .np3, "cpl0 read, PDE not present"
	CHECK [v_cr2], 0xFF000000, "cpl0 read, PDE not present: CR2"
	TRY .np4_back
	mov eax, .np4
	mov ebx, FL_R3
	call run_ring3
	jmp .np4_done
.np4:	mov [HOLE + 8], eax
.np4_back:
	int 0x80
.np4_done:
	EXPECT 14, 6, .np4, "cpl3 write, not present"
	TRY .np5_done
	mov eax, HOLE + 0x3000
	call eax
.np5_done:
	EXPECT 14, 0, HOLE + 0x3000, "cpl0 fetch, not present"
	CHECK [v_cr2], HOLE + 0x3000, "cpl0 fetch, not present: CR2"
	mov dword [TESTPAGE - 4], 0x22222222
	mov dword [PTE(TESTPAGE)], TESTPAGE | PTE_P | PTE_U
	invlpg [TESTPAGE]
	mov al, 1
	call set_wp
	TRY .cross_done
.cross:	mov dword [TESTPAGE - 2], 0x33333333
.cross_done:
	EXPECT 14, 3, .cross, "write crossing into a read-only page (WP=1)"
	CHECK [v_cr2], TESTPAGE, "crossing write: CR2 is the second page"
	CHECK [TESTPAGE - 4], 0x22222222, "crossing write: first page untouched"
	xor al, al
	call set_wp

	; --- 4 MB pages
	mov dword [BIG_ALIAS + 0x10], 0x4B4B4B4B
	mov eax, [0x400010]
	CHECK eax, 0x4B4B4B4B, "4 MB page aliases physical 4 MB"
	mov eax, [PAGE_DIR + 8]
	and eax, PTE_A | PTE_D
	CHECK eax, PTE_A | PTE_D, "4 MB page: A and D in the PDE"
	mov dword [PAGE_DIR + (BIG_SUPER >> 22) * 4], 0x400000 | PDE_PS | PTE_P
	TRY .big_back
	mov eax, .big
	mov ebx, FL_R3
	call run_ring3
	jmp .big_done
.big:	mov eax, [BIG_SUPER + 0x10]
.big_back:
	int 0x80
.big_done:
	call pf_result
	CHECK eax, 0x105, "cpl3 read of a supervisor 4 MB page"
	CHECK [v_cr2], BIG_SUPER + 0x10, "supervisor 4 MB page: CR2"

	; --- invlpg, CR3 reload, global pages
	mov dword [PTE(REMAP)], FRAME_A | PTE_P | PTE_W
	invlpg [REMAP]
	mov eax, [REMAP]
	mov dword [PTE(REMAP)], FRAME_B | PTE_P | PTE_W
	invlpg [REMAP]
	mov eax, [REMAP]
	CHECK eax, 0xBBBB0002, "invlpg: new mapping seen"
	mov dword [PTE(REMAP)], FRAME_A | PTE_P | PTE_W
	mov eax, cr3
	mov cr3, eax
	mov eax, [REMAP]
	CHECK eax, 0xAAAA0001, "CR3 reload: new mapping seen"
	mov eax, cr4
	or eax, CR4_PGE
	mov cr4, eax
	mov dword [PTE(GLOBALPAGE)], FRAME_A | PTE_P | PTE_W | PTE_G
	invlpg [GLOBALPAGE]
	mov eax, [GLOBALPAGE]
	CHECK eax, 0xAAAA0001, "global page mapped"
	mov dword [PTE(GLOBALPAGE)], FRAME_B | PTE_P | PTE_W | PTE_G
	invlpg [GLOBALPAGE]
	mov eax, [GLOBALPAGE]
	CHECK eax, 0xBBBB0002, "invlpg flushes a global page"
	mov dword [PTE(GLOBALPAGE)], FRAME_A | PTE_P | PTE_W | PTE_G
	mov eax, cr4
	and eax, ~CR4_PGE
	mov cr4, eax
	or eax, CR4_PGE
	mov cr4, eax
	mov eax, [GLOBALPAGE]
	CHECK eax, 0xAAAA0001, "toggling CR4.PGE flushes global pages"
	mov eax, cr3
	and eax, 0xFFFFF000
	CHECK eax, PAGE_DIR, "CR3 reads back"
	jmp finish32
