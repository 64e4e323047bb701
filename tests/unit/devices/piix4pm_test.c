/* PIIX4 power management: config registers as SeaBIOS programs them, the
 * PM block and SMBus moving with their bases, the PM timer's rate and
 * TMROF, SCI on enabled events with SCI_EN, soft off, the SMBus with no
 * devices, APM's ports. Ref: 82371AB datasheet; ACPI 1.0b 4.7. */
#include "test.h"

#include <stdlib.h>

#include "devices/piix4pm.h"
#include "fakes.h"
#include "pci_cfg.h"

#define PM_DEVFN PCI_DEVFN(1, 3)
#define PMBASE   0xb000
#define SMBBASE  0xb100

struct rig {
	struct ioport_bus io;
	struct pci_bus pci;
	struct piix4pm_state pm;
	struct fake_clock clock;
	struct fake_irq sci;
	int power_offs;
};

static void rig_power_off(void *opaque)
{
	((struct rig *)opaque)->power_offs++;
}

static uint32_t cfg_read(struct rig *r, uint8_t reg, int size)
{
	pci_write(&r->pci, PCI_CONFIG_ADDRESS,
		  PCI_ADDR_ENABLE | PM_DEVFN << 8 | (reg & 0xfcu), 4);
	return pci_read(&r->pci, (uint16_t)(PCI_CONFIG_DATA + (reg & 3)), size);
}

static void cfg_writel(struct rig *r, uint8_t reg, uint32_t val)
{
	pci_write(&r->pci, PCI_CONFIG_ADDRESS, PCI_ADDR_ENABLE | PM_DEVFN << 8 | reg, 4);
	pci_write(&r->pci, PCI_CONFIG_DATA, val, 4);
}

static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	ioport_init(&r->io);
	pci_bus_init(&r->pci, (struct sys_ctl){ 0 });
	EXPECT_TRUE(piix4pm_init(&r->pm, &r->pci, &r->io, fake_clock_of(&r->clock),
				 fake_irq_of(&r->sci, 9),
				 (struct sys_ctl){ .opaque = r, .power_off = rig_power_off }));
	return r;
}

/* What SeaBIOS's piix4_pm_setup writes. */
static void bios_setup(struct rig *r)
{
	pci_cfg_writeb(&r->pci, PM_DEVFN, PCI_INTERRUPT_LINE, 9);
	cfg_writel(r, PIIX4PM_PMBA, PMBASE | 1);
	pci_cfg_writeb(&r->pci, PM_DEVFN, PIIX4PM_PMREGMISC, 0x01);
	cfg_writel(r, PIIX4PM_SMBBA, SMBBASE | 1);
	pci_cfg_writeb(&r->pci, PM_DEVFN, PIIX4PM_SMBHSTCFG, 0x09);
}

TEST(piix4pm, identity_and_reset_values)
{
	struct rig *r = new_rig();

	EXPECT_EQ(0x71138086u, cfg_read(r, 0x00, 4));
	EXPECT_EQ(0x06800003u, cfg_read(r, 0x08, 4));	/* class, revision */
	EXPECT_EQ(0x0280u, cfg_read(r, PCI_STATUS, 2));
	EXPECT_EQ(0x01u, cfg_read(r, PCI_INTERRUPT_PIN, 1));
	EXPECT_EQ(0x00000001u, cfg_read(r, PIIX4PM_PMBA, 4));	/* I/O indicator */
	EXPECT_EQ(0x00000001u, cfg_read(r, PIIX4PM_SMBBA, 4));
	EXPECT_EQ(0u, cfg_read(r, PIIX4PM_PMREGMISC, 1));
	/* APMC_EN set: a BIOS takes SMM set-up as done (no SMM here). */
	EXPECT_EQ(0x02000000u, cfg_read(r, PIIX4PM_DEVACTB, 4));
	free(r);
}

