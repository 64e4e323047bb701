/* QEMU's firmware configuration device, which SeaBIOS asks for the machine's
 * description: selector 0x510, data 0x511, DMA address 0x514-0x51B; fixed
 * items, architecture items and named files with a directory. Ref: QEMU
 * docs/specs/fw_cfg.rst (for the interface facts). */
#ifndef MIMIC_DEVICES_FWCFG_H
#define MIMIC_DEVICES_FWCFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/ioport.h"

#define FWCFG_SELECTOR  0x510	/* 16-bit write */
#define FWCFG_DATA      0x511	/* 8-bit read; side effect: advances */
#define FWCFG_DMA_HIGH  0x514	/* 32-bit big-endian halves of the */
#define FWCFG_DMA_LOW   0x518	/* DMA address; writing LOW starts it */

/* Fixed keys. */
#define FWCFG_SIGNATURE   0x0000	/* "QEMU" */
#define FWCFG_ID          0x0001	/* features, below */
#define FWCFG_UUID        0x0002
#define FWCFG_RAM_SIZE    0x0003	/* u64 */
#define FWCFG_NOGRAPHIC   0x0004
#define FWCFG_NB_CPUS     0x0005	/* u16 */
#define FWCFG_MACHINE_ID  0x0006
#define FWCFG_KERNEL_ADDR 0x0007
#define FWCFG_KERNEL_SIZE 0x0008
#define FWCFG_KERNEL_CMDLINE 0x0009
#define FWCFG_INITRD_ADDR 0x000a
#define FWCFG_INITRD_SIZE 0x000b
#define FWCFG_BOOT_DEVICE 0x000c
#define FWCFG_NUMA        0x000d
#define FWCFG_BOOT_MENU   0x000e
#define FWCFG_MAX_CPUS    0x000f	/* u16 */
#define FWCFG_KERNEL_ENTRY 0x0010
#define FWCFG_KERNEL_DATA 0x0011
#define FWCFG_INITRD_DATA 0x0012
#define FWCFG_CMDLINE_ADDR 0x0013
#define FWCFG_CMDLINE_SIZE 0x0014
#define FWCFG_CMDLINE_DATA 0x0015
#define FWCFG_SETUP_ADDR  0x0016
#define FWCFG_SETUP_SIZE  0x0017
#define FWCFG_SETUP_DATA  0x0018
#define FWCFG_FILE_DIR    0x0019	/* BE count, then struct entries */
#define FWCFG_FILE_FIRST  0x0020
#define FWCFG_WRITE_CHANNEL 0x4000	/* selector bit: unsupported */
#define FWCFG_ARCH_LOCAL  0x8000
#define FWCFG_ACPI_TABLES (FWCFG_ARCH_LOCAL + 0)
#define FWCFG_SMBIOS      (FWCFG_ARCH_LOCAL + 1)
#define FWCFG_IRQ0_OVERRIDE (FWCFG_ARCH_LOCAL + 2)
#define FWCFG_E820_TABLE  (FWCFG_ARCH_LOCAL + 3)
#define FWCFG_HPET        (FWCFG_ARCH_LOCAL + 4)

#define FWCFG_ID_TRADITIONAL 0x01
#define FWCFG_ID_DMA         0x02
#define FWCFG_DMA_SIGNATURE  0x51454d5520434647ull	/* "QEMU CFG" */
#define FWCFG_DMA_ERROR  0x01	/* control bits of a DMA access */
#define FWCFG_DMA_READ   0x02
#define FWCFG_DMA_SKIP   0x04
#define FWCFG_DMA_SELECT 0x08	/* bits 31-16 hold the key */
#define FWCFG_DMA_WRITE  0x10

#define FWCFG_FILES      32
#define FWCFG_NAME_LEN   56
#define FWCFG_DIR_ENTRY  64	/* u32 size, u16 select, u16 0, name */
#define FWCFG_SLOTS      (0x20 + FWCFG_FILES + 0x20)

/* Guest physical memory for DMA; each returns false if the range is not
 * RAM. */
struct fwcfg_dma {
	bool (*read)(void *opaque, uint64_t pa, void *buf, size_t len);
	bool (*write)(void *opaque, uint64_t pa, const void *buf, size_t len);
	void *opaque;
};

struct fwcfg_item {
	const uint8_t *data;	/* caller's memory, or NULL: value */
	uint32_t len;
	uint8_t value[8];	/* small items, little-endian */
};

struct fwcfg_state {
	struct fwcfg_item items[FWCFG_SLOTS];
	uint8_t dir[4 + FWCFG_FILES * FWCFG_DIR_ENTRY];
	int files;
	uint16_t selector;
	uint32_t offset;	/* next byte of the selected item */
	uint32_t dma_high;	/* upper half of the DMA address */
	struct fwcfg_dma dma;
	uint8_t logged[(FWCFG_SLOTS + 7) / 8];	/* slots reported missing */
	bool logged_other;	/* a key outside every range was asked for */
};

/* Sets the signature and ID (traditional and DMA interfaces). */
void fwcfg_init(struct fwcfg_state *s, struct fwcfg_dma dma);
void fwcfg_reset(struct fwcfg_state *s);
uint32_t fwcfg_read(struct fwcfg_state *s, uint16_t port, int size);
void fwcfg_write(struct fwcfg_state *s, uint16_t port, uint32_t val,
		 int size);
bool fwcfg_attach(struct fwcfg_state *s, struct ioport_bus *bus);

/* Items. data must outlive s; integers are stored little-endian. Return
 * false for a key outside the fixed and architecture ranges, or when the
 * file table is full. */
bool fwcfg_add_bytes(struct fwcfg_state *s, uint16_t key, const void *data,
		     uint32_t len);
bool fwcfg_add_int(struct fwcfg_state *s, uint16_t key, uint64_t value,
		   int bytes);
bool fwcfg_add_file(struct fwcfg_state *s, const char *name,
		    const void *data, uint32_t len);

#endif
