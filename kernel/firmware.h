/* What the firmware hands over at entry (a0 = argc, a1 = argv of 32-bit
 * pointers, a2 = LEFI boot_params): the memory map, the command line, and
 * the initrd that QEMU's loader (or PMON) announces there. */
#ifndef MIMIC_KERNEL_FIRMWARE_H
#define MIMIC_KERNEL_FIRMWARE_H

#include <stdint.h>

#include "kernel/lefi.h"

#define FIRMWARE_CMDLINE_MAX 1024

struct firmware_info {
	struct lefi_info lefi;
	const char *lefi_error;		/* NULL if the table parsed */
	char cmdline[FIRMWARE_CMDLINE_MAX];	/* user options, rd_* removed */
	uint64_t initrd_pa, initrd_size;
};

/* Reads everything without printing (the heap does not exist yet). */
void firmware_read(long argc, const int32_t *argv, const void *boot_params,
		   struct firmware_info *out);
/* The initrd's bytes, or NULL if there is none. */
const void *firmware_initrd(const struct firmware_info *fw);

#endif
