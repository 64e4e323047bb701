/* The physical map: RAM, ROM (writes dropped), MMIO dispatch with offsets
 * and sizes, unassigned all-ones, priorities, PAM shadowing, the A20 gate,
 * and the map-change reports. */
#include "test.h"

#include "rig.h"

struct mmio_log {
	int reads, writes;
	uint32_t offset, value;
	unsigned size;
};

static uint32_t mmio_read(void *opaque, uint32_t offset, unsigned size)
{
	struct mmio_log *l = opaque;

	l->reads++;
	l->offset = offset;
	l->size = size;
	return 0xa0b0c0d0u + offset;
}

static void mmio_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
	struct mmio_log *l = opaque;

	l->writes++;
	l->offset = offset;
	l->value = value;
	l->size = size;
}

static const struct softmmu_mmio_ops mmio_ops = { mmio_read, mmio_write, "test-mmio" };

TEST(physmap, ram_little_endian)
{
	struct rig *r = rig_new();

	softmmu_phys_store(&r->m, 0x1234, 0x11223344u, 4);
	EXPECT_EQ(0x44, r->ram[0x1234]);
	EXPECT_EQ(0x11, r->ram[0x1237]);
	EXPECT_EQ(0x2233, softmmu_phys_load(&r->m, 0x1235, 2));
	EXPECT_EQ(0x11223344u, softmmu_phys_load(&r->m, 0x1234, 4));
	rig_free(r);
}

TEST(physmap, unassigned_reads_ones_drops_writes)
{
	struct rig *r = rig_new();

	EXPECT_EQ(0xff, softmmu_phys_load(&r->m, RIG_RAM, 1));
	EXPECT_EQ(0xffff, softmmu_phys_load(&r->m, 0x80000000u, 2));
	EXPECT_EQ(0xffffffffu, softmmu_phys_load(&r->m, 0xfffffffcu, 4));
	softmmu_phys_store(&r->m, RIG_RAM, 0x12345678u, 4);
	EXPECT_EQ(0xffffffffu, softmmu_phys_load(&r->m, RIG_RAM, 4));
	/* Straddling RAM's end: the RAM bytes, then ones. */
	r->ram[RIG_RAM - 1] = 0x5a;
	EXPECT_EQ(0xffffff5au, softmmu_phys_load(&r->m, RIG_RAM - 1, 4));
	/* Wrapping past 4 GB: ones, then RAM at 0. */
	r->ram[0] = 0x77;
	EXPECT_EQ(0x77ffu, softmmu_phys_load(&r->m, 0xffffffffu, 2));
	rig_free(r);
}

TEST(physmap, rom_reads_and_drops_writes)
{
	struct rig *r = rig_new();
	uint8_t rom[0x20000];

	for (unsigned i = 0; i < sizeof(rom); i++)
		rom[i] = (uint8_t)(i * 7);
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xfffe0000u, sizeof(rom), rom, 1));
	EXPECT_EQ(1, r->changes);
	EXPECT_EQ(0xfffe0000u, r->changed_base);
	EXPECT_EQ(sizeof(rom), r->changed_size);
	EXPECT_EQ(rom[0x1fff0] | rom[0x1fff1] << 8, softmmu_phys_load(&r->m, 0xfffffff0u, 2));
	softmmu_phys_store(&r->m, 0xfffffff0u, 0xdeadbeefu, 4);
	EXPECT_EQ((uint8_t)(0x1fff0 * 7), rom[0x1fff0]);
	EXPECT_EQ((uint8_t)(0x1fff0 * 7), softmmu_phys_load(&r->m, 0xfffffff0u, 1));
	rig_free(r);
}

