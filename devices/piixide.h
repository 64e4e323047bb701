/* The PIIX3 IDE function (PCI 00:01.1) in legacy mode: it tells the BIOS
 * the ATA channels sit at 0x1F0/0x3F6 (IRQ14) and 0x170/0x376 (IRQ15).
 * Bus-master DMA is not offered (BAR4 reads 0). Ref: Intel 82371SB (PIIX3)
 * datasheet, IDE configuration registers. */
#ifndef MIMIC_DEVICES_PIIXIDE_H
#define MIMIC_DEVICES_PIIXIDE_H

#include <stdbool.h>

#include "devices/pci.h"

#define PIIXIDE_VENDOR  0x8086
#define PIIXIDE_DEVICE  0x7010
#define PIIXIDE_IDETIM  0x40	/* primary 0x40-0x41, secondary 0x42-0x43 */
#define PIIXIDE_SIDETIM 0x44
#define PIIXIDE_DECODE_ENABLE 0x80	/* IDETIM bit 15 (high byte) */

struct piixide_state {
	struct pci_function fn;
};

bool piixide_init(struct piixide_state *s, struct pci_bus *bus);
void piixide_reset(struct piixide_state *s);

#endif
