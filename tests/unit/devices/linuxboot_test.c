/* Linux boot items against Documentation/x86/boot.rst: the header checks
 * (HdrS, protocol, LOADED_HIGH, setup_sects 0 meaning 4), the fields a
 * loader writes (type_of_loader, CAN_USE_HEAP, heap_end_ptr, cmd_line_ptr,
 * ramdisk_image/size) and the initrd placed page-aligned under
 * initrd_addr_max and the top of RAM; then what linuxboot_dma.bin reads. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "libc/bytes.h"
#include "devices/linuxboot.h"

#define SETUP_SECTS 4
#define SETUP_SIZE  ((SETUP_SECTS + 1) * 512)
#define KERNEL_SIZE 4096
#define MB (1u << 20)

struct rig {
	struct fwcfg_state fw;
	uint8_t image[SETUP_SIZE + KERNEL_SIZE];
	uint8_t initrd[10000];
};

/* A protocol 2.15 bzImage header over a setup and kernel of known bytes. */
static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	fwcfg_init(&r->fw, (struct fwcfg_dma){ 0 });
	for (size_t i = 0; i < sizeof(r->image); i++)
		r->image[i] = (uint8_t)(i * 13);
	r->image[0x1f1] = SETUP_SECTS;
	memcpy(r->image + 0x202, "HdrS", 4);
	le_put(r->image + 0x206, 0x020f, 2);
	r->image[0x211] = 0x01;
	le_put(r->image + 0x22c, 0x7fffffff, 4);
	le_put(r->image + 0x238, 2047, 4);
	le_put(r->image + 0x1f4, KERNEL_SIZE / 16, 4);
	return r;
}

static uint64_t item(struct rig *r, uint16_t key, int bytes)
{
	uint64_t v = 0;

	fwcfg_write(&r->fw, 0x510, key, 2);
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)fwcfg_read(&r->fw, 0x511, 1) << (8 * i);
	return v;
}

TEST(linuxboot, items_and_header)
{
	struct rig *r = new_rig();
	char why[160];

	EXPECT_TRUE(linuxboot_load(&r->fw, r->image, sizeof(r->image), NULL, 0,
				   "console=ttyS0", 128 * MB, why, sizeof(why)));
	EXPECT_EQ(0xff, r->image[0x210]);
	EXPECT_EQ(0x81, r->image[0x211]);
	EXPECT_EQ(0xfe00, le_get(r->image + 0x224, 2));
	EXPECT_EQ(0x20000, le_get(r->image + 0x228, 4));
	EXPECT_EQ(0x10000, item(r, FWCFG_SETUP_ADDR, 4));
	EXPECT_EQ(SETUP_SIZE, item(r, FWCFG_SETUP_SIZE, 4));
	EXPECT_EQ(0x100000, item(r, FWCFG_KERNEL_ADDR, 4));
	EXPECT_EQ(KERNEL_SIZE, item(r, FWCFG_KERNEL_SIZE, 4));
	EXPECT_EQ((uint8_t)(SETUP_SIZE * 13), item(r, FWCFG_KERNEL_DATA, 1));
	item(r, FWCFG_SETUP_DATA, 0);	/* the patched header goes out */
	for (int i = 0; i < 0x210; i++)
		fwcfg_read(&r->fw, 0x511, 1);
	EXPECT_EQ(0xff, fwcfg_read(&r->fw, 0x511, 1));
	EXPECT_EQ(0x20000, item(r, FWCFG_CMDLINE_ADDR, 4));
	EXPECT_EQ(14, item(r, FWCFG_CMDLINE_SIZE, 4));
	EXPECT_EQ('c', item(r, FWCFG_CMDLINE_DATA, 1));
	EXPECT_EQ(0, item(r, FWCFG_INITRD_SIZE, 4));
	free(r);
}

/* 128 MB of RAM, initrd_addr_max above it: the initrd ends at the last
 * page boundary that leaves it below 128 MB. */
