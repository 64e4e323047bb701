/* PIIX4 power management (PCI 00:01.3): PM1 event/control registers, the
 * PM timer from guest time, SCI, soft off, an SMBus host with nothing on
 * its bus, APM ports. Left out: SMI and everything it would drive (mimic's
 * CPU has no SMM; like QEMU's PIIX4 without SMM, APMC_EN reads set from
 * reset, so a BIOS takes SMM set-up as done), the sleep states other than
 * soft off, GPIO, device monitors and throttling (those registers keep what
 * is written). As on QEMU's PIIX4 without SMM, the PM starts in ACPI mode. Ref: Intel 82371AB (PIIX4) datasheet; ACPI 1.0b 4.7. */
#include "devices/piix4pm.h"

#include "devices/devlog.h"
#include "devices/piix3.h"

#define PIIX4PM_CLASS    0x068000	/* bridge, other */
#define PIIX4PM_REVISION 0x03
#define PMBA_MASK        0xffc0		/* 64-byte block */
#define SMBBA_MASK       0xfff0		/* 16-byte block */
#define TMR_BITS         0xffffffu
#define TMR_MSB_SHIFT    23

/* PM timer ticks since guest time 0 (no overflow for any 64-bit ns). */
static uint64_t ticks_at(uint64_t ns)
{
	return ns / NS_PER_SEC * PIIX4PM_TIMER_HZ +
	       ns % NS_PER_SEC * PIIX4PM_TIMER_HZ / NS_PER_SEC;
}

/* The first guest ns at which ticks_at() reaches ticks. */
static uint64_t ns_of_tick(uint64_t ticks)
{
	uint64_t part = ticks % PIIX4PM_TIMER_HZ * NS_PER_SEC;

	return ticks / PIIX4PM_TIMER_HZ * NS_PER_SEC +
	       (part + PIIX4PM_TIMER_HZ - 1) / PIIX4PM_TIMER_HZ;
}

static uint64_t ticks_now(struct piix4pm_state *s)
{
	return ticks_at(dev_clock_now(&s->clock));
}

uint32_t piix4pm_timer(struct piix4pm_state *s)
{
	return (uint32_t)(ticks_now(s) & TMR_BITS);
}

static bool smbus_interrupt(const struct piix4pm_state *s)
{
	uint8_t cfg = s->fn.config[PIIX4PM_SMBHSTCFG];

	return (cfg & PIIX4PM_SMB_INTRSEL) == PIIX4PM_SMB_IRQ9 &&
	       (s->smb[PIIX4PM_SMBHSTCNT] & PIIX4PM_SMB_INTEREN) &&
	       (s->smb[PIIX4PM_SMBHSTSTS] & PIIX4PM_SMB_STS_BITS);
}

/* IRQ9: an enabled PM event while SCI_EN routes events to SCI (without it
 * they would raise SMI), or the SMBus host's completion interrupt. */
static void update_sci(struct piix4pm_state *s)
{
	bool pm = (s->pmcntrl & PIIX4PM_SCI_EN) &&
		  (s->pmsts & s->pmen & PIIX4PM_PMEN_BITS);
	bool level = pm || smbus_interrupt(s);

	if (level != s->sci_level)
		irq_line_set(&s->sci, level);
	s->sci_level = level;
}

/* TMROF_STS: bit 23 of the timer changed since we last looked. */
static void sync_timer_status(struct piix4pm_state *s)
{
	uint64_t msb = ticks_now(s) >> TMR_MSB_SHIFT;

	if (msb != s->tmr_msb_seen)
		s->pmsts |= PIIX4PM_TMROF;
	s->tmr_msb_seen = msb;
}

void piix4pm_update(struct piix4pm_state *s)
{
	sync_timer_status(s);
	update_sci(s);
}

uint64_t piix4pm_next_deadline(struct piix4pm_state *s)
{
	if (!(s->pmen & PIIX4PM_TMROF) || (s->pmsts & PIIX4PM_TMROF))
		return CLOCK_NEVER;
	return ns_of_tick((s->tmr_msb_seen + 1) << TMR_MSB_SHIFT);
}

static uint16_t config_word(const struct piix4pm_state *s, uint8_t reg)
{
	return (uint16_t)(s->fn.config[reg] | s->fn.config[reg + 1] << 8);
}

static void map_block(struct piix4pm_state *s, int range, bool on,
		      uint16_t base)
{
	if (!on) {
		ioport_unmap(s->io, range);
		return;
	}
	if (!ioport_map(s->io, range, base))
		devlog_once(&s->said_overlap, "piix4-pm: I/O block at 0x%04x overlaps another device: "
			    "left unmapped", base);
}

/* PMBA/PMREGMISC and SMBBA/SMBHSTCFG place the two I/O blocks. */
static void remap(struct piix4pm_state *s)
{
	const uint8_t *c = s->fn.config;

	map_block(s, s->pm_range, c[PIIX4PM_PMREGMISC] & PIIX4PM_PMIOSE,
		  config_word(s, PIIX4PM_PMBA) & PMBA_MASK);
	map_block(s, s->smb_range, c[PIIX4PM_SMBHSTCFG] & PIIX4PM_SMB_HST_EN,
		  config_word(s, PIIX4PM_SMBBA) & SMBBA_MASK);
	update_sci(s);
}

