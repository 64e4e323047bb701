/* Sectors over a byte array: reads past the image's end give zeros,
 * writes land only when the disk is writable. */
#include "devices/ramdisk.h"

#include <string.h>

/* Bytes of sector lba .. lba + count that exist in the image. */
static uint64_t present_bytes(const struct ramdisk *rd, uint64_t lba,
			      uint32_t count)
{
	uint64_t start = lba * ATA_SECTOR, want = (uint64_t)count * ATA_SECTOR;

	if (start >= rd->bytes)
		return 0;
	return rd->bytes - start < want ? rd->bytes - start : want;
}

static bool rd_read(void *opaque, uint64_t lba, uint8_t *buf, uint32_t count)
{
	const struct ramdisk *rd = opaque;
	uint64_t n = present_bytes(rd, lba, count);

	memcpy(buf, rd->data + lba * ATA_SECTOR, n);
	memset(buf + n, 0, (uint64_t)count * ATA_SECTOR - n);
	return true;
}

static bool rd_write(void *opaque, uint64_t lba, const uint8_t *buf,
		     uint32_t count)
{
	struct ramdisk *rd = opaque;

	if (!rd->writable)
		return false;
	memcpy(rd->data + lba * ATA_SECTOR, buf, present_bytes(rd, lba, count));
	return true;
}

struct ata_disk ramdisk_ata(struct ramdisk *rd)
{
	return (struct ata_disk){
		.read = rd_read,
		.write = rd_write,
		.opaque = rd,
		.sectors = (rd->bytes + ATA_SECTOR - 1) / ATA_SECTOR,
	};
}
