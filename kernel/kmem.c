/* Boot-time memory map: the LEFI RAM ranges go into a page pool, the image
 * (and the firmware's low 2 MB, where PMON keeps its data) and the initrd
 * are reserved, and the C library's heap is carved out first. */
#include "kernel/kmem.h"

#include <string.h>

#include "kernel/cp0.h"
#include "kernel/pagealloc.h"
#include "libc/heap.h"

#define FIRMWARE_LOW_RESERVE 0x200000ull
#define LOW_LIMIT            0x10000000ull	/* what KSEG0 reaches of RAM here */
#define HEAP_SIZE            (64ull << 20)

extern char _image_start[], _image_end[];

static struct page_pool pool;
static uint64_t total;

void kmem_init(const struct lefi_info *info, uint64_t initrd_pa, uint64_t initrd_size)
{
	page_pool_init(&pool);
	for (unsigned i = 0; i < info->nr_ram; i++)
		page_pool_add(&pool, info->ram[i].start, info->ram[i].size);
	total = page_pool_free_bytes(&pool);
	page_pool_reserve(&pool, 0, FIRMWARE_LOW_RESERVE);
	page_pool_reserve(&pool, virt_to_phys(_image_start),
			  (uint64_t)(_image_end - _image_start));
	if (initrd_size)
		page_pool_reserve(&pool, initrd_pa, initrd_size);
	void *heap = kmem_alloc(HEAP_SIZE, KMEM_ANY);
	heap_init(heap, heap ? HEAP_SIZE : 0);
}

void *kmem_alloc(size_t size, enum kmem_flags flags)
{
	uint64_t limit = flags & KMEM_LOW ? LOW_LIMIT : UINT64_MAX;
	uint64_t pa = page_alloc(&pool, size, PAGE_SIZE, limit);
	void *va;

	if (pa == PAGE_NONE)
		return NULL;
	va = flags & KMEM_LOW ? (void *)(uintptr_t)(KSEG0_BASE + pa) : phys_to_cached(pa);
	memset(va, 0, size);
	return va;
}

uint64_t kmem_total_bytes(void) { return total; }
uint64_t kmem_free_bytes(void) { return page_pool_free_bytes(&pool); }
