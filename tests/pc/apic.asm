; Flat guest for the APICs: with the 8259 masked, the I/O APIC routes the
; PIT (ISA IRQ0, pin 2) to the local APIC; the guest takes those interrupts
; (in service during the handler, gone after EOI), holds them back with the
; task priority, runs the local APIC timer one-shot and periodic against
; the PM timer, and sends itself an IPI.  "ok NAME" / "bad NAME" per check
; on port 0xE9, then soft off if all were ok (report.inc).  Runs on mimic's
; PC and, to prove the guest right, under qemu-system-i386 (after SeaBIOS,
; through mbboot.asm).  Ref: Intel SDM Vol. 3A ch. 10; 82093AA datasheet.
	bits 32
	org 0x100000
PIC1_DATA  equ 0x21
PIC2_DATA  equ 0xa1
PIT_CH0    equ 0x40
PIT_CMD    equ 0x43
%include "tests/pc/pm.inc"
%include "tests/pc/gate.inc"
CODE_SEL   equ 0x08
DATA_SEL   equ 0x10
MSR_APIC_BASE equ 0x1b
LAPIC      equ 0xfee00000
L_ID       equ LAPIC + 0x20
L_TPR      equ LAPIC + 0x80
L_EOI      equ LAPIC + 0xb0
L_SVR      equ LAPIC + 0xf0
L_ISR      equ LAPIC + 0x100
L_IRR      equ LAPIC + 0x200
L_ICR_LO   equ LAPIC + 0x300
L_ICR_HI   equ LAPIC + 0x310
L_LVT_TIMER equ LAPIC + 0x320
L_TIMER_ICR equ LAPIC + 0x380
L_TIMER_CCR equ LAPIC + 0x390
L_TIMER_DCR equ LAPIC + 0x3e0
IOAPIC     equ 0xfec00000
IOREGSEL   equ IOAPIC
IOWIN      equ IOAPIC + 0x10
PIT_PIN    equ 2			; ISA IRQ0 on the I/O APIC (MADT override)
V_PIT      equ 0x30
V_ONESHOT  equ 0x40
V_PERIODIC equ 0x41
V_IPI      equ 0x50
V_SPURIOUS equ 0xff
PIT_PERIOD equ 11932		; 100 Hz
PM_HZ      equ 3579545
PM_MS      equ 3580		; PM ticks in a millisecond, rounded up
WAIT_MAX   equ 2 * PM_HZ	; 2 s: a wait that long has failed
PIT_TICKS  equ 10
DIV16      equ 0x03		; timer divide configuration: by 16
; The timer's clock before the divider is 1 GHz in mimic (LAPIC_BUS_HZ) and
; in qemu-system-i386.
ONESHOT_COUNT equ 1000000	; 16 ms at 1 GHz / 16
ONESHOT_PM equ 16 * PM_MS - PM_MS	; at least 15 ms of PM ticks (rounding)
PERIOD_COUNT equ 125000		; 2 ms
PERIODS    equ 10
PERIODS_PM equ PERIODS * 2 * PM_MS - PM_MS

start:
	xor ebp, ebp			; bad checks
	lgdt [gdtr]
	jmp CODE_SEL:.flat
.flat:	mov ax, DATA_SEL
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov esp, stack_top
	call build_idt
	lidt [idtr]
	PM_ENABLE
	mov al, 0xff			; the 8259s stay out of it
	out PIC1_DATA, al
	out PIC2_DATA, al

; CPUID.1:EDX bit 9, and IA32_APIC_BASE: the default base, enabled.
	mov eax, 1
	cpuid
	and edx, 1 << 9
	cmp edx, 1 << 9
	mov esi, n_cpuid
	call verdict
	mov ecx, MSR_APIC_BASE
	rdmsr
	and eax, 0xfffff800
	cmp eax, LAPIC | 0x800
	mov esi, n_msr
	call verdict

; I/O APIC version register: 24 redirection entries.
	mov dword [IOREGSEL], 1
	mov eax, [IOWIN]
	shr eax, 16
	cmp al, 23
	mov esi, n_ioapic
	call verdict

