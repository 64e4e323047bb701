/* RAM disk backend: whole sectors, a zero-padded partial last sector,
 * read-only refusal. */
#include "test.h"

#include <string.h>

#include "devices/ramdisk.h"

TEST(ramdisk, sectors_and_padding)
{
	uint8_t image[1000], buf[2 * ATA_SECTOR];
	struct ramdisk rd = { image, sizeof(image), false };
	struct ata_disk d = ramdisk_ata(&rd);

	for (size_t i = 0; i < sizeof(image); i++)
		image[i] = (uint8_t)(i + 1);
	EXPECT_EQ(2, d.sectors);
	EXPECT_TRUE(d.read(d.opaque, 0, buf, 2));
	EXPECT_EQ(1, buf[0]);
	EXPECT_EQ((uint8_t)1000, buf[999]);
	EXPECT_EQ(0, buf[1000]);
	EXPECT_EQ(0, buf[1023]);
	EXPECT_TRUE(!d.write(d.opaque, 0, buf, 1));
}

TEST(ramdisk, writable)
{
	uint8_t image[2 * ATA_SECTOR] = { 0 }, buf[ATA_SECTOR];
	struct ramdisk rd = { image, sizeof(image), true };
	struct ata_disk d = ramdisk_ata(&rd);

	memset(buf, 0x5a, sizeof(buf));
	EXPECT_TRUE(d.write(d.opaque, 1, buf, 1));
	EXPECT_EQ(0x00, image[511]);
	EXPECT_EQ(0x5a, image[512]);
	EXPECT_EQ(0x5a, image[1023]);
}
