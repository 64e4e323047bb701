/* ATA PIO hard disk against ATA/ATAPI-6: signature after reset (9.12),
 * IDENTIFY DEVICE words (8.15), PIO data-in/out protocols (9.5, 9.6): an
 * interrupt per DRQ block on reads, none before the first block on
 * writes, one at the end; CHS and LBA addressing, 48-bit HOB registers,
 * READ/WRITE MULTIPLE, nIEN, SRST. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "devices/ata.h"
#include "fakes.h"

#define DISK_SECTORS 4096

struct rig {
	struct ioport_bus io;
	struct ata_channel ch;
	struct fake_irq irq;
	uint8_t disk[DISK_SECTORS * ATA_SECTOR];
	int reads;
};

static bool disk_read(void *opaque, uint64_t lba, uint8_t *buf,
		      uint32_t count)
{
	struct rig *r = opaque;

	r->reads++;
	memcpy(buf, r->disk + lba * ATA_SECTOR, count * ATA_SECTOR);
	return true;
}

static bool disk_write(void *opaque, uint64_t lba, const uint8_t *buf,
		       uint32_t count)
{
	memcpy(((struct rig *)opaque)->disk + lba * ATA_SECTOR, buf,
	       count * ATA_SECTOR);
	return true;
}

static uint8_t pattern(uint64_t lba, int i)
{
	return (uint8_t)(lba * 7 + (uint64_t)i * 3);
}

static struct rig *new_rig(bool with_master)
{
	struct rig *r = calloc(1, sizeof(*r));
	struct ata_disk d = { disk_read, disk_write, r, DISK_SECTORS };

	for (uint64_t s = 0; s < DISK_SECTORS; s++)
		for (int i = 0; i < ATA_SECTOR; i++)
			r->disk[s * ATA_SECTOR + i] = pattern(s, i);
	if (!with_master)
		d.sectors = 0;
	ioport_init(&r->io);
	ata_init(&r->ch, 0x1f0, 0x3f6, fake_irq_of(&r->irq, 14), d,
		 (struct ata_disk){ 0 });
	EXPECT_TRUE(ata_attach(&r->ch, &r->io));
	return r;
}

static void out8(struct rig *r, uint16_t port, uint8_t v)
{
	ioport_write(&r->io, port, v, 1);
}

static uint8_t in8(struct rig *r, uint16_t port)
{
	return (uint8_t)ioport_read(&r->io, port, 1);
}

static uint16_t in16(struct rig *r)
{
	return (uint16_t)ioport_read(&r->io, 0x1f0, 2);
}

/* Reads one 512-byte block through the data register. */
static void read_sector(struct rig *r, uint8_t *buf)
{
	for (int i = 0; i < ATA_SECTOR; i += 2) {
		uint16_t w = in16(r);
		buf[i] = (uint8_t)w;
		buf[i + 1] = (uint8_t)(w >> 8);
	}
}

static bool sector_is(const uint8_t *buf, uint64_t lba)
{
	for (int i = 0; i < ATA_SECTOR; i++)
		if (buf[i] != pattern(lba, i))
			return false;
	return true;
}

static void lba28_command(struct rig *r, uint32_t lba, uint8_t count,
			  uint8_t cmd)
{
	out8(r, 0x1f6, (uint8_t)(0xe0 | (lba >> 24)));
	out8(r, 0x1f2, count);
	out8(r, 0x1f3, (uint8_t)lba);
	out8(r, 0x1f4, (uint8_t)(lba >> 8));
	out8(r, 0x1f5, (uint8_t)(lba >> 16));
	out8(r, 0x1f7, cmd);
}

TEST(ata, signature_after_reset)
{
	struct rig *r = new_rig(true);

	EXPECT_EQ(0x01, in8(r, 0x1f2));
	EXPECT_EQ(0x01, in8(r, 0x1f3));
	EXPECT_EQ(0x00, in8(r, 0x1f4));
	EXPECT_EQ(0x00, in8(r, 0x1f5));
	EXPECT_EQ(0x50, in8(r, 0x1f7));	/* DRDY DSC */
	EXPECT_EQ(0x01, in8(r, 0x1f1));	/* diagnostics passed */
	free(r);
}

