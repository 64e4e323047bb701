/* The PC as one piece: the local APIC and I/O APIC, PIC pair, PIT,
 * RTC/CMOS, COM1, 8042, port 0x92, the coprocessor error latch (IRQ13,
 * port 0xF0), the debug ports, PCI (i440FX, PIIX3 with IDE, PIIX4 power
 * management), the primary ATA channel and fw_cfg on one I/O bus, IRQs
 * wired as on a PC/AT and to the I/O APIC's pins, the 8259 on LINT0. The
 * machine supplies time, the CPU's INTR line, A20/reset, the PAM map,
 * guest memory for DMA, the disk and the byte sinks; the CPU calls
 * ioport_read/ioport_write on pc->bus and maps the APICs' pages. */
#ifndef MIMIC_DEVICES_PC_H
#define MIMIC_DEVICES_PC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ata.h"
#include "devices/bytesink.h"
#include "devices/clock.h"
#include "devices/debugport.h"
#include "devices/fpuerr.h"
#include "devices/fwcfg.h"
#include "devices/i440fx.h"
#include "devices/i8042.h"
#include "devices/i8254.h"
#include "devices/i8259.h"
#include "devices/ioapic.h"
#include "devices/ioport.h"
#include "devices/lapic.h"
#include "devices/mc146818.h"
#include "devices/pci.h"
#include "devices/piix3.h"
#include "devices/piix4pm.h"
#include "devices/piixide.h"
#include "devices/port92.h"
#include "devices/sysctl.h"
#include "devices/uart16550.h"

#define PC_IRQ_PIT   0
#define PC_IRQ_KBD   1
#define PC_IRQ_COM2  3
#define PC_IRQ_COM1  4
#define PC_IRQ_RTC   8
#define PC_IRQ_SCI   9
#define PC_IRQ_MOUSE 12
#define PC_IRQ_FPU   13
#define PC_IRQ_IDE0  14
/* ISA IRQ n drives I/O APIC pin n, except the PIT's IRQ0 on pin 2 (the
 * interrupt source override SeaBIOS puts in its MADT and MP table). */
#define PC_IOAPIC_PIT_PIN 2

struct pc_config {
	struct dev_clock clock;		/* guest ns, monotonic */
	int64_t rtc_epoch_ns;		/* Unix time at clock zero */
	struct irq_line intr;		/* local APIC INTR -> CPU (may be a no-op) */
	struct sys_ctl ctl;		/* A20 sources, CPU reset, soft off */
	struct byte_sink com1_out;	/* guest serial console */
	struct byte_sink com2_out;	/* put == NULL: no COM2 */
	struct byte_sink debugcon;	/* port 0xE9 */
	struct byte_sink seabios_log;	/* port 0x402 */
	struct pam_map pam;		/* 0xC0000-0xFFFFF: ROM or RAM */
	struct fwcfg_dma dma;		/* guest memory for fw_cfg DMA */
	struct ata_disk disk0;		/* primary master (sectors 0: none) */
	uint64_t ram_below_4g, ram_above_4g;	/* for CMOS and fw_cfg */
	/* SeaBIOS's serial console ("etc/sercon-port" = COM1): its screen
	 * text goes to COM1 without a video option ROM. */
	bool bios_screen_on_com1;
};

#define PC_E820_ENTRIES 2
#define PC_E820_ENTRY   20	/* LE u64 address, u64 length, u32 type */

struct pc_devices {
	struct ioport_bus bus;
	struct lapic_state lapic;	/* MMIO: the machine maps lapic_read/_write */
	struct ioapic_state ioapic;	/* MMIO at IOAPIC_BASE: ioapic_read/_write */
	struct pic_state pic;
	struct pit_state pit;
	struct rtc_state rtc;
	struct uart_state com1, com2;
	struct kbd_state kbd;
	struct port92_state port92;
	struct fpuerr_state fpuerr;
	struct debugport_state debug;
	struct pci_bus pci;
	struct i440fx_state i440fx;
	struct piix3_state piix3;
	struct piixide_state piixide;
	struct piix4pm_state pm;
	struct ata_channel ide0;
	struct fwcfg_state fwcfg;
	uint8_t e820[PC_E820_ENTRIES * PC_E820_ENTRY];	/* "etc/e820" */
	uint8_t sercon_port[2];				/* "etc/sercon-port" */
};

/* False only if two devices claim one port (a host bug). */
bool pc_devices_init(struct pc_devices *pc, const struct pc_config *cfg);
/* The RESET line: every chip but the RTC's clock, CMOS RAM and the
 * fw_cfg items. */
void pc_devices_reset(struct pc_devices *pc);
/* Timer service: when pc_devices_next_deadline() (guest ns, CLOCK_NEVER if
 * none) has passed, call pc_devices_update(); INTR may then rise. */
void pc_devices_update(struct pc_devices *pc);
uint64_t pc_devices_next_deadline(struct pc_devices *pc);

#endif
