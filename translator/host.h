/* The one host service the translator needs from its embedder.  The kernel
 * implements it with synci/sync; the hosted build with __builtin___clear_cache. */
#ifndef MIMIC_TRANSLATOR_HOST_H
#define MIMIC_TRANSLATOR_HOST_H

#include <stddef.h>

/* Make [start, start+len) of freshly written code visible to instruction fetch. */
void host_sync_code(void *start, size_t len);

#endif