TEST(linuxboot, initrd_at_top_of_ram)
{
	struct rig *r = new_rig();
	char why[160];
	uint32_t want = (128 * MB - sizeof(r->initrd)) & ~0xfffu;

	EXPECT_TRUE(linuxboot_load(&r->fw, r->image, sizeof(r->image),
				   r->initrd, sizeof(r->initrd), "", 128 * MB,
				   why, sizeof(why)));
	EXPECT_EQ(want, le_get(r->image + 0x218, 4));
	EXPECT_EQ(sizeof(r->initrd), le_get(r->image + 0x21c, 4));
	EXPECT_EQ(want, item(r, FWCFG_INITRD_ADDR, 4));
	EXPECT_EQ(sizeof(r->initrd), item(r, FWCFG_INITRD_SIZE, 4));
	free(r);
}

/* initrd_addr_max below RAM's top bounds the initrd instead. */
TEST(linuxboot, initrd_under_addr_max)
{
	struct rig *r = new_rig();
	char why[160];

	le_put(r->image + 0x22c, 0x37ffffff, 4);
	EXPECT_TRUE(linuxboot_load(&r->fw, r->image, sizeof(r->image),
				   r->initrd, sizeof(r->initrd), "", 2048ull * MB,
				   why, sizeof(why)));
	EXPECT_EQ((0x38000000u - sizeof(r->initrd)) & ~0xfffu,
		  le_get(r->image + 0x218, 4));
	free(r);
}

TEST(linuxboot, setup_sects_zero_means_four)
{
	struct rig *r = new_rig();
	char why[160];

	r->image[0x1f1] = 0;
	EXPECT_TRUE(linuxboot_load(&r->fw, r->image, sizeof(r->image), NULL, 0,
				   "", 128 * MB, why, sizeof(why)));
	EXPECT_EQ(5 * 512, item(r, FWCFG_SETUP_SIZE, 4));
	free(r);
}

TEST(linuxboot, refusals)
{
	struct rig *r = new_rig();
	char why[160];

	le_put(r->image + 0x238, 5, 4);	/* cmdline_size */
	EXPECT_TRUE(!linuxboot_load(&r->fw, r->image, sizeof(r->image), NULL,
				    0, "console=ttyS0", 128 * MB, why, sizeof(why)));
	EXPECT_STREQ("command line longer than the kernel takes (its cmdline_size: 5 bytes)", why);
	r->image[0x211] = 0;
	EXPECT_TRUE(!linuxboot_load(&r->fw, r->image, sizeof(r->image), NULL,
				    0, "", 128 * MB, why, sizeof(why)));
	EXPECT_STREQ("zImage (loaded low) is not supported", why);
	le_put(r->image + 0x206, 0x0201, 2);
	EXPECT_TRUE(!linuxboot_load(&r->fw, r->image, sizeof(r->image), NULL,
				    0, "", 128 * MB, why, sizeof(why)));
	r->image[0x202] = 'X';
	EXPECT_TRUE(!linuxboot_load(&r->fw, r->image, sizeof(r->image), NULL,
				    0, "", 128 * MB, why, sizeof(why)));
	EXPECT_STREQ("not a Linux kernel with a setup header", why);
	free(r);
}

TEST(linuxboot, kernel_cut_short)
{
	struct rig *r = new_rig();
	char why[160];

	EXPECT_TRUE(!linuxboot_load(&r->fw, r->image, sizeof(r->image) - 16, NULL, 0, "",
				    128 * MB, why, sizeof(why)));
	EXPECT_STREQ("kernel image cut short: shorter than its header's syssize", why);
	le_put(r->image + 0x1f4, KERNEL_SIZE / 16 - 1, 4);
	EXPECT_TRUE(linuxboot_load(&r->fw, r->image, sizeof(r->image) - 16, NULL, 0, "",
				   128 * MB, why, sizeof(why)));
	free(r);
}

TEST(linuxboot, initrd_too_big)
{
	struct rig *r = new_rig();
	char why[160];

	EXPECT_TRUE(!linuxboot_load(&r->fw, r->image, sizeof(r->image),
				    r->initrd, sizeof(r->initrd), "", 1 * MB + 8192,
				    why, sizeof(why)));
	EXPECT_STREQ("initrd does not fit in RAM", why);
	free(r);
}
