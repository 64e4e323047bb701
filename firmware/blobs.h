/* The x86 blobs linked into the kernel image (firmware/blobs.S). */
#ifndef MIMIC_FIRMWARE_BLOBS_H
#define MIMIC_FIRMWARE_BLOBS_H

#include <stdint.h>

/* The boot disk: firmware/bootsect.asm in sector 0, zeros after it. */
extern const uint8_t firmware_bootdisk[], firmware_bootdisk_end[];

/* Debian's SeaBIOS (/usr/share/seabios/bios.bin at build time). */
extern const uint8_t firmware_seabios[], firmware_seabios_end[];

/* Debian's linuxboot_dma.bin (qemu-system-data): the option ROM that
 * loads a Linux kernel from fw_cfg, as for QEMU's -kernel. */
extern const uint8_t firmware_linuxboot_dma[], firmware_linuxboot_dma_end[];

#endif