static bool overlaps(uint8_t reg, int size, uint8_t first, int len)
{
	return reg < first + len && reg + size > first;
}

static void config_written(void *opaque, struct pci_function *f, uint8_t reg,
			   int size)
{
	(void)f;
	if (overlaps(reg, size, PIIX4PM_PMBA, 4) ||
	    overlaps(reg, size, PIIX4PM_PMREGMISC, 1) ||
	    overlaps(reg, size, PIIX4PM_SMBBA, 4) ||
	    overlaps(reg, size, PIIX4PM_SMBHSTCFG, 1))
		remap(opaque);
}

/* One byte of the PM block; tmr is the timer sampled once per access. */
static uint8_t pm_byte(const struct piix4pm_state *s, unsigned off,
		       uint32_t tmr)
{
	unsigned shift = 8 * (off & 1);

	switch (off & ~1u) {
	case PIIX4PM_PMSTS:
		return (uint8_t)(s->pmsts >> shift);
	case PIIX4PM_PMEN:
		return (uint8_t)(s->pmen >> shift);
	case PIIX4PM_PMCNTRL:
		return (uint8_t)(s->pmcntrl >> shift);
	case PIIX4PM_PMTMR:
	case PIIX4PM_PMTMR + 2:
		return (uint8_t)(tmr >> 8 * (off - PIIX4PM_PMTMR));
	default:
		return s->held[off];
	}
}

static uint32_t pm_read(void *opaque, uint16_t port, int size)
{
	struct piix4pm_state *s = opaque;
	unsigned off = port - s->io->ranges[s->pm_range].base;
	uint32_t tmr = piix4pm_timer(s), v = 0;

	sync_timer_status(s);
	for (int i = 0; i < size && off + i < PIIX4PM_IO_LEN; i++)
		v |= (uint32_t)pm_byte(s, off + i, tmr) << 8 * i;
	update_sci(s);
	return v;
}

/* SUS_EN: soft off ends the machine; other sleep states are not here. */
static void enter_sleep(struct piix4pm_state *s)
{
	unsigned type = PIIX4PM_SUS_TYP(s->pmcntrl);

	if (type == PIIX4PM_SUS_SOFT_OFF) {
		sysctl_power_off(&s->ctl);
		return;
	}
	devlog_once(&s->said_sleep, "piix4-pm: sleep type %u (SUS_TYP) is not implemented: "
		    "the machine keeps running", type);
}

static void pm_write_byte(struct piix4pm_state *s, unsigned off, uint8_t b)
{
	unsigned shift = 8 * (off & 1);
	uint16_t v = (uint16_t)(b << shift), keep = (uint16_t)~(0xffu << shift);

	switch (off & ~1u) {
	case PIIX4PM_PMSTS:
		s->pmsts &= (uint16_t)~(v & PIIX4PM_PMSTS_BITS);
		break;
	case PIIX4PM_PMEN:
		s->pmen = (uint16_t)((s->pmen & keep) | (v & PIIX4PM_PMEN_BITS));
		break;
	case PIIX4PM_PMCNTRL:
		s->pmcntrl = (uint16_t)((s->pmcntrl & keep) | (v & PIIX4PM_PMCNTRL_BITS));
		if (v & PIIX4PM_GBL_RLS)
			devlog_once(&s->said_smi, "piix4-pm: GBL_RLS would raise SMI: mimic has no SMM");
		if (v & PIIX4PM_SUS_EN)
			enter_sleep(s);
		break;
	case PIIX4PM_PMTMR:
	case PIIX4PM_PMTMR + 2:
		break;	/* read-only */
	default:
		s->held[off] = b;
		devlog_once(&s->said_held, "piix4-pm: PM register 0x%02x written: kept, no effect", off);
	}
}

static void pm_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	struct piix4pm_state *s = opaque;
	unsigned off = port - s->io->ranges[s->pm_range].base;

	sync_timer_status(s);
	for (int i = 0; i < size && off + i < PIIX4PM_IO_LEN; i++)
		pm_write_byte(s, off + i, (uint8_t)(val >> 8 * i));
	update_sci(s);
}

static uint32_t smb_read(void *opaque, uint16_t port, int size)
{
	struct piix4pm_state *s = opaque;
	unsigned off = port - s->io->ranges[s->smb_range].base;

	(void)size;	/* byte registers: the bus splits wider reads */
	return s->smb[off];
}

