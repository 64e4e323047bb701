/* The kernel's memory: all RAM the firmware reports, minus the image and the
 * initrd, handed out in page-sized pieces through XKPHYS (or KSEG0 for
 * memory that generated code runs from). */
#ifndef MIMIC_KERNEL_KMEM_H
#define MIMIC_KERNEL_KMEM_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/lefi.h"

enum kmem_flags {
	KMEM_ANY = 0,
	/* In the low 256 MB, returned as a KSEG0 address: code buffers, so
	 * that generated code shares a 256 MB region with kernel text and can
	 * reach helpers with jal. */
	KMEM_LOW = 1,
};

void kmem_init(const struct lefi_info *info, uint64_t initrd_pa, uint64_t initrd_size);
/* Zeroed, page-aligned memory, or NULL if none is left. */
void *kmem_alloc(size_t size, enum kmem_flags flags);
uint64_t kmem_total_bytes(void);
uint64_t kmem_free_bytes(void);

#endif
