/* LEFI parser: a boot_params table laid out as the Linux boot_param.h
 * structures and QEMU's loongson3-virt loader fill it. */
#include "kernel/lefi.h"

#include "test.h"

static uint8_t table[0x4000];

static void put(size_t off, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		table[off + i] = (uint8_t)(v >> (8 * i));
}

/* Sub-tables at 64-byte-rounded offsets, as QEMU lays them out; memory map
 * entries are 24 bytes apart (an unpacked struct in a packed table), as
 * dumped from QEMU 7.2's loongson3-virt. */
#define LP   40
#define CPU  0x100
#define MEM  0x200
#define SYS  0x1000
#define BRD  0x2000

static void build_table(uint32_t nr_map)
{
	memset(table, 0, sizeof(table));
	put(LP + 0, MEM - LP, 8);
	put(LP + 8, CPU - LP, 8);
	put(LP + 16, SYS - LP, 8);
	put(LP + 48, BRD - LP, 8);
	put(112, 0xffffffffbfc00080ull, 8);	/* ResetCold */
	put(136, 0xffffffffbfc000a8ull, 8);	/* Shutdown */
	put(CPU + 2, 0x6305, 4);		/* processor_id */
	put(CPU + 18, 800000000, 4);		/* cpu_clock_freq */
	put(CPU + 22, 4, 4);			/* nr_cpus */
	memcpy(table + CPU + 26, "Loongson-3A1000", 15);
	put(MEM + 2, nr_map, 4);
	put(MEM + 10 + 4, LEFI_RAM_LOW, 4);	/* map[0] */
	put(MEM + 10 + 8, 0, 8);
	put(MEM + 10 + 16, 240, 4);
	put(MEM + 34 + 4, LEFI_RAM_HIGH, 4);	/* map[1] */
	put(MEM + 34 + 8, 0x90000000, 8);
	put(MEM + 34 + 16, 768, 4);
	put(MEM + 58 + 4, 10, 4);		/* map[2]: SMBIOS table, not RAM */
	put(MEM + 58 + 8, 0xfffe000, 8);
	put(MEM + 58 + 16, 1, 4);
	put(SYS + 10, 1, 4);			/* nr_uarts */
	put(SYS + 14 + 12, 0x1fe001e0, 8);
	memcpy(table + BRD, "Loongson-3A-VIRT-1w-V1.00-demo", 30);
}

TEST(lefi, qemu_virt_table)
{
	struct lefi_info info;

	build_table(3);
	EXPECT_TRUE(lefi_parse(table, sizeof(table), &info) == NULL);
	EXPECT_EQ(2, info.nr_ram);
	EXPECT_EQ(0, info.ram[0].start);
	EXPECT_EQ(240ull << 20, info.ram[0].size);
	EXPECT_EQ(0x90000000, info.ram[1].start);
	EXPECT_EQ(768ull << 20, info.ram[1].size);
	EXPECT_EQ(1008ull << 20, lefi_ram_total(&info));
	EXPECT_EQ(800000000, info.cpu_clock_hz);
	EXPECT_EQ(0x6305, info.prid);
	EXPECT_EQ(4, info.nr_cpus);
	EXPECT_STREQ("Loongson-3A1000", info.cpu_name);
	EXPECT_STREQ("Loongson-3A-VIRT-1w-V1.00-demo", info.board_name);
	EXPECT_EQ(0x1fe001e0, info.uart_base);
	EXPECT_EQ(0xffffffffbfc000a8ull, info.fw_shutdown);
	EXPECT_EQ(0xffffffffbfc00080ull, info.fw_reset);
}

TEST(lefi, rejects_truncated_and_empty_tables)
{
	struct lefi_info info;

	build_table(2);
	EXPECT_TRUE(lefi_parse(table, 100, &info) != NULL);
	EXPECT_TRUE(lefi_parse(NULL, sizeof(table), &info) != NULL);
	/* The memory map's offset points past the end of the readable bytes. */
	EXPECT_TRUE(lefi_parse(table, MEM, &info) != NULL);
	build_table(0);
	EXPECT_TRUE(lefi_parse(table, sizeof(table), &info) != NULL);
	build_table(129);
	EXPECT_TRUE(lefi_parse(table, sizeof(table), &info) != NULL);
}
