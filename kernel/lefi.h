/* Loongson's LEFI boot interface: the firmware's boot_params table (a2 at
 * entry) parsed into what the kernel needs.  Pure data parsing: no hardware
 * access, so it is unit-tested on the host.  Ref: Linux
 * arch/mips/include/asm/mach-loongson64/boot_param.h (layout facts). */
#ifndef MIMIC_KERNEL_LEFI_H
#define MIMIC_KERNEL_LEFI_H

#include <stddef.h>
#include <stdint.h>

#define LEFI_MAX_RAM 16

enum lefi_mem_type {
	LEFI_RAM_LOW = 1,	/* below 256 MB, also visible in KSEG0 */
	LEFI_RAM_HIGH = 2,
};

struct lefi_ram {
	uint64_t start;		/* physical */
	uint64_t size;		/* bytes */
};

struct lefi_info {
	unsigned nr_ram;
	struct lefi_ram ram[LEFI_MAX_RAM];
	uint32_t cpu_clock_hz;
	uint32_t prid;
	uint32_t nr_cpus;
	char cpu_name[65];
	char board_name[65];
	uint64_t uart_base;		/* physical, 0 if none */
	uint64_t fw_shutdown;		/* firmware entry points, 0 if none */
	uint64_t fw_reset;
};

/* Parses the table at bp (len readable bytes from bp).  Returns NULL on
 * success, or a message saying what is wrong with the table. */
const char *lefi_parse(const void *bp, size_t len, struct lefi_info *out);

/* Total bytes of RAM the table reports. */
uint64_t lefi_ram_total(const struct lefi_info *info);

#endif
