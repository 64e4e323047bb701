/* Config-space byte writes through mechanism #1, as a BIOS does them, for
 * the tests of PCI functions. */
#ifndef MIMIC_TESTS_UNIT_DEVICES_PCI_CFG_H
#define MIMIC_TESTS_UNIT_DEVICES_PCI_CFG_H

#include "devices/pci.h"

static inline void pci_cfg_writeb(struct pci_bus *bus, int devfn,
				  uint8_t reg, uint8_t val)
{
	pci_write(bus, PCI_CONFIG_ADDRESS,
		  PCI_ADDR_ENABLE | (uint32_t)devfn << 8 | (reg & 0xfcu), 4);
	pci_write(bus, (uint16_t)(PCI_CONFIG_DATA + (reg & 3)), val, 1);
}

#endif
