/* The x86 blobs linked into the kernel image (firmware/blobs.S). */
#ifndef MIMIC_FIRMWARE_BLOBS_H
#define MIMIC_FIRMWARE_BLOBS_H

#include <stdint.h>

/* The boot disk: firmware/bootsect.asm in sector 0, zeros after it. */
extern const uint8_t firmware_bootdisk[], firmware_bootdisk_end[];

/* Debian's SeaBIOS (/usr/share/seabios/bios.bin at build time). */
extern const uint8_t firmware_seabios[], firmware_seabios_end[];

#endif
