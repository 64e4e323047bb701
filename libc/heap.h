/* The C library's heap: one region given at boot, grown through sbrk. */
#ifndef MIMIC_LIBC_HEAP_H
#define MIMIC_LIBC_HEAP_H

#include <stddef.h>

void heap_init(void *start, size_t size);

#endif
