/* The until= watch: the first appearance of a text in a byte stream,
 * across a prefix that starts over, and only once. */
#include "kernel/textwatch.h"

#include <string.h>

#include "test.h"

/* Feeds s; the 1-based position of the byte that completed the text, or 0. */
static size_t feed(struct text_watch *w, const char *s)
{
	for (size_t i = 0; s[i]; i++)
		if (text_watch_feed(w, (uint8_t)s[i]))
			return i + 1;
	return 0;
}

TEST(textwatch, finds_first_appearance)
{
	struct text_watch w;

	EXPECT_TRUE(text_watch_init(&w, "guest# "));
	EXPECT_EQ(0, feed(&w, "mimic-guest: init up\r\nguest#"));
	EXPECT_EQ(1, feed(&w, " ls\r\n"));
	EXPECT_EQ(0, feed(&w, "guest# "));	/* only the first one */
}

TEST(textwatch, prefix_that_starts_over)
{
	struct text_watch w;

	EXPECT_TRUE(text_watch_init(&w, "aab"));
	EXPECT_EQ(4, feed(&w, "aaab"));
	EXPECT_TRUE(text_watch_init(&w, "abab"));
	EXPECT_EQ(5, feed(&w, "aababab"));
	EXPECT_TRUE(text_watch_init(&w, "x"));
	EXPECT_EQ(3, feed(&w, "..x"));
}

TEST(textwatch, refuses_empty_and_too_long)
{
	struct text_watch w;
	char longer[TEXT_WATCH_MAX + 2];

	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = 0;
	EXPECT_TRUE(!text_watch_init(&w, ""));
	EXPECT_TRUE(!text_watch_init(&w, longer));
	EXPECT_EQ(0, feed(&w, "aaaa"));
	longer[TEXT_WATCH_MAX] = 0;
	EXPECT_TRUE(text_watch_init(&w, longer));
	EXPECT_EQ(0, feed(&w, "b"));
	EXPECT_EQ(TEXT_WATCH_MAX, feed(&w, longer));
}
