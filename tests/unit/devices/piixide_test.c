/* PIIX3 IDE function: class 01:01 with programming interface 80h (both
 * channels in compatibility mode, bus-master capable), IDETIM writable,
 * BAR4 not offered (a BIOS sizing it reads 0). */
#include "test.h"

#include <stdlib.h>

#include "devices/piixide.h"
#include "pci_cfg.h"

TEST(piixide, identity_and_timing)
{
	struct pci_bus *bus = calloc(1, sizeof(*bus));
	struct piixide_state *s = calloc(1, sizeof(*s));

	pci_bus_init(bus, (struct sys_ctl){ 0 });
	EXPECT_TRUE(piixide_init(s, bus));
	pci_write(bus, 0xcf8, 0x80000900u, 4);
	EXPECT_EQ(0x70108086u, pci_read(bus, 0xcfc, 4));
	pci_write(bus, 0xcf8, 0x80000908u, 4);
	EXPECT_EQ(0x01018000u, pci_read(bus, 0xcfc, 4));
	pci_cfg_writeb(bus, PCI_DEVFN(1, 1), 0x41, 0x80);	/* decode on */
	pci_write(bus, 0xcf8, 0x80000940u, 4);
	EXPECT_EQ(0x8000, pci_read(bus, 0xcfc, 2));
	pci_write(bus, 0xcf8, 0x80000920u, 4);	/* BAR4 */
	pci_write(bus, 0xcfc, 0xffffffffu, 4);
	EXPECT_EQ(0, pci_read(bus, 0xcfc, 4));
	free(s);
	free(bus);
}
