; Flat guest for the PC's wiring: talks to the chips through their ports and
; prints "ok NAME" or "bad NAME" per check on port 0xE9; with all ok it
; powers the machine off through the PIIX4's PM1a control register (ACPI
; S5), else it exits with the number of bad checks.  First it writes a line to the firmware log port 0x402.  Runs on mimic's PC and, as a reference for the test
; itself, under qemu-system-i386 -M pc (after SeaBIOS, through mbboot.asm)
; with the same boot disk.
	bits 32
	org 0x100000
CMOS_INDEX equ 0x70
CMOS_DATA  equ 0x71
FWCFG_SEL  equ 0x510
FWCFG_DATA equ 0x511
PCI_ADDR   equ 0xcf8
PCI_DATA   equ 0xcfc
PIT_CH0    equ 0x40
PIT_CMD    equ 0x43
PIC1_CMD   equ 0x20
PIC1_DATA  equ 0x21
ATA        equ 0x1f0
ATA_STATUS equ ATA + 7
ATA_BSY    equ 0x80
ATA_DRQ    equ 0x08
%include "tests/pc/pm.inc"
PM_SKEW    equ 700
SAMPLE_TIGHT equ 40		; PIT ticks (34 us) around a PM timer sample		; PM ticks the two timers may disagree by
SPIN_MAX   equ 1000000	; polls before a wait counts as failed (~3 s in mimic)

start:
	xor ebp, ebp			; bad checks
	mov esi, log_line		; the firmware log port (shown with debugcon=1)
	mov dx, 0x402
	call puts

; fw_cfg: key 0 reads the signature "QEMU".
	mov ax, 0
	mov dx, FWCFG_SEL
	out dx, ax
	call fwcfg_dword
	cmp eax, 'QEMU'
	mov esi, n_fwcfg
	call verdict

; CMOS 0x34/0x35 (RAM above 16 MB in 64 KB units) agrees with fw_cfg's RAM size (key 3).
	mov al, 0x35
	out CMOS_INDEX, al
	in al, CMOS_DATA
	mov bh, al
	mov al, 0x34
	out CMOS_INDEX, al
	in al, CMOS_DATA
	mov bl, al
	movzx ebx, bx
	shl ebx, 16
	add ebx, 16 << 20		; CMOS's idea of RAM in bytes
	mov ax, 3
	mov dx, FWCFG_SEL
	out dx, ax
	call fwcfg_dword
	cmp eax, ebx
	mov esi, n_cmos
	call verdict

; PCI 00:00.0 is the i440FX host bridge, 00:01.0 the PIIX3.
	mov eax, 0x80000000
	mov dx, PCI_ADDR
	out dx, eax
	mov dx, PCI_DATA
	in eax, dx
	cmp eax, 0x12378086
	jne .pci
	mov eax, 0x80000800
	mov dx, PCI_ADDR
	out dx, eax
	mov dx, PCI_DATA
	in eax, dx
	cmp eax, 0x70008086
.pci:	mov esi, n_pci
	call verdict

; Guest time: PIT counter 0 in mode 0 raises IRQ0 at terminal count, which
; the PIC latches in IRR (read through OCW3, no interrupt taken).
	mov al, 0x30			; counter 0, lobyte/hibyte, mode 0
	out PIT_CMD, al
	mov al, 0xff			; 55 ms: OUT stays low while the PIC is set up
	out PIT_CH0, al
	out PIT_CH0, al
	mov al, 0x11			; ICW1: edge, cascade, ICW4 follows
	out PIC1_CMD, al
	mov al, 0x08			; ICW2: vectors 8-15
	out PIC1_DATA, al
	mov al, 0x04			; ICW3: slave on IRQ2
	out PIC1_DATA, al
	mov al, 0x01			; ICW4: 8086 mode
	out PIC1_DATA, al
	mov al, 0xff			; all masked: IRR still latches
	out PIC1_DATA, al
	call read_irr			; ICW1 cleared the request latch
	test al, 1
	jnz .no_irq
	mov al, 0x30			; restart counter 0: 11932 ticks, 10 ms
	out PIT_CMD, al
	mov al, 11932 & 0xff
	out PIT_CH0, al
	mov al, 11932 >> 8
	out PIT_CH0, al
	mov ecx, SPIN_MAX
.tick:	call read_irr
	test al, 1
	jnz .irq
	loop .tick
.no_irq: or al, 1			; ZF clear: fail
	jmp .pit
.irq:	cmp eax, eax			; ZF set: pass
.pit:	mov esi, n_pit
	call verdict

