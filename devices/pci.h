/* PCI bus 0 behind configuration mechanism #1 (0xCF8 address, 0xCFC-0xCFF
 * data), config spaces with per-bit write masks, and PIIX3's reset control
 * register at 0xCF9. Ref: PCI Local Bus Specification 2.1, 3.7.4.1 and
 * chapter 6; Intel PIIX3 datasheet (RCR). */
#ifndef MIMIC_DEVICES_PCI_H
#define MIMIC_DEVICES_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ioport.h"
#include "devices/sysctl.h"

#define PCI_CONFIG_ADDRESS 0xcf8	/* dword accesses only */
#define PCI_RESET_CONTROL  0xcf9	/* byte: PIIX3 RCR */
#define PCI_CONFIG_DATA    0xcfc
#define PCI_ADDR_ENABLE    0x80000000u
#define PCI_RCR_SYS_RST    0x02	/* hard (system) reset, with RST_CPU */
#define PCI_RCR_RST_CPU    0x04	/* 0 -> 1 resets */
#define PCI_DEVFN(dev, fn) ((dev) << 3 | (fn))
#define PCI_FUNCTIONS      256	/* devfn on bus 0 */

/* Type 0 header registers. */
#define PCI_VENDOR_ID      0x00	/* read-only */
#define PCI_DEVICE_ID      0x02	/* read-only */
#define PCI_COMMAND        0x04
#define PCI_STATUS         0x06	/* error bits are write-1-to-clear */
#define PCI_REVISION_ID    0x08	/* read-only */
#define PCI_CLASS_PROG     0x09	/* read-only, with subclass and class */
#define PCI_HEADER_TYPE    0x0e	/* read-only; bit 7: multi-function */
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN  0x3d	/* read-only */
#define PCI_STATUS_ERRORS  0xf900	/* PERR SERR MA TA STA DPD */

struct pci_function;

/* Told after the guest writes size bytes at reg (masks applied). */
typedef void (*pci_config_written_fn)(void *opaque, struct pci_function *f,
				      uint8_t reg, int size);

struct pci_function {
	uint8_t config[256];
	uint8_t wmask[256];	/* bits the guest may write */
	uint8_t w1cmask[256];	/* bits a written 1 clears */
	const char *name;
	pci_config_written_fn written;
	void *opaque;
};

struct pci_bus {
	uint32_t config_address;
	uint8_t rcr;
	struct pci_function *fn[PCI_FUNCTIONS];
	struct sys_ctl ctl;	/* RCR reset */
};

void pci_bus_init(struct pci_bus *bus, struct sys_ctl ctl);
void pci_bus_reset(struct pci_bus *bus);
bool pci_bus_attach(struct pci_bus *bus, struct ioport_bus *io);
/* Puts f at devfn on bus 0; false if taken. */
bool pci_add_function(struct pci_bus *bus, int devfn, struct pci_function *f);

uint32_t pci_read(struct pci_bus *bus, uint16_t port, int size);
void pci_write(struct pci_bus *bus, uint16_t port, uint32_t val, int size);

/* Device side: set up an identity; the header is read-only except the
 * command register, the status error bits and the interrupt line. */
void pci_function_init(struct pci_function *f, const char *name,
		       uint16_t vendor, uint16_t device, uint8_t revision,
		       uint32_t class_code, uint8_t header_type);
void pci_set_byte(struct pci_function *f, uint8_t reg, uint8_t val,
		  uint8_t wmask);
uint32_t pci_config_read(struct pci_function *f, uint8_t reg, int size);
void pci_config_write(struct pci_function *f, uint8_t reg, uint32_t val,
		      int size);

#endif