TEST(ata, identify)
{
	struct rig *r = new_rig(true);
	uint16_t id[256];

	out8(r, 0x1f6, 0xa0);
	out8(r, 0x1f7, 0xec);
	EXPECT_EQ(1, r->irq.level);
	EXPECT_EQ(0x58, in8(r, 0x3f6));	/* DRQ; alt status keeps INTRQ */
	EXPECT_EQ(1, r->irq.level);
	EXPECT_EQ(0x58, in8(r, 0x1f7));
	EXPECT_EQ(0, r->irq.level);
	for (int i = 0; i < 256; i++)
		id[i] = in16(r);
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	EXPECT_EQ(0x0040, id[0]);
	EXPECT_EQ(DISK_SECTORS, id[60] | (uint32_t)id[61] << 16);
	EXPECT_EQ(DISK_SECTORS, id[100]);
	EXPECT_EQ(0x0200, id[49] & 0x0200);	/* LBA */
	EXPECT_EQ(0x0400, id[83] & 0x0400);	/* 48-bit */
	EXPECT_EQ(0x4d49, id[27]);	/* "MI", first character high */
	EXPECT_EQ(16, id[3]);
	EXPECT_EQ(63, id[6]);
	EXPECT_EQ(DISK_SECTORS / (16 * 63), id[1]);
	free(r);
}

/* PIO data-in: an interrupt before each sector; DRQ drops after the last. */
TEST(ata, read_sectors_lba28)
{
	struct rig *r = new_rig(true);
	uint8_t buf[ATA_SECTOR];

	lba28_command(r, 5, 2, 0x20);
	EXPECT_EQ(1, r->irq.rises);
	EXPECT_EQ(0x58, in8(r, 0x1f7));
	read_sector(r, buf);
	EXPECT_TRUE(sector_is(buf, 5));
	EXPECT_EQ(2, r->irq.rises);
	EXPECT_EQ(0x58, in8(r, 0x1f7));
	read_sector(r, buf);
	EXPECT_TRUE(sector_is(buf, 6));
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	EXPECT_EQ(2, r->irq.rises);
	free(r);
}

/* CHS: LBA = (cylinder * heads + head) * sectors per track + sector - 1. */
TEST(ata, read_chs)
{
	struct rig *r = new_rig(true);
	uint8_t buf[ATA_SECTOR];

	out8(r, 0x1f6, 0xa1);	/* head 1 */
	out8(r, 0x1f2, 1);
	out8(r, 0x1f3, 2);	/* sector 2 */
	out8(r, 0x1f4, 1);	/* cylinder 1 */
	out8(r, 0x1f5, 0);
	out8(r, 0x1f7, 0x20);
	read_sector(r, buf);
	EXPECT_TRUE(sector_is(buf, (1 * 16 + 1) * 63 + 1));
	out8(r, 0x1f3, 0);	/* sector 0 does not exist */
	out8(r, 0x1f7, 0x20);
	EXPECT_EQ(0x51, in8(r, 0x1f7));
	EXPECT_EQ(0x10, in8(r, 0x1f1));	/* IDNF */
	free(r);
}

/* INITIALIZE DEVICE PARAMETERS changes the CHS translation. */
TEST(ata, init_params)
{
	struct rig *r = new_rig(true);
	uint8_t buf[ATA_SECTOR];

	out8(r, 0x1f6, 0xa3);	/* 4 heads */
	out8(r, 0x1f2, 32);	/* 32 sectors per track */
	out8(r, 0x1f7, 0x91);
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	out8(r, 0x1f6, 0xa2);
	out8(r, 0x1f2, 1);
	out8(r, 0x1f3, 1);
	out8(r, 0x1f4, 1);
	out8(r, 0x1f7, 0x20);
	read_sector(r, buf);
	EXPECT_TRUE(sector_is(buf, (1 * 4 + 2) * 32));
	free(r);
}

/* PIO data-out: no interrupt for the first block; one after the last. */
TEST(ata, write_sectors)
{
	struct rig *r = new_rig(true);

	lba28_command(r, 100, 2, 0x30);
	EXPECT_EQ(0, r->irq.rises);
	EXPECT_EQ(0x58, in8(r, 0x3f6));
	for (int i = 0; i < 256; i++)
		ioport_write(&r->io, 0x1f0, 0x1234, 2);
	EXPECT_EQ(1, r->irq.rises);	/* next block, please */
	EXPECT_EQ(0x58, in8(r, 0x1f7));
	for (int i = 0; i < 128; i++)	/* 32-bit transfers */
		ioport_write(&r->io, 0x1f0, 0xa5a55a5au, 4);
	EXPECT_EQ(2, r->irq.rises);
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	EXPECT_EQ(0x34, r->disk[100 * ATA_SECTOR]);
	EXPECT_EQ(0x12, r->disk[100 * ATA_SECTOR + 511]);
	EXPECT_EQ(0x5a, r->disk[101 * ATA_SECTOR]);
	EXPECT_EQ(0xa5, r->disk[101 * ATA_SECTOR + 3]);
	EXPECT_EQ(pattern(102, 0), r->disk[102 * ATA_SECTOR]);
	free(r);
}

