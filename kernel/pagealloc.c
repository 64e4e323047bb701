/* Free-range list kept sorted and coalesced; every operation is a walk over
 * at most PAGE_POOL_RANGES entries, which is plenty for a boot-time and
 * buffer-sized allocator (small objects come from malloc). */
#include "kernel/pagealloc.h"

#include <string.h>

static uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }
static uint64_t round_down(uint64_t v, uint64_t a) { return v & ~(a - 1); }

void page_pool_init(struct page_pool *p)
{
	memset(p, 0, sizeof(*p));
}

static void remove_at(struct page_pool *p, unsigned i)
{
	memmove(&p->range[i], &p->range[i + 1], (p->count - i - 1) * sizeof(p->range[0]));
	p->count--;
}

static void insert_at(struct page_pool *p, unsigned i, uint64_t start, uint64_t end)
{
	if (p->count == PAGE_POOL_RANGES)
		return;	/* too fragmented: the memory is lost, never corrupted */
	memmove(&p->range[i + 1], &p->range[i], (p->count - i) * sizeof(p->range[0]));
	p->range[i].start = start;
	p->range[i].end = end;
	p->count++;
}

void page_free(struct page_pool *p, uint64_t start, uint64_t size)
{
	uint64_t s = round_up(start, PAGE_SIZE), e = round_down(start + size, PAGE_SIZE);
	unsigned i = 0;

	if (e <= s)
		return;
	while (i < p->count && p->range[i].end < s)
		i++;
	/* Merge with every neighbour that touches or overlaps [s, e). */
	while (i < p->count && p->range[i].start <= e) {
		if (p->range[i].start < s)
			s = p->range[i].start;
		if (p->range[i].end > e)
			e = p->range[i].end;
		remove_at(p, i);
	}
	insert_at(p, i, s, e);
}

void page_pool_add(struct page_pool *p, uint64_t start, uint64_t size)
{
	page_free(p, start, size);
}

void page_pool_reserve(struct page_pool *p, uint64_t start, uint64_t size)
{
	uint64_t s = round_down(start, PAGE_SIZE), e = round_up(start + size, PAGE_SIZE);

	for (unsigned i = 0; i < p->count;) {
		uint64_t rs = p->range[i].start, re = p->range[i].end;

		if (re <= s || rs >= e) {
			i++;
			continue;
		}
		remove_at(p, i);
		if (rs < s)
			insert_at(p, i++, rs, s);
		if (re > e)
			insert_at(p, i++, e, re);
	}
}

uint64_t page_alloc(struct page_pool *p, uint64_t size, uint64_t align, uint64_t limit)
{
	size = round_up(size, PAGE_SIZE);
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	for (unsigned i = 0; i < p->count; i++) {
		uint64_t s = round_up(p->range[i].start, align);

		if (s + size <= p->range[i].end && s + size <= limit && s + size > s) {
			page_pool_reserve(p, s, size);
			return s;
		}
	}
	return PAGE_NONE;
}

uint64_t page_pool_free_bytes(const struct page_pool *p)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < p->count; i++)
		n += p->range[i].end - p->range[i].start;
	return n;
}
