/* The TLB and the slow paths: which lines get tags (RAM, ROM, MMIO, code),
 * page-crossing accesses checked on both pages before any byte is written,
 * code pages aliased under several linear pages, block ranges. */
#include "test.h"

#include "rig.h"

static const struct softmmu_tlb_entry *line(struct rig *r, enum softmmu_kind kind, uint32_t lin)
{
	return &r->m.tlb[kind][(lin >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1)];
}

/* What generated code does on a hit. */
static uint8_t *host_of(const struct softmmu_tlb_entry *t, uint32_t lin)
{
	return (uint8_t *)(uintptr_t)(t->addend + (uint64_t)(int64_t)(int32_t)lin);
}

TEST(tlb, ram_lines_get_tags_and_addend)
{
	struct rig *r = rig_new();
	const struct softmmu_tlb_entry *t = line(r, SOFTMMU_KERNEL, 0x123456);

	EXPECT_EQ(SOFTMMU_TAG_NONE, t->read_tag);
	softmmu_load(&r->m, 0x123456, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0x123000, t->read_tag);
	EXPECT_EQ(0x123000, t->write_tag);
	EXPECT_TRUE(host_of(t, 0x123456) == r->ram + 0x123456);
	/* Above 2 GB linear: tags and addresses are sign-extended. */
	map4k(r, 0xc0001000u, 0x5000, P | RW, P | RW | D);
	paging_on(r, 0, 0);
	softmmu_store(&r->m, 0xc0001ffcu, 0x01020304u, 4, SOFTMMU_KERNEL);
	t = line(r, SOFTMMU_KERNEL, 0xc0001000u);
	EXPECT_EQ((int32_t)0xc0001000u, t->write_tag);
	EXPECT_TRUE(host_of(t, 0xc0001ffcu) == r->ram + 0x5ffc);
	EXPECT_EQ(0x01020304u, ram32(r, 0x5ffc));
	rig_free(r);
}

static uint32_t dev_read(void *opaque, uint32_t offset, unsigned size)
{
	(*(int *)opaque)++;
	return offset + size;
}

static void dev_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
	(void)offset;
	(void)value;
	(void)size;
	(*(int *)opaque)++;
}

TEST(tlb, rom_reads_through_tlb_mmio_never)
{
	struct rig *r = rig_new();
	static const struct softmmu_mmio_ops ops = { dev_read, dev_write, "test-dev" };
	static uint32_t rom[0x400];
	int calls = 0;

	rom[1] = 0xfeedface;
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xfff00000u, sizeof(rom), rom, 1));
	EXPECT_TRUE(softmmu_map_mmio(&r->m, 0xfee00000u, 0x1000, &ops, &calls, 1));
	EXPECT_EQ(0xfeedface, softmmu_load(&r->m, 0xfff00004u, 4, SOFTMMU_KERNEL));
	EXPECT_EQ((int32_t)0xfff00000u, line(r, SOFTMMU_KERNEL, 0xfff00000u)->read_tag);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, 0xfff00000u)->write_tag);
	softmmu_store(&r->m, 0xfff00004u, 0, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0xfeedface, rom[1]);
	EXPECT_EQ(0x24, softmmu_load(&r->m, 0xfee00020u, 4, SOFTMMU_KERNEL));
	softmmu_store(&r->m, 0xfee00020u, 1, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(2, calls);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, 0xfee00000u)->read_tag);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, 0xfee00000u)->write_tag);
	/* Unassigned: no tags either, reads all ones. */
	EXPECT_EQ(0xffffffffu, softmmu_load(&r->m, 0x40000000u, 4, SOFTMMU_KERNEL));
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, 0x40000000u)->read_tag);
	/* A page only partly RAM: slow path, byte by byte right. */
	EXPECT_TRUE(softmmu_map_mmio(&r->m, 0x7800, 0x10, &ops, &calls, 1));
	r->ram[0x7810] = 0x42;
	EXPECT_EQ(0x42, softmmu_load(&r->m, 0x7810, 1, SOFTMMU_KERNEL));
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, 0x7000)->read_tag);
	rig_free(r);
}

TEST(tlb, map_change_flushes)
{
	struct rig *r = rig_new();
	static uint8_t rom[0x1000];

	softmmu_load(&r->m, 0x9000, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0x9000, line(r, SOFTMMU_KERNEL, 0x9000)->read_tag);
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0x9000, sizeof(rom), rom, 1));
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, 0x9000)->read_tag);
	rig_free(r);
}

/* Two linear pages at distant physical pages. */
static struct rig *crossing_rig(uint32_t second_pte)
{
	struct rig *r = rig_new();

	map4k(r, 0x400000, 0x300000, P | RW | US, P | RW | US);
	map4k(r, 0x401000, 0x208000, P | RW | US, second_pte);
	set_ram32(r, 0x300ffc, 0x44332211u);
	set_ram32(r, 0x208000, 0x88776655u);
	paging_on(r, CR0_WP, 0);
	return r;
}

