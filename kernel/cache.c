/* Code-cache sync with synci (MIPS32/64 R2): one synci per line, the step
 * read from rdhwr $1 (SYNCI_Step), then sync.  QEMU forgives a missing sync;
 * real Loongson caches do not. */
#include "kernel/cache.h"

#include <stdint.h>

void cache_sync_code(void *start, size_t len)
{
	unsigned long step;
	uintptr_t p, end = (uintptr_t)start + len;

	__asm__ volatile("rdhwr %0, $1" : "=r"(step));
	if (step == 0)
		return;	/* no caches to sync (SYNCI_Step 0 means none) */
	for (p = (uintptr_t)start & ~(step - 1); p < end; p += step)
		__asm__ volatile("synci 0(%0)" :: "r"(p) : "memory");
	__asm__ volatile("sync" ::: "memory");
}