/* READ MULTIPLE needs SET MULTIPLE MODE first; then a DRQ block holds
 * that many sectors and interrupts once per block. */
TEST(ata, read_multiple)
{
	struct rig *r = new_rig(true);
	uint8_t buf[ATA_SECTOR];

	lba28_command(r, 0, 8, 0xc4);
	EXPECT_EQ(0x51, in8(r, 0x1f7));
	EXPECT_EQ(0x04, in8(r, 0x1f1));	/* ABRT */
	out8(r, 0x1f2, 3);	/* not a power of two */
	out8(r, 0x1f7, 0xc6);
	EXPECT_EQ(0x51, in8(r, 0x1f7));
	out8(r, 0x1f2, 4);
	out8(r, 0x1f7, 0xc6);
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	r->irq.rises = 0;
	lba28_command(r, 20, 8, 0xc4);
	EXPECT_EQ(0x58, in8(r, 0x1f7));	/* the handler's read clears INTRQ */
	for (int s = 0; s < 4; s++) {
		read_sector(r, buf);
		EXPECT_TRUE(sector_is(buf, 20 + (uint64_t)s));
	}
	EXPECT_EQ(2, r->irq.rises);
	EXPECT_EQ(0x58, in8(r, 0x1f7));
	for (int s = 4; s < 8; s++) {
		read_sector(r, buf);
		EXPECT_TRUE(sector_is(buf, 20 + (uint64_t)s));
	}
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	free(r);
}

/* rep insw through the bus's string path: three sectors and two words
 * past them in one run (beyond the DRQ blocks) leave what 770 single reads
 * leave: the bytes (all ones once DRQ is gone), INTRQ, status, counts. */
TEST(ata, read_string_as_single_reads)
{
	struct rig *r = new_rig(true), *ref = new_rig(true);
	uint8_t buf[4 * ATA_SECTOR], want[4 * ATA_SECTOR];

	lba28_command(r, 40, 3, 0x20);
	lba28_command(ref, 40, 3, 0x20);
	ioport_read_string(&r->io, 0x1f0, 2, buf, 3 * 256 + 2);
	for (int i = 0; i < 3 * 256 + 2; i++) {
		uint16_t w = in16(ref);

		want[2 * i] = (uint8_t)w;
		want[2 * i + 1] = (uint8_t)(w >> 8);
	}
	EXPECT_EQ(0, memcmp(want, buf, 2 * (3 * 256 + 2)));
	for (int s = 0; s < 3; s++)
		EXPECT_TRUE(sector_is(buf + s * ATA_SECTOR, 40 + (uint64_t)s));
	EXPECT_EQ(0xff, buf[3 * ATA_SECTOR + 3]);
	EXPECT_EQ(ref->irq.rises, r->irq.rises);
	EXPECT_EQ(ref->irq.level, r->irq.level);
	EXPECT_EQ(ref->io.ranges[0].reads, r->io.ranges[0].reads);
	EXPECT_EQ(in8(ref, 0x1f7), in8(r, 0x1f7));
	free(r);
	free(ref);
}

/* A run that starts mid-block in dwords stops where a dword no longer
 * fits; rep outsd writes two sectors, asking for the second block. */
TEST(ata, string_dwords_and_writes)
{
	struct rig *r = new_rig(true);
	uint8_t buf[2 * ATA_SECTOR];

	lba28_command(r, 9, 1, 0x20);
	EXPECT_EQ(pattern(9, 0) | pattern(9, 1) << 8, in16(r));
	ioport_read_string(&r->io, 0x1f0, 4, buf, 127);
	EXPECT_EQ(0, memcmp(buf, r->disk + 9 * ATA_SECTOR + 2, 127 * 4));
	EXPECT_EQ(0x58, in8(r, 0x1f7));	/* two bytes left: a word read takes them */
	EXPECT_EQ(pattern(9, 510) | pattern(9, 511) << 8, in16(r));
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	for (int i = 0; i < 2 * ATA_SECTOR; i++)
		buf[i] = (uint8_t)(i * 5);
	r->irq.rises = 0;
	lba28_command(r, 200, 2, 0x30);
	ioport_write_string(&r->io, 0x1f0, 4, buf, 128);
	EXPECT_EQ(1, r->irq.rises);	/* next block, please */
	EXPECT_EQ(0x58, in8(r, 0x1f7));
	ioport_write_string(&r->io, 0x1f0, 4, buf + ATA_SECTOR, 128);
	EXPECT_EQ(2, r->irq.rises);
	EXPECT_EQ(0x50, in8(r, 0x1f7));
	EXPECT_EQ(0, memcmp(buf, r->disk + 200 * ATA_SECTOR, 2 * ATA_SECTOR));
	free(r);
}

