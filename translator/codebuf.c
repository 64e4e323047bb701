/* Code-region allocator: placement inside one 256 MB j-region, the fixed-stub
 * boundary and whole-region flushes (counted). */
#include "translator/codebuf.h"

#define REGION_BITS 28	/* j and jal keep the top 36 bits of the delay-slot address */

bool code_region_init(struct code_region *r, void *buf, size_t size, size_t min_bytes)
{
	uintptr_t lo = ((uintptr_t)buf + 15) & ~(uintptr_t)15;
	uintptr_t hi = ((uintptr_t)buf + size) & ~(uintptr_t)15;
	uintptr_t cut = (lo | ((1ull << REGION_BITS) - 1)) + 1;

	/* Keep the larger side of a 256 MB boundary that splits the buffer. */
	if (cut < hi) {
		if (cut - lo >= hi - cut)
			hi = cut;
		else
			lo = cut;
	}
	if (hi <= lo || hi - lo < min_bytes)
		return false;
	r->base = (uint32_t *)lo;
	r->end = (uint32_t *)hi;
	r->tb_start = r->base;
	r->ptr = r->base;
	r->flushes = 0;
	return true;
}

void code_region_seal_stubs(struct code_region *r, uint32_t *stubs_end)
{
	r->tb_start = stubs_end;
	r->ptr = stubs_end;
}

void code_region_flush(struct code_region *r)
{
	r->ptr = r->tb_start;
	r->flushes++;
}
