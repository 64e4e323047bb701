/* PIIX3 IDE function: identity and timing registers only; the channels
 * themselves are devices/ata.c on the legacy ports. Ref: Intel 82371SB
 * (PIIX3) datasheet. */
#include "devices/piixide.h"

#include "devices/piix3.h"

#define PIIXIDE_CLASS 0x010180	/* IDE, legacy mode both, bus master */

static void set_defaults(struct piixide_state *s)
{
	struct pci_function *f = &s->fn;

	pci_function_init(f, "piix-ide", PIIXIDE_VENDOR, PIIXIDE_DEVICE, 0,
			  PIIXIDE_CLASS, 0x00);
	pci_set_byte(f, PCI_STATUS + 1, 0x02, 0);	/* DEVSEL medium */
	for (int r = PIIXIDE_IDETIM; r <= PIIXIDE_SIDETIM; r++)
		pci_set_byte(f, (uint8_t)r, 0, 0xff);
}

bool piixide_init(struct piixide_state *s, struct pci_bus *bus)
{
	set_defaults(s);
	return pci_add_function(bus, PCI_DEVFN(PIIX3_DEV, 1), &s->fn);
}

void piixide_reset(struct piixide_state *s)
{
	set_defaults(s);
}