TEST(piix4pm, base_registers_mask_and_map)
{
	struct rig *r = new_rig();

	cfg_writel(r, PIIX4PM_PMBA, 0xffffffff);
	EXPECT_EQ(0x0000ffc1u, cfg_read(r, PIIX4PM_PMBA, 4));
	cfg_writel(r, PIIX4PM_SMBBA, 0xffffffff);
	EXPECT_EQ(0x0000fff1u, cfg_read(r, PIIX4PM_SMBBA, 4));
	pci_cfg_writeb(&r->pci, PM_DEVFN, PIIX4PM_PMREGMISC, 0xff);
	EXPECT_EQ(0x01u, cfg_read(r, PIIX4PM_PMREGMISC, 1));
	bios_setup(r);
	EXPECT_EQ(PMBASE | 1u, cfg_read(r, PIIX4PM_PMBA, 4));
	EXPECT_EQ(SMBBASE | 1u, cfg_read(r, PIIX4PM_SMBBA, 4));
	EXPECT_EQ(0x09u, cfg_read(r, PIIX4PM_SMBHSTCFG, 1));
	EXPECT_STREQ("piix4-pm", ioport_owner(&r->io, PMBASE + 0x3f));
	EXPECT_STREQ("smbus", ioport_owner(&r->io, SMBBASE + 0xf));
	EXPECT_TRUE(ioport_owner(&r->io, SMBBASE + 0x10) == NULL);
	pci_cfg_writeb(&r->pci, PM_DEVFN, PIIX4PM_PMREGMISC, 0);	/* PMIOSE off */
	EXPECT_TRUE(ioport_owner(&r->io, PMBASE) == NULL);
	EXPECT_EQ(0xffffffffu, ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR, 4));
	piix4pm_reset(&r->pm);
	EXPECT_TRUE(ioport_owner(&r->io, SMBBASE) == NULL);
	free(r);
}

TEST(piix4pm, timer_counts_at_3_579545_mhz)
{
	struct rig *r = new_rig();

	bios_setup(r);
	EXPECT_EQ(0u, ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR, 4));
	r->clock.now = NS_PER_SEC;
	EXPECT_EQ(3579545u, ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR, 4));
	r->clock.now = 1000;	/* 3.58 ticks */
	EXPECT_EQ(3u, ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR, 4));
	/* 24 bits wrap: 2^24 ticks are 4.687 s. */
	r->clock.now = 5 * NS_PER_SEC;
	EXPECT_EQ((5ull * 3579545) & 0xffffff, ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR, 4));
	/* A year of guest time does not overflow the arithmetic. */
	r->clock.now = 365ull * 86400 * NS_PER_SEC + NS_PER_SEC / 2;
	EXPECT_EQ((365ull * 86400 * 3579545 + 3579545 / 2) & 0xffffff,
		  ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR, 4));
	EXPECT_EQ(0u, ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR + 3, 1));	/* 24 bits */
	ioport_write(&r->io, PMBASE + PIIX4PM_PMTMR, 0, 4);	/* read-only */
	EXPECT_EQ(piix4pm_timer(&r->pm), ioport_read(&r->io, PMBASE + PIIX4PM_PMTMR, 4));
	free(r);
}