/* 48-bit: each register written twice, previous byte first; HOB reads
 * the previous byte back. */
TEST(ata, read_ext_and_hob)
{
	struct rig *r = new_rig(true);
	uint8_t buf[ATA_SECTOR];

	out8(r, 0x1f6, 0x40);
	out8(r, 0x1f2, 0x00);	/* count 15:8 */
	out8(r, 0x1f2, 0x01);
	out8(r, 0x1f3, 0x00);	/* LBA 31:24 */
	out8(r, 0x1f3, 0x34);
	out8(r, 0x1f4, 0x00);
	out8(r, 0x1f4, 0x0c);
	out8(r, 0x1f5, 0x00);
	out8(r, 0x1f5, 0x00);
	out8(r, 0x3f6, 0x80);
	EXPECT_EQ(0x00, in8(r, 0x1f2));
	out8(r, 0x3f6, 0x00);
	EXPECT_EQ(0x01, in8(r, 0x1f2));
	out8(r, 0x1f7, 0x24);
	read_sector(r, buf);
	EXPECT_TRUE(sector_is(buf, 0x0c34));
	free(r);
}

TEST(ata, out_of_range)
{
	struct rig *r = new_rig(true);

	lba28_command(r, DISK_SECTORS - 1, 2, 0x20);
	EXPECT_EQ(0x51, in8(r, 0x1f7));
	EXPECT_EQ(0x10, in8(r, 0x1f1));
	EXPECT_EQ(0, r->reads);
	free(r);
}

TEST(ata, nien_masks_intrq)
{
	struct rig *r = new_rig(true);

	out8(r, 0x3f6, 0x02);
	out8(r, 0x1f7, 0xec);
	EXPECT_EQ(0, r->irq.level);
	out8(r, 0x3f6, 0x00);
	EXPECT_EQ(1, r->irq.level);
	free(r);
}

/* SRST: BSY while set; after it clears, the signature and DRDY. */
TEST(ata, soft_reset)
{
	struct rig *r = new_rig(true);

	lba28_command(r, 7, 1, 0x20);
	out8(r, 0x3f6, 0x04);
	EXPECT_EQ(0x80, in8(r, 0x3f6));
	out8(r, 0x3f6, 0x00);
	EXPECT_EQ(0x50, in8(r, 0x3f6));
	EXPECT_EQ(0x01, in8(r, 0x1f2));
	EXPECT_EQ(0x01, in8(r, 0x1f3));
	EXPECT_EQ(0x00, in8(r, 0x1f5));
	EXPECT_EQ(0xffff, in16(r));	/* no data pending */
	free(r);
}

/* An absent device 1 reads status 0 next to a present device 0; a channel
 * with no devices floats at 0xFF. */
TEST(ata, absent_devices)
{
	struct rig *r = new_rig(true), *e = new_rig(false);

	out8(r, 0x1f6, 0xb0);
	EXPECT_EQ(0x00, in8(r, 0x1f7));
	out8(r, 0x1f7, 0xec);	/* nobody answers */
	EXPECT_EQ(0, r->irq.level);
	EXPECT_EQ(0xff, in8(e, 0x1f7));
	free(r);
	free(e);
}

TEST(ata, aborted_commands)
{
	struct rig *r = new_rig(true);

	out8(r, 0x1f7, 0xa1);	/* IDENTIFY PACKET DEVICE */
	EXPECT_EQ(0x51, in8(r, 0x1f7));
	EXPECT_EQ(0x04, in8(r, 0x1f1));
	out8(r, 0x1f7, 0xc8);	/* READ DMA: no DMA here */
	EXPECT_EQ(0x51, in8(r, 0x1f7));
	free(r);
}

TEST(ata, read_native_max)
{
	struct rig *r = new_rig(true);

	out8(r, 0x1f6, 0x40);
	out8(r, 0x1f7, 0xf8);
	EXPECT_EQ(0xff, in8(r, 0x1f3));
	EXPECT_EQ(0x0f, in8(r, 0x1f4));	/* 4095 */
	EXPECT_EQ(0x00, in8(r, 0x1f5));
	free(r);
}
