/* The PIIX4 power management function (PCI 00:01.3, 8086:7113): the ACPI
 * PM1 event and control registers and the 24-bit PM timer in a 64-byte I/O
 * block at PMBA, SCI on IRQ9, soft off through PMCNTRL, the SMBus host
 * controller (no devices on the bus) at SMBBA, and the APM control and
 * status ports 0xB2/0xB3. Ref: Intel 82371AB (PIIX4) datasheet, sections
 * 3.4 (function 3 configuration) and 7 (power management); ACPI 1.0b. */
#ifndef MIMIC_DEVICES_PIIX4PM_H
#define MIMIC_DEVICES_PIIX4PM_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/clock.h"
#include "devices/ioport.h"
#include "devices/irq.h"
#include "devices/pci.h"
#include "devices/sysctl.h"

#define PIIX4PM_VENDOR   0x8086
#define PIIX4PM_DEVICE   0x7113
#define PIIX4PM_FUNCTION 3		/* of the PIIX device (00:01) */
#define PIIX4PM_TIMER_HZ 3579545u	/* the PM timer's clock */

/* Configuration registers. */
#define PIIX4PM_PMBA      0x40	/* PM I/O base, bits 15-6; bit 0 reads 1 */
#define PIIX4PM_DEVACTB   0x58	/* device activity B (dword) */
#define PIIX4PM_APMC_EN   0x02	/* in DEVACTB's top byte: SMI on 0xB2 writes */
#define PIIX4PM_PMREGMISC 0x80
#define PIIX4PM_PMIOSE    0x01	/* PMREGMISC: PM I/O block decoded */
#define PIIX4PM_SMBBA     0x90	/* SMBus I/O base, bits 15-4; bit 0 reads 1 */
#define PIIX4PM_SMBHSTCFG 0xd2
#define PIIX4PM_SMB_HST_EN 0x01	/* SMBHSTCFG: SMBus host I/O decoded */
#define PIIX4PM_SMB_INTRSEL 0x0e	/* SMBHSTCFG: interrupt select */
#define PIIX4PM_SMB_IRQ9  0x08	/* SMBHSTCFG interrupt select: IRQ9 */

/* The PM I/O block (offsets from PMBA). */
#define PIIX4PM_IO_LEN   64
#define PIIX4PM_PMSTS    0x00	/* 16-bit, write 1 to clear */
#define PIIX4PM_PMEN     0x02	/* 16-bit */
#define PIIX4PM_PMCNTRL  0x04	/* 16-bit */
#define PIIX4PM_PMTMR    0x08	/* 32-bit, read-only: 24-bit count */
#define PIIX4PM_TMROF    0x0001	/* PMSTS/PMEN: timer bit 23 changed */
#define PIIX4PM_GBL      0x0020	/* PMSTS/PMEN: BIOS released global lock */
#define PIIX4PM_PWRBTN   0x0100	/* PMSTS/PMEN: power button */
#define PIIX4PM_RTC      0x0400	/* PMSTS/PMEN: RTC alarm */
#define PIIX4PM_PMEN_BITS (PIIX4PM_TMROF | PIIX4PM_GBL | PIIX4PM_PWRBTN | PIIX4PM_RTC)
#define PIIX4PM_PMSTS_BITS 0x8d31	/* TMROF BM GBL PWRBTN RTC PWRBTNOR WAK */
#define PIIX4PM_SCI_EN   0x0001	/* PMCNTRL: events raise SCI, not SMI */
#define PIIX4PM_GBL_RLS  0x0004	/* PMCNTRL: write-only */
#define PIIX4PM_SUS_TYP(v) (((v) >> 10) & 7)
#define PIIX4PM_SUS_EN   0x2000	/* PMCNTRL: write-only, enter SUS_TYP */
#define PIIX4PM_SUS_SOFT_OFF 0	/* SUS_TYP 000: soft off (ACPI S5) */
#define PIIX4PM_PMCNTRL_BITS 0x1c03	/* SCI_EN BRLD_EN_BM SUS_TYP */

/* The SMBus host registers (offsets from SMBBA). */
#define PIIX4PM_SMB_LEN     16
#define PIIX4PM_SMBHSTSTS   0x00	/* write 1 to clear */
#define PIIX4PM_SMB_HOST_BUSY 0x01
#define PIIX4PM_SMB_INTER   0x02	/* transaction done */
#define PIIX4PM_SMB_DEV_ERR 0x04	/* no device acknowledged */
#define PIIX4PM_SMB_STS_BITS 0x1e	/* INTER DEV_ERR BUS_ERR FAILED */
#define PIIX4PM_SMBHSTCNT   0x02
#define PIIX4PM_SMB_INTEREN 0x01	/* SMBHSTCNT: interrupt at completion */
#define PIIX4PM_SMB_START   0x40	/* SMBHSTCNT: write-only */

/* APM control (write: the OS's SMI command) and status (scratch). */
#define PIIX4PM_APMC 0xb2
#define PIIX4PM_APMS 0xb3
#define PIIX4PM_ACPI_ENABLE  0xf1	/* APMC commands of SeaBIOS's FADT */
#define PIIX4PM_ACPI_DISABLE 0xf0

struct piix4pm_state {
	struct pci_function fn;
	struct dev_clock clock;
	struct irq_line sci;		/* IRQ9 */
	struct sys_ctl ctl;		/* soft off */
	struct ioport_bus *io;
	int pm_range, smb_range;	/* movable ranges on io */
	uint16_t pmsts, pmen, pmcntrl;
	uint8_t held[PIIX4PM_IO_LEN];	/* other PM registers: kept, no effect */
	uint64_t tmr_msb_seen;		/* timer ticks >> 23 when last looked */
	uint8_t smb[PIIX4PM_SMB_LEN];
	uint8_t apmc, apms;
	bool sci_level;
	bool said_held, said_sleep, said_smi, said_overlap;
};

/* Adds the function at 00:01.3 and its ports; false if taken. */
bool piix4pm_init(struct piix4pm_state *s, struct pci_bus *pci,
		  struct ioport_bus *io, struct dev_clock clock,
		  struct irq_line sci, struct sys_ctl ctl);
void piix4pm_reset(struct piix4pm_state *s);
/* The 24-bit PM timer now. */
uint32_t piix4pm_timer(struct piix4pm_state *s);
/* Timer service: TMROF_STS when bit 23 of the timer changes. */
void piix4pm_update(struct piix4pm_state *s);
/* Guest ns when TMROF_STS sets with TMROF_EN on, CLOCK_NEVER if no event
 * is pending. */
uint64_t piix4pm_next_deadline(struct piix4pm_state *s);

#endif