; PIIX4 power management at 00:01.3; its PM timer, enabled at PM_BASE,
; runs at three times the PIT's rate (3.579545 vs 1.193182 MHz): sampled
; together with counter 0 over 10 ms, the two agree within 700 PM ticks
; (0.2 ms).  The first sample only warms the code up (translation
; in mimic takes guest time too).
	mov eax, 0x80000b00
	call pci_read
	cmp eax, 0x71138086
	mov esi, n_pm
	call verdict
	PM_ENABLE
	mov al, 0x30			; counter 0, lobyte/hibyte, mode 0
	out PIT_CMD, al
	mov al, 0xff			; 55 ms
	out PIT_CH0, al
	out PIT_CH0, al
	call sample_timers
	call sample_timers
	mov edi, ebx			; PM timer at the start
	mov si, ax			; counter 0 at the start
	mov ecx, SPIN_MAX
.count:	call sample_timers
	mov dx, si
	sub dx, ax			; PIT ticks so far
	cmp dx, 11932
	jae .ten_ms
	loop .count
.ten_ms: movzx eax, dx
	lea eax, [eax * 3]
	sub ebx, edi
	and ebx, 0xffffff		; PM ticks (24 bits)
	sub ebx, eax
	add ebx, PM_SKEW
	cmp ebx, 2 * PM_SKEW
	ja .pmtmr			; ZF clear: fail
	cmp eax, eax
.pmtmr:	mov esi, n_pmtmr
	call verdict

; The boot disk: IDENTIFY gives 2048 sectors (1 MB), sector 0 ends in 55 AA.
	mov al, 0xe0			; master, LBA
	mov dx, ATA + 6
	out dx, al
	mov al, 0xec			; IDENTIFY DEVICE
	mov dx, ATA_STATUS
	out dx, al
	call ata_sector
	mov eax, [buffer + 60 * 2]	; words 60-61: LBA28 sectors
	cmp eax, 2048
	jne .ata
	mov al, 0xe0
	mov dx, ATA + 6
	out dx, al
	mov al, 1			; one sector at LBA 0
	mov dx, ATA + 2
	out dx, al
	xor al, al
	mov dx, ATA + 3
	out dx, al
	inc dx
	out dx, al
	inc dx
	out dx, al
	mov al, 0x20			; READ SECTORS
	mov dx, ATA_STATUS
	out dx, al
	call ata_sector
	cmp word [buffer + 510], 0xaa55
.ata:	mov esi, n_ata
	call verdict

	jmp finish

; Reads the PM timer between two latches of counter 0 at most SAMPLE_TIGHT
; PIT ticks apart (else again: the host was held up between them, which a
; loaded host does to mimic and to qemu-system-i386 alike): ax = the
; first count, ebx = the PM timer.  Uses edx.
sample_timers:
	push ecx
.again:	call pit_count
	mov cx, ax
	mov dx, PM_TMR
	in eax, dx
	mov ebx, eax
	call pit_count
	xchg ax, cx
	mov dx, ax
	sub dx, cx
	cmp dx, SAMPLE_TIGHT
	ja .again
	pop ecx
	ret

; ax = counter 0, latched.
pit_count:
	xor al, al
	out PIT_CMD, al
	in al, PIT_CH0
	mov ah, al
	in al, PIT_CH0
	xchg al, ah
	ret

; eax = the config dword at the mechanism #1 address in eax.
pci_read:
	mov dx, PCI_ADDR
	out dx, eax
	mov dx, PCI_DATA
	in eax, dx
	ret

; eax = four bytes from the fw_cfg data port, first in the low byte.
fwcfg_dword:
	mov dx, FWCFG_DATA
	mov ecx, 4
.byte:	in al, dx
	ror eax, 8
	loop .byte
	ret

; al = master PIC's IRR.
read_irr:
	mov al, 0x0a			; OCW3: read IRR
	out PIC1_CMD, al
	in al, PIC1_CMD
	ret

; Waits for the drive (not BSY, DRQ) and reads 256 words into buffer.
ata_sector:
	call ata_wait
	mov dx, ATA
	mov edi, buffer
	mov ecx, 256
	test al, ATA_DRQ
	jz .none
.word:	in ax, dx
	mov [edi], ax
	add edi, 2
	loop .word
.none:	ret

%include "tests/pc/report.inc"
%include "tests/pc/ata_wait.inc"

log_line: db "log line on port 0x402", 10, 0
n_fwcfg: db "fwcfg_signature", 0
n_cmos:	 db "cmos_ram_size", 0
n_pci:	 db "pci_host_bridge", 0
n_pit:	 db "pit_irq0_in_irr", 0
n_ata:	 db "ata_boot_disk", 0
n_pm:	 db "piix4_pm", 0
n_pmtmr: db "pm_timer_rate", 0
	align 4
buffer:	times 512 db 0