TEST(physmap, priority_decides_overlaps)
{
	struct rig *r = rig_new();
	uint8_t low[0x2000], high[0x1000];
	struct mmio_log log = { 0 };

	memset(low, 0x11, sizeof(low));
	memset(high, 0x22, sizeof(high));
	r->ram[0x10000] = 0x99;
	/* ROM over RAM (priority 0) hides it; RAM is still there underneath. */
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0x10000, sizeof(low), low, 1));
	EXPECT_EQ(0x11, softmmu_phys_load(&r->m, 0x10000, 1));
	softmmu_phys_store(&r->m, 0x10000, 0x33, 1);
	EXPECT_EQ(0x99, r->ram[0x10000]);
	/* A higher priority wins where it overlaps, whatever the order. */
	EXPECT_TRUE(softmmu_map_mmio(&r->m, 0x11000, 0x1000, &mmio_ops, &log, 3));
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0x10800, sizeof(high), high, 2));
	EXPECT_EQ(0x11, softmmu_phys_load(&r->m, 0x107ff, 1));
	EXPECT_EQ(0x22, softmmu_phys_load(&r->m, 0x10800, 1));
	EXPECT_EQ(0xa0b0c0d0u + 0x10, softmmu_phys_load(&r->m, 0x11010, 4));
	EXPECT_EQ(1, log.reads);
	/* Equal priority: the region mapped last wins. */
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0x10000, sizeof(high), high, 1));
	EXPECT_EQ(0x22, softmmu_phys_load(&r->m, 0x10000, 1));
	/* Unmapping uncovers what was below. */
	EXPECT_TRUE(softmmu_unmap(&r->m, 0x10000, sizeof(high)));
	EXPECT_EQ(0x11, softmmu_phys_load(&r->m, 0x10000, 1));
	EXPECT_TRUE(softmmu_unmap(&r->m, 0x10000, sizeof(low)));
	EXPECT_EQ(0x99, softmmu_phys_load(&r->m, 0x10000, 1));
	EXPECT_TRUE(!softmmu_unmap(&r->m, 0x10000, sizeof(low)));
	EXPECT_TRUE(!softmmu_unmap(&r->m, 0, RIG_RAM));	/* RAM stays */
	rig_free(r);
}

TEST(physmap, bad_ranges_refused)
{
	struct rig *r = rig_new();
	uint8_t rom[16];

	EXPECT_TRUE(!softmmu_map_rom(&r->m, 0x1000, 0, rom, 1));
	EXPECT_TRUE(!softmmu_map_rom(&r->m, 0xfffffff8u, sizeof(rom), rom, 1));
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xfffffff0u, sizeof(rom), rom, 1));
	for (unsigned i = 2; i < SOFTMMU_MAX_REGIONS; i++)
		EXPECT_TRUE(softmmu_map_rom(&r->m, 0x1000 * i, sizeof(rom), rom, 1));
	EXPECT_TRUE(!softmmu_map_rom(&r->m, 0x100000, sizeof(rom), rom, 1));
	rig_free(r);
}

TEST(physmap, mmio_offsets_and_sizes)
{
	struct rig *r = rig_new();
	struct mmio_log log = { 0 };

	EXPECT_TRUE(softmmu_map_mmio(&r->m, 0xfec00000u, 0x20, &mmio_ops, &log, 1));
	for (unsigned size = 1; size <= 4; size *= 2) {
		log = (struct mmio_log){ 0 };
		softmmu_phys_store(&r->m, 0xfec00010u, 0x87654321u & (~0u >> (32 - 8 * size)), size);
		EXPECT_EQ(1, log.writes);
		EXPECT_EQ(0x10, log.offset);
		EXPECT_EQ(size, log.size);
		EXPECT_EQ(0x87654321u & (~0u >> (32 - 8 * size)), log.value);
		EXPECT_EQ((0xa0b0c0d0u + 0x12) & (~0u >> (32 - 8 * size)), softmmu_phys_load(&r->m, 0xfec00012u, size));
		EXPECT_EQ(0x12, log.offset);
		EXPECT_EQ(size, log.size);
	}
	/* Across the region's end: its byte from the device, then unassigned. */
	log = (struct mmio_log){ 0 };
	EXPECT_EQ(0xffffff00u | ((0xa0b0c0d0u + 0x1f) & 0xff), softmmu_phys_load(&r->m, 0xfec0001fu, 4));
	EXPECT_EQ(1, log.reads);
	EXPECT_EQ(1, log.size);
	softmmu_phys_store(&r->m, 0xfec0001eu, 0x44332211u, 4);
	EXPECT_EQ(2, log.writes);
	EXPECT_EQ(0x1f, log.offset);
	EXPECT_EQ(0x22, log.value);
	rig_free(r);
}

