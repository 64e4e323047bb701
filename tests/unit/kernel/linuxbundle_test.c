/* The direct-boot bundle: its members, the command line it carries or
 * append= replaces, and the messages for a missing kernel or a bad initrd. */
#include "kernel/linuxbundle.h"

#include "test.h"
#include "kernel/cpio_build.h"

static uint8_t buf[4096];
static struct linux_bundle b;
static char err[320];

static size_t bundle(const char *initrd, size_t initrd_len, const char *cmdline)
{
	size_t n = 0;

	add_member(buf, &n, "vmlinuz", "a bzImage");
	if (initrd)
		add_member_n(buf, &n, "initrd", initrd, initrd_len);
	if (cmdline)
		add_member(buf, &n, "cmdline", cmdline);
	add_member(buf, &n, "TRAILER!!!", "");
	return n;
}

TEST(linuxbundle, members_and_command_line)
{
	static const char gz[] = "\x1f\x8b\x08 compressed";
	size_t n = bundle(gz, sizeof(gz) - 1, "console=ttyS0 quiet\n");

	EXPECT_TRUE(linux_bundle_read(buf, n, NULL, &b, err, sizeof(err)) == NULL);
	EXPECT_EQ(9, b.kernel_len);
	EXPECT_TRUE(!memcmp(b.kernel, "a bzImage", 9));
	EXPECT_EQ(sizeof(gz) - 1, b.initrd_len);
	EXPECT_STREQ("console=ttyS0 quiet", b.cmdline);
	EXPECT_TRUE(linux_bundle_read(buf, n, "console=ttyS0 debug", &b, err, sizeof(err)) == NULL);
	EXPECT_STREQ("console=ttyS0 debug", b.cmdline);
}

TEST(linuxbundle, initrd_and_cmdline_are_optional)
{
	size_t n = bundle(NULL, 0, NULL);

	EXPECT_TRUE(linux_bundle_read(buf, n, NULL, &b, err, sizeof(err)) == NULL);
	EXPECT_TRUE(b.initrd == NULL);
	EXPECT_EQ(0, b.initrd_len);
	EXPECT_STREQ("", b.cmdline);
}

TEST(linuxbundle, a_cpio_initrd_is_walked_to_its_trailer)
{
	uint8_t inner[512];
	size_t m = 0, n;

	add_member(inner, &m, "init", "#!/bin/sh");
	add_member(inner, &m, "TRAILER!!!", "");
	n = bundle((const char *)inner, m, NULL);
	EXPECT_TRUE(linux_bundle_read(buf, n, NULL, &b, err, sizeof(err)) == NULL);
	n = bundle((const char *)inner, m - 124, NULL);	/* its trailer cut off */
	EXPECT_STREQ("the initrd (128 bytes) is neither a newc cpio archive nor a compressed "
		     "one Linux unpacks (gzip, bzip2, lzma, xz, lzo, lz4, zstd): at byte 128, "
		     "cut short inside a header",
		     linux_bundle_read(buf, n, NULL, &b, err, sizeof(err)));
}

TEST(linuxbundle, refusals)
{
	size_t n = 0;

	add_member(buf, &n, "initrd", "\x1f\x8b");
	add_member(buf, &n, "TRAILER!!!", "");
	EXPECT_STREQ("the Linux bundle has no kernel: it needs a member 'vmlinuz' (a bzImage), "
		     "and 'initrd' and 'cmdline' if wanted",
		     linux_bundle_read(buf, n, NULL, &b, err, sizeof(err)));
	EXPECT_STREQ("the Linux bundle (the initrd mimic was given, 100 bytes) is not a newc "
		     "cpio archive: at byte 0, cut short inside a header; build it with make "
		     "linux-guest (build/linux/linuxboot.cpio)",
		     linux_bundle_read(buf, 100, NULL, &b, err, sizeof(err)));
	n = bundle("not an archive", 14, NULL);
	EXPECT_STREQ("the initrd (14 bytes) is neither a newc cpio archive nor a compressed "
		     "one Linux unpacks (gzip, bzip2, lzma, xz, lzo, lz4, zstd): at byte 0, "
		     "no newc cpio header (070701) where one should start",
		     linux_bundle_read(buf, n, NULL, &b, err, sizeof(err)));
	n = bundle(NULL, 0, "two\nlines");
	EXPECT_STREQ("the bundle's cmdline is not one line of text shorter than 4096 bytes",
		     linux_bundle_read(buf, n, NULL, &b, err, sizeof(err)));
}
