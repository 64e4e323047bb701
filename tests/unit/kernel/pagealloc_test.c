/* Page allocator: ranges, reservations, alignment, the low limit, and
 * coalescing on free. */
#include "kernel/pagealloc.h"

#include "test.h"

#define MB (1ull << 20)

static void qemu_like_pool(struct page_pool *p)
{
	page_pool_init(p);
	page_pool_add(p, 0, 240 * MB);
	page_pool_add(p, 0x90000000, 768 * MB);
}

TEST(pagealloc, adds_and_reserves)
{
	struct page_pool p;

	qemu_like_pool(&p);
	EXPECT_EQ(1008 * MB, page_pool_free_bytes(&p));
	page_pool_reserve(&p, 0, 2 * MB);
	page_pool_reserve(&p, 0x200000, 0x12345);	/* rounded out to pages */
	EXPECT_EQ(1008 * MB - 2 * MB - 0x13000, page_pool_free_bytes(&p));
	EXPECT_EQ(2, p.count);
	EXPECT_EQ(0x213000, p.range[0].start);
	/* A reservation in the middle splits a range. */
	page_pool_reserve(&p, 0x4000000, MB);
	EXPECT_EQ(3, p.count);
}

TEST(pagealloc, alignment_and_limit)
{
	struct page_pool p;

	qemu_like_pool(&p);
	page_pool_reserve(&p, 0, 0x3000);
	uint64_t a = page_alloc(&p, 100, 0x10000, UINT64_MAX);
	EXPECT_EQ(0x10000, a);
	/* Too big for the low range under the limit: none. */
	EXPECT_EQ(PAGE_NONE, page_alloc(&p, 300 * MB, PAGE_SIZE, 0x10000000));
	/* Without the limit it comes from high memory. */
	EXPECT_EQ(0x90000000, page_alloc(&p, 300 * MB, PAGE_SIZE, UINT64_MAX));
	/* Nothing is handed out twice. */
	uint64_t b = page_alloc(&p, PAGE_SIZE, PAGE_SIZE, UINT64_MAX);
	EXPECT_EQ(0x3000, b);
}

TEST(pagealloc, free_coalesces)
{
	struct page_pool p;

	page_pool_init(&p);
	page_pool_add(&p, 0, 16 * PAGE_SIZE);
	uint64_t a = page_alloc(&p, PAGE_SIZE, PAGE_SIZE, UINT64_MAX);
	uint64_t b = page_alloc(&p, PAGE_SIZE, PAGE_SIZE, UINT64_MAX);
	uint64_t c = page_alloc(&p, PAGE_SIZE, PAGE_SIZE, UINT64_MAX);
	EXPECT_EQ(13 * PAGE_SIZE, page_pool_free_bytes(&p));
	page_free(&p, a, PAGE_SIZE);
	page_free(&p, c, PAGE_SIZE);
	EXPECT_EQ(2, p.count);
	page_free(&p, b, PAGE_SIZE);
	EXPECT_EQ(1, p.count);
	EXPECT_EQ(16 * PAGE_SIZE, page_pool_free_bytes(&p));
}

TEST(pagealloc, exhaustion)
{
	struct page_pool p;

	page_pool_init(&p);
	page_pool_add(&p, 0x1000, 2 * PAGE_SIZE);
	EXPECT_EQ(PAGE_NONE, page_alloc(&p, 3 * PAGE_SIZE, PAGE_SIZE, UINT64_MAX));
	EXPECT_EQ(0x1000, page_alloc(&p, 2 * PAGE_SIZE, PAGE_SIZE, UINT64_MAX));
	EXPECT_EQ(PAGE_NONE, page_alloc(&p, 1, PAGE_SIZE, UINT64_MAX));
}
