/* Data watches: which accesses report a hit (overlap, direction, page
 * crossing), and that watched pages lose the TLB tags generated code would
 * use to go around the check. */
#include "test.h"

#include "rig.h"

static const struct softmmu_tlb_entry *line(struct rig *r, uint32_t lin)
{
	return &r->m.tlb[SOFTMMU_KERNEL][(lin >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1)];
}

TEST(watch, writes_only_or_reads_too)
{
	struct rig *r = rig_new();

	softmmu_set_watch(&r->m, 1, 0x840, 4, false);
	softmmu_load(&r->m, 0x840, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0u, r->watch_hits);
	softmmu_store(&r->m, 0x83e, 0x1234, 2, SOFTMMU_KERNEL);	/* ends before it */
	EXPECT_EQ(0u, r->watch_hits);
	softmmu_store(&r->m, 0x842, 0x5a5a, 2, SOFTMMU_KERNEL);
	EXPECT_EQ(2u, r->watch_hits);
	EXPECT_EQ(0x5a5au, ram32(r, 0x840) >> 16);	/* the store still happens */
	r->watch_hits = 0;
	softmmu_set_watch(&r->m, 1, 0x840, 4, true);
	softmmu_load(&r->m, 0x843, 1, SOFTMMU_KERNEL);
	EXPECT_EQ(2u, r->watch_hits);
	r->watch_hits = 0;
	softmmu_set_watch(&r->m, 1, 0, 0, false);
	softmmu_store(&r->m, 0x840, 0, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0u, r->watch_hits);
	rig_free(r);
}

TEST(watch, page_crossing_access)
{
	struct rig *r = rig_new();

	softmmu_set_watch(&r->m, 3, 0x2000, 1, true);
	softmmu_load(&r->m, 0x1ffe, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(8u, r->watch_hits);
	rig_free(r);
}

TEST(watch, watched_pages_lose_their_tags)
{
	struct rig *r = rig_new();

	softmmu_load(&r->m, 0x5000, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0x5000, line(r, 0x5000)->write_tag);
	softmmu_set_watch(&r->m, 0, 0x5ff0, 2, false);	/* writes: reads keep theirs */
	softmmu_load(&r->m, 0x5000, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0x5000, line(r, 0x5000)->read_tag);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, 0x5000)->write_tag);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x5000, 0x1000, SOFTMMU_WRITE, SOFTMMU_KERNEL) == NULL);
	softmmu_set_watch(&r->m, 0, 0x5ff0, 2, true);
	softmmu_load(&r->m, 0x5000, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, 0x5000)->read_tag);
	softmmu_set_watch(&r->m, 0, 0, 0, false);
	softmmu_load(&r->m, 0x5000, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0x5000, line(r, 0x5000)->write_tag);
	rig_free(r);
}
