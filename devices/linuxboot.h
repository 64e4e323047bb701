/* Puts a Linux bzImage, initrd and command line into fw_cfg the way
 * QEMU's linuxboot_dma.bin option ROM reads them, after patching the setup
 * header as a boot loader must. Ref: Linux Documentation/x86/boot.rst
 * (boot protocol 2.02 and later). */
#ifndef MIMIC_DEVICES_LINUXBOOT_H
#define MIMIC_DEVICES_LINUXBOOT_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/fwcfg.h"

#define LINUXBOOT_REAL_ADDR    0x10000		/* setup code (real mode) */
#define LINUXBOOT_CMDLINE_ADDR 0x20000
#define LINUXBOOT_KERNEL_ADDR  0x100000		/* protected-mode kernel */

/* Setup header fields (offsets into the image). */
#define LINUXBOOT_SETUP_SECTS  0x1f1
#define LINUXBOOT_SYSSIZE      0x1f4	/* 16-byte units, protocol 2.04+ */
#define LINUXBOOT_HEADER       0x202	/* "HdrS" */
#define LINUXBOOT_VERSION      0x206
#define LINUXBOOT_LOADER_TYPE  0x210	/* written: 0xFF, no assigned id */
#define LINUXBOOT_LOADFLAGS    0x211
#define LINUXBOOT_RAMDISK_IMAGE 0x218
#define LINUXBOOT_RAMDISK_SIZE 0x21c
#define LINUXBOOT_HEAP_END     0x224
#define LINUXBOOT_CMD_LINE_PTR 0x228
#define LINUXBOOT_INITRD_MAX   0x22c	/* protocol 2.03+ */
#define LINUXBOOT_CMDLINE_SIZE 0x238	/* protocol 2.06+ */
#define LINUXBOOT_LOADED_HIGH  0x01	/* loadflags: a bzImage */
#define LINUXBOOT_CAN_USE_HEAP 0x80

/* image is patched in place; image, initrd and cmdline must outlive fw.
 * On failure returns false and writes what is wrong into why (why_len
 * bytes) for the user. */
bool linuxboot_load(struct fwcfg_state *fw, uint8_t *image,
		    uint32_t image_len, const uint8_t *initrd,
		    uint32_t initrd_len, const char *cmdline,
		    uint64_t ram_below_4g, char *why, size_t why_len);

#endif
