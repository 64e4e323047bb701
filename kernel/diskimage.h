/* A disk image a user hands over as the PC's boot disk (disk=initrd):
 * what makes it one the BIOS can boot from the primary ATA master. */
#ifndef MIMIC_KERNEL_DISKIMAGE_H
#define MIMIC_KERNEL_DISKIMAGE_H

#include <stddef.h>
#include <stdint.h>

#define DISKIMAGE_SECTOR    512
#define DISKIMAGE_MAX_BYTES (1ull << 37)	/* 2^28 sectors: 28-bit LBA */

/* NULL if image (len bytes) is a bootable disk: whole 512-byte sectors,
 * at least one, no more than 28-bit LBA reaches, and sector 0 ending in
 * the boot signature 55 AA that the BIOS requires.  Otherwise why not,
 * as a sentence for the user. */
const char *diskimage_check(const uint8_t *image, size_t len);

#endif
