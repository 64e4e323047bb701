/* Physical page allocator: a sorted list of free ranges, first fit, with
 * alignment and an upper address limit (code buffers must sit in the low
 * 256 MB that KSEG0 reaches).  Pure bookkeeping, unit-tested on the host. */
#ifndef MIMIC_KERNEL_PAGEALLOC_H
#define MIMIC_KERNEL_PAGEALLOC_H

#include <stdint.h>

#define PAGE_SIZE 4096ull
#define PAGE_POOL_RANGES 64
#define PAGE_NONE UINT64_MAX

struct page_pool {
	unsigned count;
	struct { uint64_t start, end; } range[PAGE_POOL_RANGES];	/* [start, end) */
};

void page_pool_init(struct page_pool *p);
/* Adds free memory; the range is shrunk to whole pages. */
void page_pool_add(struct page_pool *p, uint64_t start, uint64_t size);
/* Takes a range out of the free list (the kernel image, an initrd...). */
void page_pool_reserve(struct page_pool *p, uint64_t start, uint64_t size);
/* Allocates size bytes (rounded up to pages) aligned to align (a power of
 * two, at least a page), ending at or below limit.  PAGE_NONE if none. */
uint64_t page_alloc(struct page_pool *p, uint64_t size, uint64_t align, uint64_t limit);
void page_free(struct page_pool *p, uint64_t start, uint64_t size);
uint64_t page_pool_free_bytes(const struct page_pool *p);

#endif