TEST(tlb, crossing_loads_join_pages)
{
	struct rig *r = crossing_rig(P | RW | US);
	uint32_t v = 0;

	for (unsigned off = 1; off < 4; off++) {
		EXPECT_TRUE(!load_faults(r, 0x400ffc + off, 4, SOFTMMU_USER, &v));
		EXPECT_EQ((uint32_t)(0x8877665544332211ull >> (8 * off)), v);
	}
	EXPECT_TRUE(!load_faults(r, 0x400fff, 2, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0x5544, v);
	rig_free(r);
}

TEST(tlb, crossing_store_checks_both_pages_first)
{
	struct rig *r = crossing_rig(P | US);	/* second page read-only */
	uint32_t v = 0;

	EXPECT_TRUE(store_faults(r, 0x400ffe, 0xaabbccdd, 4, SOFTMMU_USER));
	EXPECT_EQ(0x401000, r->fault_lin);
	EXPECT_EQ(SOFTMMU_PF_P | SOFTMMU_PF_W | SOFTMMU_PF_U, r->fault_error);
	EXPECT_EQ(0x44332211u, ram32(r, 0x300ffc));	/* the first page untouched */
	EXPECT_EQ(0x88776655u, ram32(r, 0x208000));
	rig_free(r);
	/* Second page not present: same, and loads fault there too. */
	r = crossing_rig(0);
	EXPECT_TRUE(store_faults(r, 0x400fff, 0xaabbccdd, 2, SOFTMMU_KERNEL));
	EXPECT_EQ(0x401000, r->fault_lin);
	EXPECT_EQ(SOFTMMU_PF_W, r->fault_error);
	EXPECT_EQ(0x44332211u, ram32(r, 0x300ffc));
	EXPECT_TRUE(load_faults(r, 0x400ffd, 4, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0x401000, r->fault_lin);
	EXPECT_EQ(0, r->fault_error);
	rig_free(r);
	/* Both writable: the bytes split across the pages. */
	r = crossing_rig(P | RW | US);
	EXPECT_TRUE(!store_faults(r, 0x400ffe, 0xaabbccdd, 4, SOFTMMU_USER));
	EXPECT_EQ(0xccdd2211u, ram32(r, 0x300ffc));
	EXPECT_EQ(0x8877aabbu, ram32(r, 0x208000));
	rig_free(r);
}

TEST(tlb, crossing_wraps_at_4g)
{
	struct rig *r = rig_new();
	static uint8_t rom[0x1000];

	rom[0xfff] = 0x11;
	r->ram[0] = 0x22;
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xfffff000u, sizeof(rom), rom, 1));
	EXPECT_EQ(0x2211, softmmu_load(&r->m, 0xffffffffu, 2, SOFTMMU_KERNEL));
	softmmu_store(&r->m, 0xffffffffu, 0x3344, 2, SOFTMMU_KERNEL);
	EXPECT_EQ(0x33, r->ram[0]);
	EXPECT_EQ(0x11, rom[0xfff]);
	rig_free(r);
}

/* Code on a physical page mapped at two linear pages: marking it takes the
 * write tag from both lines; a store through either reports the physical
 * byte before changing it; once the code is gone stores go fast again. */
TEST(tlb, code_page_aliases)
{
	struct rig *r = rig_new();
	uint32_t a = 0x00400000u, b = 0x00805000u, code = 0x00231000u;

	map4k(r, a, code, P | RW | US, P | RW | US | D);
	map4k(r, b, code, P | RW | US, P | RW | US | D);
	paging_on(r, 0, 0);
	softmmu_store(&r->m, a + 8, 1, 4, SOFTMMU_KERNEL);
	softmmu_store(&r->m, b + 8, 2, 4, SOFTMMU_USER);
	EXPECT_EQ((int32_t)a, line(r, SOFTMMU_KERNEL, a)->write_tag);
	EXPECT_EQ((int32_t)b, line(r, SOFTMMU_USER, b)->write_tag);
	softmmu_mark_code(&r->m, code + 0x40);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, a)->write_tag);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_USER, b)->write_tag);
	EXPECT_EQ((int32_t)a, line(r, SOFTMMU_KERNEL, a)->read_tag);	/* reads stay fast */
	softmmu_store(&r->m, b + 0x41, 0x5555, 2, SOFTMMU_USER);
	EXPECT_EQ(2, r->code_writes);
	EXPECT_EQ(code + 0x42, r->code_write_at);
	EXPECT_EQ(0x5555, ram32(r, code + 0x41) & 0xffff);
	/* A fresh fill of a third alias gets no write tag either. */
	map4k(r, 0x00c00000u, code, P | RW, P | RW | D);
	softmmu_load(&r->m, 0x00c00000u, 1, SOFTMMU_KERNEL);
	EXPECT_EQ(SOFTMMU_TAG_NONE, line(r, SOFTMMU_KERNEL, 0x00c00000u)->write_tag);
	/* The callee drops the code: the next slow store restores the tag. */
	r->drop_code_on_write = true;
	softmmu_store(&r->m, a + 0x40, 7, 1, SOFTMMU_KERNEL);
	EXPECT_EQ(3, r->code_writes);
	EXPECT_EQ((int32_t)a, line(r, SOFTMMU_KERNEL, a)->write_tag);
	softmmu_store(&r->m, b + 0x40, 8, 1, SOFTMMU_USER);
	EXPECT_EQ(3, r->code_writes);
	EXPECT_EQ(8, r->ram[code + 0x40]);
	/* DMA into a code page is reported too. */
	r->drop_code_on_write = false;
	softmmu_mark_code(&r->m, code);
	softmmu_phys_store(&r->m, code + 0x80, 9, 1);
	EXPECT_EQ(4, r->code_writes);
	rig_free(r);
}

