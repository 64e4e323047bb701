/* A disk whose sectors are a byte array in host memory (an image the
 * kernel carries or was handed), as the ATA model's backend. */
#ifndef MIMIC_DEVICES_RAMDISK_H
#define MIMIC_DEVICES_RAMDISK_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/ata.h"

struct ramdisk {
	uint8_t *data;
	uint64_t bytes;		/* a partial last sector reads as zeros */
	bool writable;		/* false: writes fail as media errors */
};

/* The ATA backend over rd (which must outlive the channel). */
struct ata_disk ramdisk_ata(struct ramdisk *rd);

#endif
