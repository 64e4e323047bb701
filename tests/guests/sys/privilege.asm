; Privilege levels: ring 3 entered by iret, ring 0 re-entered through
; interrupt gates and call gates with the TSS stack switch, what ring 3 may
; not do (#GP), IOPL and the TSS I/O permission bitmap for in/out, cli/sti and
; popf per CPL and IOPL, data segments nulled on the way out, sysenter/sysexit.
%define AREA "privilege"
%include "sys.inc"
%include "pm.inc"

SEL_CGATE	equ SEL_FREE		; call gate DPL 3 -> gate_target, 2 parameters
SEL_CGATE0	equ SEL_FREE + 0x08	; call gate DPL 0
MSR_SYSENTER_CS	equ 0x174
MSR_SYSENTER_ESP equ 0x175
MSR_SYSENTER_EIP equ 0x176
SYSENTER_STACK	equ STACK0_TOP - 0x400
FL_R3		equ 0x0002		; ring-3 EFLAGS: IOPL 0, IF clear
GATE_FRAME	equ v_scratch		; what the call gate found on its stack
SYSENTER_SEEN	equ v_scratch + 40	; CS, SS, ESP, EFLAGS at the sysenter target

; R3 "what", eflags, instruction...: runs the instructions in ring 3, then
; int 0x80 back; with a "what", checks that no exception came.
%macro R3 2-*
	mov dword [v_count], 0
	mov eax, %%code
	mov ebx, %2
	call run_ring3
	jmp %%done
%%code:
%rep %0 - 2
	%3
%rotate 1
%endrep
	int 0x80
%%done:
%rotate 2
%ifnidn %1, ""
	CHECK [v_count], 0, %1
%endif
%endmacro

; R3FAULT vector, error, "what", eflags, instruction: that instruction faults.
%macro R3FAULT 5
	TRY %%back
	mov eax, %%insn
	mov ebx, %4
	call run_ring3
	jmp %%done
%%insn:	%5
%%back:	int 0x80
%%done:
	EXPECT %1, %2, %%insn, %3
%endmacro

main16	equ go_pm32

	bits 32
main32:
	mov edi, GDT_BASE + SEL_CGATE
	mov eax, gate_target
	mov ebx, KCODE
	mov dx, 0xEC02
	call make_gate
	mov edi, GDT_BASE + SEL_CGATE0
	mov dx, 0x8C02
	call make_gate

	; --- into ring 3 and back through an interrupt gate
	mov ax, KDATA
	mov fs, ax
	mov ax, UDATA
	mov gs, ax
	R3 "", FL_R3, {mov eax, cs}, {mov ebx, ss}, {mov ecx, ds}, {mov edx, fs}, {mov esi, gs}, {mov edi, esp}
	CHECK [v_regs + REG_EAX], UCODE, "iret to ring 3: CS"
	CHECK [v_regs + REG_EBX], UDATA, "iret to ring 3: SS"
	CHECK [v_regs + REG_ECX], UDATA, "iret to ring 3: DS"
	CHECK [v_regs + REG_EDX], 0, "iret to ring 3 nulls FS holding DPL 0 data"
	CHECK [v_regs + REG_ESI], UDATA, "iret to ring 3 keeps GS holding DPL 3 data"
	CHECK [v_regs + REG_EDI], STACK3_TOP, "iret to ring 3: ESP"
	CHECK [v_sys_frame + 4], UCODE, "int from ring 3: saved CS"
	CHECK [v_sys_frame + 12], STACK3_TOP, "int from ring 3: saved ESP"
	CHECK [v_sys_frame + 16], UDATA, "int from ring 3: saved SS"
	CHECK [v_sys_esp], STACK0_TOP - 20, "int from ring 3: stack from TSS.ESP0"
	mov ax, KDATA
	mov fs, ax
	mov gs, ax

	; --- what ring 3 may not do
	R3FAULT 13, 0, "ring 3 hlt", FL_R3, hlt
	R3FAULT 13, 0, "ring 3 mov from CR0", FL_R3, {mov eax, cr0}
	R3FAULT 13, 0, "ring 3 lgdt", FL_R3, {lgdt [gdtr_value]}
	R3FAULT 13, 0, "ring 3 rdmsr", FL_R3, rdmsr
	R3FAULT 13, 0x81 * 8 + 2, "ring 3 int through a DPL 0 gate", FL_R3, {int 0x81}
	R3FAULT 13, KDATA, "ring 3 DS <- DPL 0 data", FL_R3, {mov ds, [kdata_sel]}
	R3FAULT 13, SEL_CGATE0, "ring 3 call through a DPL 0 call gate", FL_R3, {call SEL_CGATE0 | 3:0}
	CHECK [v_ss], UDATA, "ring 3 fault: saved SS"
	CHECK [v_esp], STACK3_TOP, "ring 3 fault: saved ESP"

	; --- IOPL and the I/O permission bitmap
	R3FAULT 13, 0, "ring 3 out, IOPL 0, port denied", FL_R3, {out 0x80, al}
	R3FAULT 13, 0, "ring 3 in, IOPL 0, port denied", FL_R3, {in al, 0x80}
	and byte [TSS_BASE + TSS_IOMAP + 0x80 / 8], ~1	; allow port 0x80
	R3 "ring 3 out, IOPL 0, port allowed by the bitmap", FL_R3, {out 0x80, al}
	R3 "ring 3 in dx, IOPL 0, port allowed", FL_R3, {mov dx, 0x80}, {in al, dx}
	R3FAULT 13, 0, "ring 3 word out over an allowed and a denied port", FL_R3, {out 0x80, ax}
	R3FAULT 13, 0, "ring 3 out, IOPL 0, the next port denied", FL_R3, {out 0x81, al}
	or byte [TSS_BASE + TSS_IOMAP + 0x80 / 8], 1
	R3 "ring 3 out with IOPL 3 ignores the bitmap", FL_R3 | EFL_IOPL3, {out 0x80, al}

	; --- cli, sti, popf
	R3FAULT 13, 0, "ring 3 cli with IOPL 0", FL_R3, cli
	R3FAULT 13, 0, "ring 3 sti with IOPL 0", FL_R3, sti
	R3 "", FL_R3 | EFL_IOPL3 | EFL_IF, cli, pushfd, {pop eax}
	and dword [v_regs + REG_EAX], EFL_IF | EFL_IOPL3
	CHECK [v_regs + REG_EAX], EFL_IOPL3, "ring 3 cli with IOPL 3 clears IF"
	R3 "", FL_R3 | EFL_IF, {push dword 0x3002}, popfd, pushfd, {pop eax}
	and dword [v_regs + REG_EAX], EFL_IF | EFL_IOPL3
	CHECK [v_regs + REG_EAX], EFL_IF, "ring 3 popf with IOPL 0 keeps IF and IOPL"
	R3 "", FL_R3 | EFL_IF | EFL_IOPL3, {push dword 0x0002}, popfd, pushfd, {pop eax}
	and dword [v_regs + REG_EAX], EFL_IF | EFL_IOPL3
	CHECK [v_regs + REG_EAX], EFL_IOPL3, "ring 3 popf with IOPL 3 changes IF, keeps IOPL"
	push dword 0x3002
	popfd
	pushfd
	pop eax
	push dword 0x0002
	popfd
	and eax, EFL_IF | EFL_IOPL3
	CHECK eax, EFL_IOPL3, "ring 0 popf changes IOPL"

	; --- call gate with parameters and the stack switch
	R3 "", FL_R3, {push dword 0x1111}, {push dword 0x2222}, {call SEL_CGATE | 3:0}, {mov eax, esp}, {mov ebx, cs}
	CHECK [GATE_FRAME], 0xC0DE, "call gate: runs ring-0 code"
	CHECK [GATE_FRAME + 4], KCODE, "call gate: CS from the gate"
	CHECK [GATE_FRAME + 8], KDATA, "call gate: SS from TSS.SS0"
	CHECK [GATE_FRAME + 12], STACK0_TOP - 24, "call gate: ESP from TSS.ESP0 minus the frame"
	CHECK [GATE_FRAME + 16], 0x2222, "call gate: first parameter copied"
	CHECK [GATE_FRAME + 20], 0x1111, "call gate: second parameter copied"
	CHECK [GATE_FRAME + 24], STACK3_TOP - 8, "call gate: saved ESP"
	CHECK [GATE_FRAME + 28], UDATA, "call gate: saved SS"
	CHECK [GATE_FRAME + 32], UCODE, "call gate: saved CS"
	CHECK [v_regs + REG_EAX], STACK3_TOP, "retf 8 to ring 3 pops the parameters"
	CHECK [v_regs + REG_EBX], UCODE, "retf to ring 3: CS"

	; --- sysenter / sysexit
	xor edx, edx
	mov ecx, MSR_SYSENTER_CS
	mov eax, KCODE
	wrmsr
	mov ecx, MSR_SYSENTER_ESP
	mov eax, SYSENTER_STACK
	wrmsr
	mov ecx, MSR_SYSENTER_EIP
	mov eax, sysenter_target
	wrmsr
	mov ecx, MSR_SYSENTER_EIP
	rdmsr
	CHECK eax, sysenter_target, "rdmsr SYSENTER_EIP"
	mov eax, sysenter_r3
	mov ebx, FL_R3 | EFL_IF | EFL_IOPL3
	call run_ring3
	CHECK [SYSENTER_SEEN], KCODE, "sysenter: CS from the MSR"
	CHECK [SYSENTER_SEEN + 4], KDATA, "sysenter: SS = CS + 8"
	CHECK [SYSENTER_SEEN + 8], SYSENTER_STACK, "sysenter: ESP from the MSR"
	mov eax, [SYSENTER_SEEN + 12]
	and eax, EFL_IF
	CHECK eax, 0, "sysenter clears IF"
	CHECK [v_regs + REG_EAX], UCODE, "sysexit: CS = SYSENTER_CS + 16, RPL 3"
	CHECK [v_regs + REG_EBX], UDATA, "sysexit: SS = SYSENTER_CS + 24, RPL 3"
	CHECK [v_regs + REG_ESI], STACK3_TOP - 4, "sysexit: ESP from ECX"
	jmp finish32

sysenter_r3:
	push dword 0
	mov ecx, esp
	mov edx, .back
	sysenter
.back:	mov eax, cs
	mov ebx, ss
	mov esi, esp
	int 0x80

sysenter_target:
	xor eax, eax
	mov ax, cs
	mov [SYSENTER_SEEN], eax
	mov ax, ss
	mov [SYSENTER_SEEN + 4], eax
	mov [SYSENTER_SEEN + 8], esp
	pushfd
	pop dword [SYSENTER_SEEN + 12]
	sysexit

; Ring-0 end of the call gate: notes what it sees, returns with retf 8.
gate_target:
	mov dword [GATE_FRAME], 0xC0DE
	xor eax, eax
	mov ax, cs
	mov [GATE_FRAME + 4], eax
	mov ax, ss
	mov [GATE_FRAME + 8], eax
	mov [GATE_FRAME + 12], esp
	mov eax, [esp + 8]
	mov [GATE_FRAME + 16], eax
	mov eax, [esp + 12]
	mov [GATE_FRAME + 20], eax
	mov eax, [esp + 16]
	mov [GATE_FRAME + 24], eax
	mov eax, [esp + 20]
	mov [GATE_FRAME + 28], eax
	mov eax, [esp + 4]
	mov [GATE_FRAME + 32], eax
	retf 8

kdata_sel:
	dw KDATA
