/* newc cpio reading: members found by name, the trailer, and archives
 * that are cut short or malformed. */
#include "kernel/cpio.h"

#include "test.h"
#include "kernel/cpio_build.h"

static size_t sample(uint8_t *buf)
{
	size_t n = 0;

	add_member(buf, &n, "vmlinuz", "kernel bytes");
	add_member(buf, &n, "cmdline", "console=ttyS0");
	add_member(buf, &n, "TRAILER!!!", "");
	return n;
}

TEST(cpio, finds_members_by_name)
{
	uint8_t buf[1024];
	size_t n = sample(buf), where = 99;
	struct cpio_member m;

	EXPECT_TRUE(cpio_check(buf, n, &where) == NULL);
	EXPECT_TRUE(cpio_find(buf, n, "cmdline", &m));
	EXPECT_EQ(13, m.size);
	EXPECT_TRUE(!memcmp(m.data, "console=ttyS0", 13));
	EXPECT_EQ(0100644, m.mode);
	EXPECT_TRUE(cpio_find(buf, n, "vmlinuz", &m));
	EXPECT_EQ(12, m.size);
	EXPECT_TRUE(!cpio_find(buf, n, "initrd", &m));
	EXPECT_TRUE(!cpio_find(buf, n, "TRAILER!!!", &m));
}

TEST(cpio, walks_to_the_trailer)
{
	uint8_t buf[1024];
	size_t n = sample(buf), pos = 0;
	struct cpio_member m;
	bool at_end = true;

	EXPECT_TRUE(cpio_next(buf, n, &pos, &m, &at_end) == NULL);
	EXPECT_STREQ("vmlinuz", m.name);
	EXPECT_TRUE(!at_end);
	EXPECT_EQ(0, pos % 4);
	EXPECT_TRUE(cpio_next(buf, n, &pos, &m, &at_end) == NULL);
	EXPECT_TRUE(cpio_next(buf, n, &pos, &m, &at_end) == NULL);
	EXPECT_TRUE(at_end);
	EXPECT_EQ(n, pos);
}

TEST(cpio, reports_what_is_wrong_and_where)
{
	uint8_t buf[1024];
	size_t n = sample(buf), where;

	EXPECT_STREQ("cut short inside a header", cpio_check(buf, 50, &where));
	EXPECT_EQ(0, where);
	/* Cut inside the first member's data, then with no trailer at all. */
	EXPECT_STREQ("a member's data is cut short", cpio_check(buf, 120, &where));
	EXPECT_STREQ("cut short inside a header", cpio_check(buf, n - 124, &where));
	EXPECT_EQ(n - 124, where);
	buf[0] = 'x';
	EXPECT_STREQ("no newc cpio header (070701) where one should start",
		     cpio_check(buf, n, &where));
	buf[0] = '0';
	buf[6 + 8] = 'g';	/* the mode field */
	EXPECT_STREQ("a header field is not hexadecimal", cpio_check(buf, n, &where));
}