/* A started transaction finds no device to acknowledge its address. */
static void smb_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	struct piix4pm_state *s = opaque;
	unsigned off = port - s->io->ranges[s->smb_range].base;
	uint8_t b = (uint8_t)val;

	(void)size;
	if (off == PIIX4PM_SMBHSTSTS) {
		s->smb[off] &= (uint8_t)~(b & PIIX4PM_SMB_STS_BITS);
	} else if (off == PIIX4PM_SMBHSTCNT) {
		s->smb[off] = b & (uint8_t)~PIIX4PM_SMB_START;
		if (b & PIIX4PM_SMB_START)
			s->smb[PIIX4PM_SMBHSTSTS] |= PIIX4PM_SMB_DEV_ERR;
	} else {
		s->smb[off] = b;
	}
	update_sci(s);
}

static uint32_t apm_read(void *opaque, uint16_t port, int size)
{
	struct piix4pm_state *s = opaque;

	(void)size;
	return port == PIIX4PM_APMC ? s->apmc : s->apms;
}

/* APMC: the OS's requests to the BIOS's SMI handler. With no SMM the PM
 * stays in ACPI mode (SCI_EN from reset), so ACPI enable and disable need
 * nothing; other commands would need SMM. */
static void apm_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	struct piix4pm_state *s = opaque;
	uint8_t b = (uint8_t)val;

	(void)size;
	if (port == PIIX4PM_APMS) {
		s->apms = b;
		return;
	}
	s->apmc = b;
	if (b != PIIX4PM_ACPI_ENABLE && b != PIIX4PM_ACPI_DISABLE &&
	    (s->fn.config[PIIX4PM_DEVACTB + 3] & PIIX4PM_APMC_EN))
		devlog_once(&s->said_smi, "piix4-pm: APM command 0x%02x would raise SMI: "
			    "mimic has no SMM", b);
}

static void set_defaults(struct piix4pm_state *s)
{
	struct pci_function *f = &s->fn;

	pci_function_init(f, "piix4-pm", PIIX4PM_VENDOR, PIIX4PM_DEVICE,
			  PIIX4PM_REVISION, PIIX4PM_CLASS, 0x00);
	f->written = config_written;
	f->opaque = s;
	pci_set_byte(f, PCI_STATUS, 0x80, 0);		/* fast back-to-back */
	pci_set_byte(f, PCI_STATUS + 1, 0x02, 0);	/* DEVSEL medium */
	pci_set_byte(f, PCI_INTERRUPT_PIN, 0x01, 0);	/* INTA# */
	for (int r = 0x40; r < 0x100; r++)		/* chipset registers */
		f->wmask[r] = 0xff;
	pci_set_byte(f, PIIX4PM_PMBA, 0x01, PMBA_MASK & 0xff);
	pci_set_byte(f, PIIX4PM_PMBA + 2, 0, 0);
	pci_set_byte(f, PIIX4PM_PMBA + 3, 0, 0);
	pci_set_byte(f, PIIX4PM_DEVACTB + 3, PIIX4PM_APMC_EN, 0xff);
	pci_set_byte(f, PIIX4PM_PMREGMISC, 0, PIIX4PM_PMIOSE);
	pci_set_byte(f, PIIX4PM_SMBBA, 0x01, SMBBA_MASK & 0xff);
	pci_set_byte(f, PIIX4PM_SMBBA + 2, 0, 0);
	pci_set_byte(f, PIIX4PM_SMBBA + 3, 0, 0);
	pci_set_byte(f, PIIX4PM_SMBHSTCFG, 0, PIIX4PM_SMB_HST_EN | PIIX4PM_SMB_INTRSEL);
}

void piix4pm_reset(struct piix4pm_state *s)
{
	set_defaults(s);
	s->pmsts = s->pmen = 0;
	s->pmcntrl = PIIX4PM_SCI_EN;	/* ACPI mode: without SMM there is no other */
	for (int i = 0; i < PIIX4PM_IO_LEN; i++)
		s->held[i] = 0;
	for (int i = 0; i < PIIX4PM_SMB_LEN; i++)
		s->smb[i] = 0;
	s->apmc = s->apms = 0;
	s->tmr_msb_seen = ticks_now(s) >> TMR_MSB_SHIFT;
	remap(s);
}

bool piix4pm_init(struct piix4pm_state *s, struct pci_bus *pci,
		  struct ioport_bus *io, struct dev_clock clock,
		  struct irq_line sci, struct sys_ctl ctl)
{
	*s = (struct piix4pm_state){ .clock = clock, .sci = sci, .ctl = ctl, .io = io };
	s->pm_range = ioport_register_movable(io, PIIX4PM_IO_LEN, 4, "piix4-pm",
					      pm_read, pm_write, s);
	s->smb_range = ioport_register_movable(io, PIIX4PM_SMB_LEN, 1, "smbus",
					       smb_read, smb_write, s);
	if (s->pm_range < 0 || s->smb_range < 0)
		return false;
	piix4pm_reset(s);
	return pci_add_function(pci, PCI_DEVFN(PIIX3_DEV, PIIX4PM_FUNCTION), &s->fn) &&
	       ioport_register(io, PIIX4PM_APMC, 2, 1, "apm", apm_read, apm_write, s);
}