/* A PAM chunk over a BIOS ROM: each of the four modes, reads and writes. */
TEST(physmap, pam_modes)
{
	struct rig *r = rig_new();
	static uint8_t bios[0x20000];
	static const bool modes[4][2] = { { false, false }, { true, false }, { false, true }, { true, true } };

	memset(bios, 0xb1, sizeof(bios));
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xe0000, sizeof(bios), bios, 1));
	for (unsigned i = 0; i < 4; i++) {
		bool rd = modes[i][0], wr = modes[i][1];

		r->ram[0xf0000] = 0x5a;
		softmmu_set_shadow(&r->m, 0xf0000, 0x4000, rd, wr);
		EXPECT_EQ(rd ? 0x5a : 0xb1, softmmu_phys_load(&r->m, 0xf0000, 1));
		softmmu_phys_store(&r->m, 0xf0000, 0xc3, 1);
		EXPECT_EQ(wr ? 0xc3 : 0x5a, r->ram[0xf0000]);
		EXPECT_EQ(0xb1, bios[0x10000]);
		/* The neighbouring chunk keeps its own mode (all RAM at init). */
		r->ram[0xf4000] = 0x6b;
		EXPECT_EQ(0x6b, softmmu_phys_load(&r->m, 0xf4000, 1));
	}
	/* Without a ROM underneath, a chunk not reading RAM reads unassigned. */
	softmmu_set_shadow(&r->m, 0xc0000, 0x4000, false, false);
	r->ram[0xc0000] = 0x12;
	EXPECT_EQ(0xff, softmmu_phys_load(&r->m, 0xc0000, 1));
	/* A read straddling two chunks in different modes: byte by byte. */
	softmmu_set_shadow(&r->m, 0xf0000, 0x4000, false, false);
	softmmu_set_shadow(&r->m, 0xf4000, 0x4000, true, true);
	r->ram[0xf4000] = 0x6b;
	EXPECT_EQ(0x6bb1, softmmu_phys_load(&r->m, 0xf3fff, 2));
	rig_free(r);
}

TEST(physmap, pam_reports_read_changes)
{
	struct rig *r = rig_new();

	r->changes = 0;
	softmmu_set_shadow(&r->m, 0xe0000, 0x20000, true, false);	/* writes only: same contents */
	EXPECT_EQ(0, r->changes);
	softmmu_set_shadow(&r->m, 0xe4000, 0x8000, false, false);
	EXPECT_EQ(1, r->changes);
	EXPECT_EQ(0xe4000, r->changed_base);
	EXPECT_EQ(0x8000, r->changed_size);
	softmmu_set_shadow(&r->m, 0xe4000, 0x8000, false, false);	/* no change */
	EXPECT_EQ(1, r->changes);
	rig_free(r);
}

TEST(physmap, ram_range_needs_ram_without_code)
{
	struct rig *r = rig_new();
	uint8_t rom[0x1000];

	EXPECT_TRUE(softmmu_ram_range(&r->m, 0x100000, 0x10000, true) == r->ram + 0x100000);
	EXPECT_TRUE(softmmu_ram_range(&r->m, RIG_RAM - 4, 8, false) == NULL);
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0x108000, sizeof(rom), rom, 1));
	EXPECT_TRUE(softmmu_ram_range(&r->m, 0x100000, 0x10000, false) == NULL);
	softmmu_mark_code(&r->m, 0x200010);
	EXPECT_TRUE(softmmu_ram_range(&r->m, 0x200000, 0x10, false) == r->ram + 0x200000);
	EXPECT_TRUE(softmmu_ram_range(&r->m, 0x1ff000, 0x2000, true) == NULL);
	/* The shadow window in plain-RAM mode is RAM. */
	EXPECT_TRUE(softmmu_ram_range(&r->m, 0, 0x100000, true) == r->ram);
	softmmu_set_shadow(&r->m, 0xf0000, 0x4000, true, false);
	EXPECT_TRUE(softmmu_ram_range(&r->m, 0, 0x100000, false) == r->ram);
	EXPECT_TRUE(softmmu_ram_range(&r->m, 0, 0x100000, true) == NULL);
	rig_free(r);
}

