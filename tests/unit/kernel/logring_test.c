/* The log ring: tails by line, wrap-around keeps the newest bytes. */
#include "kernel/logring.h"

#include <stdio.h>

#include "test.h"

static char shown[LOGRING_SIZE + 64];
static size_t shown_len;

/* The console, as the ring sees it. */
void console_putc(char c)
{
	if (shown_len < sizeof(shown) - 1)
		shown[shown_len++] = c;
	shown[shown_len] = 0;
}

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_putc(s[i]);
}

static const char *tail(unsigned lines)
{
	shown_len = 0;
	shown[0] = 0;
	logring_show_tail(lines);
	return shown;
}

TEST(logring, tail_by_lines_and_wrap)
{
	char line[32];

	EXPECT_STREQ("", tail(5));
	logring_write("one\n", 4);
	logring_write("two\n", 4);
	logring_write("three\n", 6);
	EXPECT_STREQ("two\nthree\n", tail(2));
	EXPECT_STREQ("one\ntwo\nthree\n", tail(10));
	EXPECT_EQ(14, logring_kept());
	for (unsigned i = 0; i < 40000; i++) {
		int n = snprintf(line, sizeof(line), "line %u\n", i);

		logring_write(line, (size_t)n);
	}
	EXPECT_EQ(LOGRING_SIZE, logring_kept());
	EXPECT_STREQ("line 39998\nline 39999\n", tail(2));
	EXPECT_TRUE(logring_written() > LOGRING_SIZE);
}

TEST(logring, to_console_bypasses_the_ring)
{
	uint64_t before = logring_written();

	logring_to_console(true);
	shown_len = 0;
	logring_write("now\n", 4);
	EXPECT_STREQ("now\n", shown);
	EXPECT_EQ(before, logring_written());
	logring_to_console(false);
}