/* Code read from a shadowed ROM does not mark the RAM page under it. */
TEST(tlb, code_from_rom_shadow_not_marked)
{
	struct rig *r = rig_new();
	static uint8_t bios[0x10000];

	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xf0000, sizeof(bios), bios, 1));
	softmmu_set_shadow(&r->m, 0xf0000, 0x10000, false, true);
	softmmu_mark_code(&r->m, 0xf0000);
	softmmu_store(&r->m, 0xf0000, 1, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(0, r->code_writes);
	EXPECT_EQ(1, r->ram[0xf0000]);
	softmmu_set_shadow(&r->m, 0xf0000, 0x10000, true, true);
	softmmu_mark_code(&r->m, 0xf0000);
	softmmu_store(&r->m, 0xf0000, 2, 4, SOFTMMU_KERNEL);
	EXPECT_EQ(4, r->code_writes);	/* one per byte */
	rig_free(r);
}

TEST(tlb, translate_for_fetch)
{
	struct rig *r = rig_new();
	uint32_t phys = 0;

	map4k(r, 0x400000, 0x300000, P | RW | US, P | US);
	map4k(r, 0x401000, 0x301000, P | RW | US, P);
	paging_on(r, CR0_WP, 0);
	EXPECT_TRUE(!translate_faults(r, 0x400123, SOFTMMU_FETCH, SOFTMMU_USER, &phys));
	EXPECT_EQ(0x300123, phys);
	EXPECT_TRUE(ram32(r, pte_addr(r, 0x400000, 0)) & A);
	EXPECT_TRUE(translate_faults(r, 0x401123, SOFTMMU_FETCH, SOFTMMU_USER, &phys));
	EXPECT_EQ(0x401123, r->fault_lin);
	EXPECT_EQ(SOFTMMU_PF_P | SOFTMMU_PF_U, r->fault_error);
	EXPECT_TRUE(!translate_faults(r, 0x401123, SOFTMMU_FETCH, SOFTMMU_KERNEL, &phys));
	EXPECT_EQ(0x301123, phys);
	rig_free(r);
}

TEST(tlb, host_range_for_block_ops)
{
	struct rig *r = rig_new();

	/* Paging off: RAM is contiguous. */
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x100000, 0x5000, SOFTMMU_WRITE, SOFTMMU_KERNEL) == r->ram + 0x100000);
	EXPECT_TRUE(softmmu_host_range(&r->m, RIG_RAM - 0x10, 0x20, SOFTMMU_READ, SOFTMMU_KERNEL) == NULL);
	softmmu_mark_code(&r->m, 0x102000);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x100000, 0x5000, SOFTMMU_WRITE, SOFTMMU_KERNEL) == NULL);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x100000, 0x5000, SOFTMMU_READ, SOFTMMU_KERNEL) == r->ram + 0x100000);
	/* Paging: contiguous physical pages only; a refusal is not a fault. */
	map4k(r, 0x400000, 0x300000, P | RW, P | RW);
	map4k(r, 0x401000, 0x301000, P | RW, P | RW);
	map4k(r, 0x402000, 0x200000, P | RW, P | RW);
	map4k(r, 0x403000, 0x201000, P | RW, P);
	paging_on(r, CR0_WP, 0);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x400010, 0x1ff0, SOFTMMU_WRITE, SOFTMMU_KERNEL) == r->ram + 0x300010);
	EXPECT_TRUE(ram32(r, pte_addr(r, 0x401000, 0)) & D);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x401000, 0x2000, SOFTMMU_READ, SOFTMMU_KERNEL) == NULL);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x402000, 0x2000, SOFTMMU_READ, SOFTMMU_KERNEL) == r->ram + 0x200000);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x402000, 0x2000, SOFTMMU_WRITE, SOFTMMU_KERNEL) == NULL);
	EXPECT_TRUE(softmmu_host_range(&r->m, 0x404000, 0x10, SOFTMMU_READ, SOFTMMU_KERNEL) == NULL);
	EXPECT_EQ(0, r->faults);
	rig_free(r);
}