TEST(physmap, fetch_code_sees_reads)
{
	struct rig *r = rig_new();
	uint8_t rom[0x1000], buf[8];

	memset(rom, 0x90, sizeof(rom));
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xfffff000u, sizeof(rom), rom, 1));
	softmmu_fetch_code(&r->m, 0xfffffffcu, buf, 8);
	EXPECT_EQ(0x90, buf[3]);
	EXPECT_EQ(r->ram[0], buf[4]);
	r->ram[0x500] = 0xcc;
	softmmu_fetch_code(&r->m, 0x4fe, buf, 4);
	EXPECT_EQ(0xcc, buf[2]);
	rig_free(r);
}

struct access_log {
	int calls;
	uint32_t phys, value;
	const char *device;
	bool write;
	unsigned size;
};

static struct access_log accesses;

static void record_access(void *opaque, uint32_t phys, const char *device, bool write,
			  uint32_t value, unsigned size)
{
	(void)opaque;
	accesses = (struct access_log){ accesses.calls + 1, phys, value, device, write, size };
}

/* Accesses to devices and to unassigned space are reported by name (for
 * the mmio log); RAM and ROM accesses are not. */
TEST(physmap, mmio_accesses_reported_by_device)
{
	static const struct softmmu_mmio_ops named = { mmio_read, mmio_write, "widget" };
	struct rig *r = rig_new();
	struct mmio_log log = { 0 };

	EXPECT_TRUE(softmmu_map_mmio(&r->m, 0xfe000000u, 0x1000, &named, &log, 1));
	r->m.mmio_access = record_access;
	accesses.calls = 0;
	softmmu_phys_load(&r->m, 0x1000, 4);
	softmmu_phys_store(&r->m, 0x1000, 1, 4);
	EXPECT_EQ(0, accesses.calls);
	EXPECT_EQ(0xa0b0c0d0u + 8, softmmu_phys_load(&r->m, 0xfe000008u, 4));
	EXPECT_EQ(1, accesses.calls);
	EXPECT_STREQ("widget", accesses.device);
	EXPECT_EQ(0xfe000008u, accesses.phys);
	EXPECT_EQ(0xa0b0c0d0u + 8, accesses.value);
	EXPECT_TRUE(!accesses.write);
	softmmu_phys_store(&r->m, 0xfe000004u, 0xbeef, 2);
	EXPECT_TRUE(accesses.write && accesses.size == 2 && accesses.value == 0xbeef);
	softmmu_phys_store(&r->m, 0x80000000u, 0x12345678u, 4);
	EXPECT_TRUE(accesses.device == NULL && accesses.write && accesses.value == 0x12345678u);
	EXPECT_EQ(0xffff, softmmu_phys_load(&r->m, 0x80000000u, 2));
	EXPECT_TRUE(accesses.device == NULL && !accesses.write && accesses.value == 0xffff);
	EXPECT_EQ(4, accesses.calls);
	rig_free(r);
}