; Software-enable the local APIC; route pin 2 (edge, fixed, physical) to
; this APIC's ID; PIT at 100 Hz.
	mov dword [L_SVR], 0x100 | V_SPURIOUS
	mov dword [L_TPR], 0
	mov eax, [L_ID]
	mov dword [IOREGSEL], 0x10 + 2 * PIT_PIN + 1
	mov [IOWIN], eax		; destination: bits 24-31
	mov dword [IOREGSEL], 0x10 + 2 * PIT_PIN
	mov dword [IOWIN], V_PIT
	mov al, 0x34
	out PIT_CMD, al
	mov al, PIT_PERIOD & 0xff
	out PIT_CH0, al
	mov al, PIT_PERIOD >> 8
	out PIT_CH0, al
	sti
	mov esi, pit_ticks
	mov ecx, PIT_TICKS
	call wait_for
	cmp dword [pit_ticks], PIT_TICKS
	jb .pit
	cmp dword [isr_wrong], 0
.pit:	mov esi, n_pit
	call verdict

; TPR 0x30 holds vector 0x30 back (its class): no tick for 50 ms while its
; IRR bit is set; TPR 0 lets it in at once.
	mov dword [L_TPR], 0x30
	mov ebx, [pit_ticks]
	mov esi, never
	mov ecx, 1
	mov edi, 50 * PM_MS
	call wait_limit
	cmp ebx, [pit_ticks]
	jne .tpr_bad			; a tick got through
	test dword [L_IRR + 0x10], 1 << (V_PIT - 32)
	jz .tpr_bad			; none is waiting
	mov dword [L_TPR], 0
	mov ecx, 1000
.spin:	loop .spin
	cmp ebx, [pit_ticks]
	je .tpr_bad			; not taken at once
	cmp eax, eax
	jmp .tpr
.tpr_bad:
	test esp, esp			; ZF clear
.tpr:	mov esi, n_tpr
	call verdict

; Stop the PIT's route; the local APIC timer, one-shot, by 16.
	mov dword [IOREGSEL], 0x10 + 2 * PIT_PIN
	mov dword [IOWIN], 0x10000 | V_PIT
	mov dword [L_TIMER_DCR], DIV16
	mov dword [L_LVT_TIMER], V_ONESHOT
	mov dx, PM_TMR
	in eax, dx
	mov [t0], eax
	mov dword [L_TIMER_ICR], ONESHOT_COUNT
	mov eax, [L_TIMER_CCR]
	test eax, eax
	jz .oneshot_bad
	cmp eax, ONESHOT_COUNT
	ja .oneshot_bad
	mov esi, oneshot_ticks
	mov ecx, 1
	call wait_for
	mov eax, [oneshot_at]
	sub eax, [t0]
	and eax, 0xffffff
	cmp eax, ONESHOT_PM
	jb .oneshot_bad
	mov esi, never			; no second one in the next 50 ms
	mov ecx, 1
	mov edi, 50 * PM_MS
	call wait_limit
	cmp dword [oneshot_ticks], 1
	jne .oneshot
	cmp dword [L_TIMER_CCR], 0
	jmp .oneshot
.oneshot_bad:
	test esp, esp
.oneshot:
	mov esi, n_oneshot
	call verdict

; Periodic: PERIODS interrupts take at least PERIODS periods; a count of 0
; stops it.
	mov dword [L_LVT_TIMER], 0x20000 | V_PERIODIC
	mov dx, PM_TMR
	in eax, dx
	mov [t0], eax
	mov dword [L_TIMER_ICR], PERIOD_COUNT
	mov esi, periodic_ticks
	mov ecx, PERIODS
	call wait_for
	mov dword [L_TIMER_ICR], 0
	mov ebx, eax			; PM ticks the periods took
	cmp dword [periodic_ticks], PERIODS
	jb .periodic
	cmp ebx, PERIODS_PM
	jb .periodic_bad
	mov ebx, [periodic_ticks]
	mov esi, never
	mov ecx, 1
	mov edi, 20 * PM_MS
	call wait_limit
	cmp ebx, [periodic_ticks]
	jmp .periodic
.periodic_bad:
	test esp, esp
.periodic:
	mov esi, n_periodic
	call verdict

