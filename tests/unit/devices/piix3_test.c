/* PIIX3 ISA bridge: identity and PIRQ routing (82371SB datasheet, PIRQRC
 * 60h-63h: bit 7 disables routing, bits 3:0 pick IRQ 3-7, 9-12, 14 or 15;
 * default 80h). */
#include "test.h"

#include <stdlib.h>

#include "devices/piix3.h"
#include "pci_cfg.h"

struct rig {
	struct pci_bus pci;
	struct piix3_state sb;
	int level[16];
};

static void isa_set(void *opaque, int irq, int level)
{
	((struct rig *)opaque)->level[irq] = level;
}

static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	pci_bus_init(&r->pci, (struct sys_ctl){ 0 });
	EXPECT_TRUE(piix3_init(&r->sb, &r->pci,
			       (struct irq_line){ isa_set, r, 0 }));
	return r;
}

TEST(piix3, identity)
{
	struct rig *r = new_rig();

	pci_write(&r->pci, 0xcf8, 0x80000800u, 4);
	EXPECT_EQ(0x70008086u, pci_read(&r->pci, 0xcfc, 4));
	pci_write(&r->pci, 0xcf8, 0x8000080cu, 4);
	EXPECT_EQ(0x80, pci_read(&r->pci, 0xcfe, 1));	/* multi-function */
	pci_write(&r->pci, 0xcf8, 0x80000860u, 4);
	EXPECT_EQ(0x80808080u, pci_read(&r->pci, 0xcfc, 4));
	free(r);
}

TEST(piix3, route_pirq)
{
	struct rig *r = new_rig();

	piix3_set_pirq(&r->sb, 0, 1);
	EXPECT_EQ(-1, piix3_route(&r->sb, 0));
	pci_cfg_writeb(&r->pci, PCI_DEVFN(1, 0), 0x60, 0x0b);
	EXPECT_EQ(11, piix3_route(&r->sb, 0));
	EXPECT_EQ(1, r->level[11]);
	pci_cfg_writeb(&r->pci, PCI_DEVFN(1, 0), 0x60, 0x0a);	/* moves with the route */
	EXPECT_EQ(0, r->level[11]);
	EXPECT_EQ(1, r->level[10]);
	piix3_set_pirq(&r->sb, 0, 0);
	EXPECT_EQ(0, r->level[10]);
	free(r);
}

TEST(piix3, reserved_irqs_not_routed)
{
	struct rig *r = new_rig();

	pci_cfg_writeb(&r->pci, PCI_DEVFN(1, 0), 0x61, 0x02);
	pci_cfg_writeb(&r->pci, PCI_DEVFN(1, 0), 0x62, 0x0d);
	EXPECT_EQ(-1, piix3_route(&r->sb, 1));
	EXPECT_EQ(-1, piix3_route(&r->sb, 2));
	pci_cfg_writeb(&r->pci, PCI_DEVFN(1, 0), 0x63, 0x8b);	/* bit 7: disabled */
	EXPECT_EQ(-1, piix3_route(&r->sb, 3));
	free(r);
}

/* Two PIRQs on one IRQ: it stays high while either is. */
TEST(piix3, shared_irq)
{
	struct rig *r = new_rig();

	pci_cfg_writeb(&r->pci, PCI_DEVFN(1, 0), 0x60, 0x0b);
	pci_cfg_writeb(&r->pci, PCI_DEVFN(1, 0), 0x61, 0x0b);
	piix3_set_pirq(&r->sb, 0, 1);
	piix3_set_pirq(&r->sb, 1, 1);
	piix3_set_pirq(&r->sb, 0, 0);
	EXPECT_EQ(1, r->level[11]);
	piix3_set_pirq(&r->sb, 1, 0);
	EXPECT_EQ(0, r->level[11]);
	free(r);
}

/* PC wiring: device d's INTA# goes to PIRQ (d - 1) mod 4. */
TEST(piix3, slot_swizzle)
{
	EXPECT_EQ(0, piix3_pirq_of(1, 1));
	EXPECT_EQ(2, piix3_pirq_of(3, 1));
	EXPECT_EQ(3, piix3_pirq_of(3, 2));
	EXPECT_EQ(0, piix3_pirq_of(3, 3));
	EXPECT_EQ(3, piix3_pirq_of(0, 1));
}