/* The debuggers' view: RAM and ROM as reads see them (PAM), never a device. */
TEST(physmap, peek_reads_ram_and_rom_only)
{
	struct rig *r = rig_new();
	struct mmio_log log = { 0 };
	uint8_t rom[0x1000], buf[4];

	memset(rom, 0xb2, sizeof(rom));
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xfffff000u, sizeof(rom), rom, 1));
	EXPECT_TRUE(softmmu_map_rom(&r->m, 0xf0000, sizeof(rom), rom, 1));
	EXPECT_TRUE(softmmu_map_mmio(&r->m, 0xfec00000u, 0x1000, &mmio_ops, &log, 1));
	r->ram[0x1234] = 0x42;
	EXPECT_TRUE(softmmu_peek(&r->m, 0x1233, buf, 2));
	EXPECT_EQ(0x42, buf[1]);
	EXPECT_TRUE(softmmu_peek(&r->m, 0xfffffffeu, buf, 2));
	EXPECT_EQ(0xb2, buf[1]);
	EXPECT_TRUE(!softmmu_peek(&r->m, 0xfffffffeu, buf, 4));	/* wraps past 4 GB */
	r->ram[0xf0000] = 0x5a;
	EXPECT_TRUE(softmmu_peek(&r->m, 0xf0000, buf, 1));
	EXPECT_EQ(0x5a, buf[0]);
	softmmu_set_shadow(&r->m, 0xf0000, 0x4000, false, false);
	EXPECT_TRUE(softmmu_peek(&r->m, 0xf0000, buf, 1));
	EXPECT_EQ(0xb2, buf[0]);
	EXPECT_TRUE(!softmmu_peek(&r->m, RIG_RAM - 2, buf, 4));
	EXPECT_TRUE(!softmmu_peek(&r->m, 0xfec00000u, buf, 4));
	EXPECT_EQ(0, log.reads);
	rig_free(r);
}

/* With the gate closed, bit 20 of every CPU address is 0: 1 MB wraps to 0. */
TEST(physmap, a20_wraps_megabyte)
{
	struct rig *r = rig_new();
	uint32_t phys = 0;

	r->ram[0x000010] = 0x0a;
	r->ram[0x100010] = 0x1a;
	EXPECT_EQ(0x1a, softmmu_load(&r->m, 0x100010, 1, SOFTMMU_KERNEL));
	r->changes = 0;
	softmmu_set_a20(&r->m, false);
	EXPECT_EQ(1, r->changes);
	EXPECT_EQ(0, r->changed_base);
	EXPECT_EQ(1ull << 32, r->changed_size);
	EXPECT_EQ(0x0a, softmmu_load(&r->m, 0x100010, 1, SOFTMMU_KERNEL));
	softmmu_store(&r->m, 0x300010, 0x3b, 1, SOFTMMU_KERNEL);
	EXPECT_EQ(0x3b, r->ram[0x200010]);
	EXPECT_TRUE(!translate_faults(r, 0x10fff0, SOFTMMU_FETCH, SOFTMMU_KERNEL, &phys));
	EXPECT_EQ(0x00fff0, phys);
	softmmu_set_a20(&r->m, false);
	EXPECT_EQ(1, r->changes);
	softmmu_set_a20(&r->m, true);
	EXPECT_EQ(0x1a, softmmu_load(&r->m, 0x100010, 1, SOFTMMU_KERNEL));
	/* The bus view (DMA) is not gated. */
	softmmu_set_a20(&r->m, false);
	EXPECT_EQ(0x1a, softmmu_phys_load(&r->m, 0x100010, 1));
	rig_free(r);
}

/* Page tables seen through A20 too: the walker's own reads are gated. */
TEST(physmap, a20_gates_page_walks)
{
	struct rig *r = rig_new();
	uint32_t v = 0;

	map4k(r, 0x400000, 0x5000, P | RW, P | RW);
	set_ram32(r, 0x5000, 0x600d);
	set_ram32(r, 0x105000, 0xbad);
	paging_on(r, 0, 0);
	softmmu_set_a20(&r->m, false);
	EXPECT_TRUE(!load_faults(r, 0x400000, 4, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0x600d, v);
	/* A PTE pointing at 1 MB + 0x5000 lands on 0x5000 while gated. */
	map4k(r, 0x401000, 0x105000, P | RW, P | RW);
	EXPECT_TRUE(!load_faults(r, 0x401000, 4, SOFTMMU_KERNEL, &v));
	EXPECT_EQ(0x600d, v);
	rig_free(r);
}