; A fixed IPI to self (shorthand 01).
	mov dword [L_ICR_HI], 0
	mov dword [L_ICR_LO], 0x40000 | V_IPI
	mov ecx, 1000
.ipi:	loop .ipi
	cmp dword [ipis], 1
	mov esi, n_ipi
	call verdict

; Nothing else arrived: no other vector, no spurious interrupt.
	cli
	mov eax, [stray]
	or eax, [spurious]
	mov esi, n_stray
	call verdict
	jmp finish

; Waits (interrupts on) until the dword at esi reaches ecx or WAIT_MAX PM
; ticks passed; eax = PM ticks waited.
wait_for:
	mov edi, WAIT_MAX
; The same with edi PM ticks at most.
wait_limit:
	push ebx
	mov dx, PM_TMR
	in eax, dx
	mov ebx, eax
.poll:	cmp [esi], ecx
	jae .done
	in eax, dx
	sub eax, ebx
	and eax, 0xffffff
	cmp eax, edi
	jb .poll
.done:	in eax, dx
	sub eax, ebx
	and eax, 0xffffff
	pop ebx
	ret

; Handlers.  The PIT's checks its vector is in service and leaves it after
; EOI.
pit_irq:
	push eax
	inc dword [pit_ticks]
	test dword [L_ISR + 0x10], 1 << (V_PIT - 32)
	jnz .in
	inc dword [isr_wrong]
.in:	mov dword [L_EOI], 0
	test dword [L_ISR + 0x10], 1 << (V_PIT - 32)
	jz .out
	inc dword [isr_wrong]
.out:	pop eax
	iret

oneshot_irq:
	push eax
	push edx
	mov dx, PM_TMR
	in eax, dx
	mov [oneshot_at], eax
	inc dword [oneshot_ticks]
	mov dword [L_EOI], 0
	pop edx
	pop eax
	iret

periodic_irq:
	inc dword [periodic_ticks]
	mov dword [L_EOI], 0
	iret

ipi_irq:
	inc dword [ipis]
	mov dword [L_EOI], 0
	iret

spurious_irq:				; no EOI for the spurious vector
	inc dword [spurious]
	iret

stray_irq:
	inc dword [stray]
	mov dword [L_EOI], 0
	iret

; Every gate: a 32-bit interrupt gate to stray_irq but the five above.
build_idt:
	mov edi, idt
	xor ecx, ecx
.gate:	mov eax, stray_irq
	cmp ecx, V_PIT
	cmove eax, [h_pit]
	cmp ecx, V_ONESHOT
	cmove eax, [h_oneshot]
	cmp ecx, V_PERIODIC
	cmove eax, [h_periodic]
	cmp ecx, V_IPI
	cmove eax, [h_ipi]
	cmp ecx, V_SPURIOUS
	cmove eax, [h_spurious]
	SET_GATE
	inc ecx
	cmp ecx, 256
	jb .gate
	ret

%include "tests/pc/report.inc"

n_cpuid:    db "cpuid_apic", 0
n_msr:      db "apic_base_msr", 0
n_ioapic:   db "ioapic_version", 0
n_pit:      db "pit_through_ioapic", 0
n_tpr:      db "tpr_masks", 0
n_oneshot:  db "lapic_timer_one_shot", 0
n_periodic: db "lapic_timer_periodic", 0
n_ipi:      db "self_ipi", 0
n_stray:    db "no_stray_interrupts", 0

	align 4
h_pit:      dd pit_irq
h_oneshot:  dd oneshot_irq
h_periodic: dd periodic_irq
h_ipi:      dd ipi_irq
h_spurious: dd spurious_irq
pit_ticks:  dd 0
isr_wrong:  dd 0
oneshot_ticks: dd 0
oneshot_at: dd 0
periodic_ticks: dd 0
ipis:       dd 0
spurious:   dd 0
stray:      dd 0
never:      dd 0
t0:         dd 0
gdtr:	dw 3 * 8 - 1
	dd gdt
idtr:	dw 256 * 8 - 1
	dd idt
	align 8
gdt:	dq 0
	dq 0x00cf9a000000ffff		; flat 32-bit code
	dq 0x00cf92000000ffff		; flat data
idt:	times 256 * 8 db 0
	times 1024 db 0
stack_top:
