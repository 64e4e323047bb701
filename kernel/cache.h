/* Making freshly written code visible to instruction fetch. */
#ifndef MIMIC_KERNEL_CACHE_H
#define MIMIC_KERNEL_CACHE_H

#include <stddef.h>

/* Writes back the D-cache lines and invalidates the I-cache lines covering
 * [start, start+len); the caller then enters the code with jr.hb/jalr.hb. */
void cache_sync_code(void *start, size_t len);

#endif
