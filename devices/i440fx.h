/* The i440FX host bridge (PCI 00:00.0): identity, and the PAM registers
 * that switch each piece of 0xC0000-0xFFFFF between ROM/PCI and RAM,
 * reported to the memory map through a callback. Ref: Intel 82441FX PMC
 * datasheet, PAM[6:0] registers 59h-5Fh. */
#ifndef MIMIC_DEVICES_I440FX_H
#define MIMIC_DEVICES_I440FX_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/pci.h"

#define I440FX_VENDOR  0x8086
#define I440FX_DEVICE  0x1237
#define I440FX_PAM0    0x59	/* bits 5:4: 0xF0000-0xFFFFF */
#define I440FX_PAM6    0x5f	/* 1-6: two 16 KB pieces each, low first */
#define I440FX_SMRAM   0x72
#define I440FX_PAM_REGIONS 13	/* 0: 0xF0000 (64 KB); 1-12: 0xC0000 + 16 KB steps */

/* A PAM field: RE (bit 0) sends reads to RAM, WE (bit 1) writes. */
enum pam_mode {
	PAM_ROM = 0,		/* reads and writes go to ROM/PCI */
	PAM_READ_RAM = 1,	/* reads RAM, writes go to ROM/PCI */
	PAM_WRITE_RAM = 2,	/* reads ROM/PCI, writes RAM */
	PAM_RAM = 3,
};

struct pam_map {
	void (*set)(void *opaque, uint32_t start, uint32_t len,
		    enum pam_mode mode);
	void *opaque;
};

struct i440fx_state {
	struct pci_function fn;
	struct pam_map map;
	uint8_t reported[I440FX_PAM_REGIONS];
};

/* Adds the bridge at 00:00.0 and reports every region as PAM_ROM. */
bool i440fx_init(struct i440fx_state *s, struct pci_bus *bus,
		 struct pam_map map);
/* Power-on register values; regions reported again where they change. */
void i440fx_reset(struct i440fx_state *s);
void i440fx_pam_region(int i, uint32_t *start, uint32_t *len);
enum pam_mode i440fx_pam_mode(const struct i440fx_state *s, int i);

#endif
