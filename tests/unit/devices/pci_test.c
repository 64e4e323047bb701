/* Configuration mechanism #1 (PCI Local Bus Specification 2.1, 3.7.4.1):
 * CONFIG_ADDRESS is a dword register at 0xCF8 (bit 31 enable, bus 23-16,
 * device 15-11, function 10-8, register 7-2), CONFIG_DATA is 0xCFC-0xCFF;
 * absent functions read all ones. Header rules from chapter 6. */
#include "test.h"

#include <stdlib.h>

#include "devices/pci.h"

struct rig {
	struct ioport_bus io;
	struct pci_bus pci;
	struct pci_function f;
	int resets;
};

static void rig_reset(void *opaque)
{
	((struct rig *)opaque)->resets++;
}

static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	ioport_init(&r->io);
	pci_bus_init(&r->pci, (struct sys_ctl){ .reset = rig_reset, .opaque = r });
	EXPECT_TRUE(pci_bus_attach(&r->pci, &r->io));
	pci_function_init(&r->f, "test", 0x1234, 0x5678, 0x9a, 0x010180, 0);
	EXPECT_TRUE(pci_add_function(&r->pci, PCI_DEVFN(3, 0), &r->f));
	return r;
}

static uint32_t cfg_read(struct rig *r, uint32_t addr, int size)
{
	ioport_write(&r->io, 0xcf8, addr & ~3u, 4);
	return ioport_read(&r->io, (uint16_t)(0xcfc + (addr & 3)), size);
}

static void cfg_write(struct rig *r, uint32_t addr, uint32_t val, int size)
{
	ioport_write(&r->io, 0xcf8, addr & ~3u, 4);
	ioport_write(&r->io, (uint16_t)(0xcfc + (addr & 3)), val, size);
}

TEST(pci, identity_through_mechanism1)
{
	struct rig *r = new_rig();

	EXPECT_EQ(0x56781234u, cfg_read(r, 0x80001800, 4));
	EXPECT_EQ(0x5678, cfg_read(r, 0x80001802, 2));
	EXPECT_EQ(0x9a, cfg_read(r, 0x80001808, 1));
	EXPECT_EQ(0x0101809au, cfg_read(r, 0x80001808, 4));
	free(r);
}

TEST(pci, address_register)
{
	struct rig *r = new_rig();

	ioport_write(&r->io, 0xcf8, 0xffffffffu, 4);
	EXPECT_EQ(0x80fffffcu, ioport_read(&r->io, 0xcf8, 4));
	/* Only dword accesses hit CONFIG_ADDRESS. */
	ioport_write(&r->io, 0xcf8, 0x00, 1);
	EXPECT_EQ(0x80fffffcu, ioport_read(&r->io, 0xcf8, 4));
	free(r);
}

TEST(pci, master_abort_reads_ones)
{
	struct rig *r = new_rig();

	EXPECT_EQ(0xffffffffu, cfg_read(r, 0x00001800, 4));	/* disabled */
	EXPECT_EQ(0xffffffffu, cfg_read(r, 0x80011800, 4));	/* bus 1 */
	EXPECT_EQ(0xffff, cfg_read(r, 0x80002000, 2));	/* no device 4 */
	EXPECT_EQ(0xffffffffu, cfg_read(r, 0x80001900, 4));	/* function 1 */
	free(r);
}

/* Vendor, device, revision and class are read-only; the command register
 * takes bits 9-0; status error bits clear when written with 1. */
TEST(pci, header_write_rules)
{
	struct rig *r = new_rig();

	cfg_write(r, 0x80001800, 0, 4);
	EXPECT_EQ(0x56781234u, cfg_read(r, 0x80001800, 4));
	cfg_write(r, 0x80001804, 0xffff, 2);
	EXPECT_EQ(0x03ff, cfg_read(r, 0x80001804, 2));
	r->f.config[PCI_STATUS + 1] = 0xf9;
	cfg_write(r, 0x80001806, 0x2000, 2);	/* clear master abort */
	EXPECT_EQ(0xd900, cfg_read(r, 0x80001806, 2));
	cfg_write(r, 0x8000183c, 0x0b, 1);
	EXPECT_EQ(0x0b, cfg_read(r, 0x8000183c, 1));
	free(r);
}

/* PIIX3 reset control register: RST_CPU going 0 -> 1 resets. */
TEST(pci, reset_control)
{
	struct rig *r = new_rig();

	ioport_write(&r->io, 0xcf9, 0x02, 1);
	EXPECT_EQ(0, r->resets);
	EXPECT_EQ(0x02, ioport_read(&r->io, 0xcf9, 1));
	ioport_write(&r->io, 0xcf9, 0x06, 1);
	EXPECT_EQ(1, r->resets);
	free(r);
}