TEST(piix4pm, timer_overflow_raises_sci)
{
	struct rig *r = new_rig();
	uint64_t edge;

	bios_setup(r);
	EXPECT_EQ(CLOCK_NEVER, piix4pm_next_deadline(&r->pm));
	ioport_write(&r->io, PMBASE + PIIX4PM_PMEN, PIIX4PM_TMROF, 2);
	edge = piix4pm_next_deadline(&r->pm);	/* bit 23: 2^23 ticks, 2.343 s */
	EXPECT_EQ((0x800000ull * NS_PER_SEC + 3579545 - 1) / 3579545, edge);
	r->clock.now = edge - 1;
	piix4pm_update(&r->pm);
	EXPECT_EQ(0u, ioport_read(&r->io, PMBASE + PIIX4PM_PMSTS, 2));
	r->clock.now = edge;
	piix4pm_update(&r->pm);
	EXPECT_EQ(PIIX4PM_TMROF, ioport_read(&r->io, PMBASE + PIIX4PM_PMSTS, 2));
	EXPECT_EQ(1, r->sci.level);	/* ACPI mode from reset: SCI_EN */
	EXPECT_EQ(CLOCK_NEVER, piix4pm_next_deadline(&r->pm));
	ioport_write(&r->io, PMBASE + PIIX4PM_PMCNTRL, 0, 2);	/* events would go to SMI */
	EXPECT_EQ(0, r->sci.level);
	ioport_write(&r->io, PMBASE + PIIX4PM_PMCNTRL, PIIX4PM_SCI_EN, 2);
	EXPECT_EQ(1, r->sci.level);
	ioport_write(&r->io, PMBASE + PIIX4PM_PMSTS, PIIX4PM_TMROF, 2);	/* write 1 clears */
	EXPECT_EQ(0, r->sci.level);
	EXPECT_EQ(0u, ioport_read(&r->io, PMBASE + PIIX4PM_PMSTS, 2));
	EXPECT_TRUE(piix4pm_next_deadline(&r->pm) > edge);	/* the next change of bit 23 */
	r->clock.now = piix4pm_next_deadline(&r->pm);
	piix4pm_update(&r->pm);
	EXPECT_EQ(1, r->sci.level);
	ioport_write(&r->io, PMBASE + PIIX4PM_PMEN, 0, 2);	/* disabled: no SCI */
	EXPECT_EQ(0, r->sci.level);
	EXPECT_EQ(3, r->sci.rises);
	/* The OS's ACPI enable and disable through APMC change nothing. */
	ioport_write(&r->io, PIIX4PM_APMC, PIIX4PM_ACPI_DISABLE, 1);
	EXPECT_EQ(PIIX4PM_SCI_EN, ioport_read(&r->io, PMBASE + PIIX4PM_PMCNTRL, 2));
	EXPECT_EQ(PIIX4PM_ACPI_DISABLE, ioport_read(&r->io, PIIX4PM_APMC, 1));
	free(r);
}

TEST(piix4pm, register_masks)
{
	struct rig *r = new_rig();

	bios_setup(r);
	ioport_write(&r->io, PMBASE + PIIX4PM_PMEN, 0xffff, 2);
	EXPECT_EQ(PIIX4PM_PMEN_BITS, ioport_read(&r->io, PMBASE + PIIX4PM_PMEN, 2));
	/* SUS_EN and GBL_RLS are write-only; SUS_TYP 1 is not soft off. */
	ioport_write(&r->io, PMBASE + PIIX4PM_PMCNTRL, 0x2000 | 1 << 10 | 0x07, 2);
	EXPECT_EQ(0x0403u, ioport_read(&r->io, PMBASE + PIIX4PM_PMCNTRL, 2));
	EXPECT_EQ(0, r->power_offs);
	ioport_write(&r->io, PMBASE + 0x28, 0x12345678, 4);	/* GLBCTL: kept */
	EXPECT_EQ(0x12345678u, ioport_read(&r->io, PMBASE + 0x28, 4));
	free(r);
}

TEST(piix4pm, soft_off)
{
	struct rig *r = new_rig();

	bios_setup(r);
	/* S5 as SeaBIOS's DSDT gives it: SLP_TYP 0, with SLP_EN. */
	ioport_write(&r->io, PMBASE + PIIX4PM_PMCNTRL, PIIX4PM_SUS_EN | PIIX4PM_SCI_EN, 2);
	EXPECT_EQ(1, r->power_offs);
	free(r);
}

TEST(piix4pm, smbus_without_devices)
{
	struct rig *r = new_rig();

	bios_setup(r);
	ioport_write(&r->io, SMBBASE + 4, 0xa1, 1);	/* SPD EEPROM 0x50, read */
	EXPECT_EQ(0xa1u, ioport_read(&r->io, SMBBASE + 4, 1));
	ioport_write(&r->io, SMBBASE + PIIX4PM_SMBHSTCNT, PIIX4PM_SMB_START | 0x08 | 1, 1);
	EXPECT_EQ(PIIX4PM_SMB_DEV_ERR, ioport_read(&r->io, SMBBASE + PIIX4PM_SMBHSTSTS, 1));
	EXPECT_EQ(0x09u, ioport_read(&r->io, SMBBASE + PIIX4PM_SMBHSTCNT, 1));
	EXPECT_EQ(1, r->sci.level);	/* INTEREN, interrupt select IRQ9 */
	ioport_write(&r->io, SMBBASE + PIIX4PM_SMBHSTSTS, 0xff, 1);
	EXPECT_EQ(0u, ioport_read(&r->io, SMBBASE + PIIX4PM_SMBHSTSTS, 1));
	EXPECT_EQ(0, r->sci.level);
	free(r);
}
