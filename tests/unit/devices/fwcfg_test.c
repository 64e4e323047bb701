/* fw_cfg against the interface QEMU documents (docs/specs/fw_cfg.rst):
 * 16-bit selector at 0x510, byte data at 0x511, item offsets reset by a
 * select, zeros past the end; the file directory (BE count, then BE size,
 * BE select, name); DMA: a BE address in two halves at 0x514/0x518, the
 * access structure (BE control, length, address) and the control word
 * written back as 0, or with the error bit. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "devices/fwcfg.h"

struct rig {
	struct ioport_bus io;
	struct fwcfg_state fw;
	uint8_t mem[4096];	/* guest RAM at 0 */
};

static bool mem_read(void *opaque, uint64_t pa, void *buf, size_t len)
{
	struct rig *r = opaque;

	if (pa + len > sizeof(r->mem))
		return false;
	memcpy(buf, r->mem + pa, len);
	return true;
}

static bool mem_write(void *opaque, uint64_t pa, const void *buf,
		      size_t len)
{
	struct rig *r = opaque;

	if (pa + len > sizeof(r->mem))
		return false;
	memcpy(r->mem + pa, buf, len);
	return true;
}

static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	ioport_init(&r->io);
	fwcfg_init(&r->fw, (struct fwcfg_dma){ mem_read, mem_write, r });
	EXPECT_TRUE(fwcfg_attach(&r->fw, &r->io));
	return r;
}

static void select_key(struct rig *r, uint16_t key)
{
	ioport_write(&r->io, 0x510, key, 2);
}

static uint64_t read_le(struct rig *r, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)ioport_read(&r->io, 0x511, 1) << (8 * i);
	return v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* Writes an access structure at pa and starts it, as SeaBIOS does:
 * outl(cpu_to_be32(high)), outl(cpu_to_be32(low)). */
static void dma(struct rig *r, uint32_t pa, uint32_t control, uint32_t len,
		uint32_t addr)
{
	put_be32(r->mem + pa, control);
	put_be32(r->mem + pa + 4, len);
	put_be32(r->mem + pa + 8, 0);
	put_be32(r->mem + pa + 12, addr);
	ioport_write(&r->io, 0x514, 0, 4);
	ioport_write(&r->io, 0x518, __builtin_bswap32(pa), 4);
}

TEST(fwcfg, signature_and_id)
{
	struct rig *r = new_rig();

	select_key(r, FWCFG_SIGNATURE);
	EXPECT_EQ(0x554d4551, read_le(r, 4));	/* "QEMU" */
	EXPECT_EQ(0, read_le(r, 1));	/* past the end */
	select_key(r, FWCFG_ID);
	EXPECT_EQ(0x03, read_le(r, 4));	/* traditional + DMA */
	select_key(r, FWCFG_SIGNATURE);	/* a select restarts the item */
	EXPECT_EQ('Q', read_le(r, 1));
	free(r);
}

TEST(fwcfg, integers_little_endian)
{
	struct rig *r = new_rig();

	EXPECT_TRUE(fwcfg_add_int(&r->fw, FWCFG_RAM_SIZE, 0x20000000, 8));
	EXPECT_TRUE(fwcfg_add_int(&r->fw, FWCFG_NB_CPUS, 1, 2));
	select_key(r, FWCFG_RAM_SIZE);
	EXPECT_EQ(0x20000000, read_le(r, 8));
	select_key(r, FWCFG_NB_CPUS);
	EXPECT_EQ(1, read_le(r, 2));
	EXPECT_TRUE(!fwcfg_add_int(&r->fw, 0x0100, 1, 1));
	free(r);
}

TEST(fwcfg, missing_item_reads_zero)
{
	struct rig *r = new_rig();

	select_key(r, FWCFG_E820_TABLE);
	EXPECT_EQ(0, read_le(r, 4));
	select_key(r, 0x1234);
	EXPECT_EQ(0, read_le(r, 1));
	free(r);
}

TEST(fwcfg, file_directory)
{
	struct rig *r = new_rig();
	static const char rom[] = "option rom";
	uint8_t entry[64];

	EXPECT_TRUE(fwcfg_add_file(&r->fw, "etc/boot-fail-wait", "\x05\0\0\0", 4));
	EXPECT_TRUE(fwcfg_add_file(&r->fw, "genroms/test.bin", rom, sizeof(rom)));
	select_key(r, FWCFG_FILE_DIR);
	EXPECT_EQ(0x02000000, read_le(r, 4));	/* BE 2 */
	for (int i = 0; i < 64; i++)
		entry[i] = (uint8_t)read_le(r, 1);
	EXPECT_EQ(4, get_be32(entry));
	EXPECT_EQ(0x0020, entry[4] << 8 | entry[5]);
	EXPECT_STREQ("etc/boot-fail-wait", (char *)entry + 8);
	for (int i = 0; i < 64; i++)
		entry[i] = (uint8_t)read_le(r, 1);
	EXPECT_EQ(sizeof(rom), get_be32(entry));
	EXPECT_EQ(0x0021, entry[4] << 8 | entry[5]);
	EXPECT_STREQ("genroms/test.bin", (char *)entry + 8);
	EXPECT_EQ(0, read_le(r, 1));	/* the directory ends there */
	select_key(r, 0x0021);
	EXPECT_EQ('o', read_le(r, 1));
	free(r);
}

TEST(fwcfg, dma_select_and_read)
{
	struct rig *r = new_rig();

	memset(r->mem + 0x200, 0xaa, 16);
	dma(r, 0x100, FWCFG_SIGNATURE << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_READ,
	    6, 0x200);
	EXPECT_EQ(0, get_be32(r->mem + 0x100));
	EXPECT_EQ(0, memcmp(r->mem + 0x200, "QEMU\0\0", 6));	/* zero-filled */
	EXPECT_EQ(0xaa, r->mem[0x206]);
	free(r);
}

TEST(fwcfg, dma_skip_then_read)
{
	struct rig *r = new_rig();

	fwcfg_add_file(&r->fw, "f", "abcdef", 6);
	dma(r, 0x100, 0x20u << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_SKIP, 2, 0);
	dma(r, 0x100, FWCFG_DMA_READ, 3, 0x300);
	EXPECT_EQ(0, memcmp(r->mem + 0x300, "cde", 3));
	EXPECT_EQ('f', read_le(r, 1));	/* the byte interface follows */
	free(r);
}

/* Writes are not supported here: the error bit comes back. */
TEST(fwcfg, dma_write_is_error)
{
	struct rig *r = new_rig();

	dma(r, 0x100, FWCFG_DMA_WRITE, 4, 0x200);
	EXPECT_EQ(FWCFG_DMA_ERROR, get_be32(r->mem + 0x100));
	dma(r, 0x100, FWCFG_SIGNATURE << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_READ,
	    4, 0xfff);	/* runs off the end of RAM */
	EXPECT_EQ(FWCFG_DMA_ERROR, get_be32(r->mem + 0x100));
	free(r);
}

/* Reading the DMA address register gives "QEMU CFG". */
TEST(fwcfg, dma_register_signature)
{
	struct rig *r = new_rig();

	EXPECT_EQ(0x554d4551, ioport_read(&r->io, 0x514, 4));	/* "QEMU" */
	EXPECT_EQ(0x47464320, ioport_read(&r->io, 0x518, 4));	/* " CFG" */
	free(r);
}
