/* Boot disk images: whole sectors, a boot signature, refused otherwise. */
#include "kernel/diskimage.h"

#include <stdlib.h>

#include "test.h"

static uint8_t *bootable(size_t len)
{
	uint8_t *d = calloc(1, len);

	d[510] = 0x55;
	d[511] = 0xaa;
	return d;
}

TEST(diskimage, accepts_whole_sectors_with_signature)
{
	uint8_t *d = bootable(4 * DISKIMAGE_SECTOR);

	EXPECT_TRUE(diskimage_check(d, DISKIMAGE_SECTOR) == NULL);
	EXPECT_TRUE(diskimage_check(d, 4 * DISKIMAGE_SECTOR) == NULL);
	free(d);
}

TEST(diskimage, refuses_missing_or_partial)
{
	uint8_t *d = bootable(2 * DISKIMAGE_SECTOR);

	EXPECT_TRUE(diskimage_check(NULL, 0) != NULL);
	EXPECT_TRUE(diskimage_check(d, 0) != NULL);
	EXPECT_TRUE(diskimage_check(d, 2 * DISKIMAGE_SECTOR - 1) != NULL);
	EXPECT_TRUE(diskimage_check(d, DISKIMAGE_SECTOR + 1) != NULL);
	free(d);
}

TEST(diskimage, refuses_too_large)
{
	uint8_t *d = bootable(DISKIMAGE_SECTOR);

	/* Only the length is looked at past sector 0. */
	EXPECT_TRUE(diskimage_check(d, (size_t)DISKIMAGE_MAX_BYTES) == NULL);
	EXPECT_TRUE(diskimage_check(d, (size_t)DISKIMAGE_MAX_BYTES + DISKIMAGE_SECTOR) != NULL);
	free(d);
}

TEST(diskimage, refuses_no_boot_signature)
{
	uint8_t *d = bootable(DISKIMAGE_SECTOR);

	d[511] = 0;
	EXPECT_TRUE(diskimage_check(d, DISKIMAGE_SECTOR) != NULL);
	d[511] = 0xaa;
	d[510] = 0xaa;
	EXPECT_TRUE(diskimage_check(d, DISKIMAGE_SECTOR) != NULL);
	free(d);
}
