/* Benchmark workload: NUL-terminated string handling; builds words, joins
 * them, measures, reverses, compares and searches them byte by byte. */
#include "tests/bench/workload.h"

#define WORDS     600
#define WORD_MAX  12
#define TEXT_SIZE (WORDS * (WORD_MAX + 1) + 1)

static char words[WORDS][WORD_MAX + 1];
static char text[TEXT_SIZE];

static uint32_t str_len(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (uint32_t)(p - s);
}

static int str_cmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static char *str_append(char *dst, const char *src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

static void str_reverse(char *s)
{
	for (uint32_t i = 0, j = str_len(s); i + 1 < j; i++, j--) {
		char c = s[i];

		s[i] = s[j - 1];
		s[j - 1] = c;
	}
}

/* Occurrences of needle in hay, overlapping ones included. */
static uint32_t str_count(const char *hay, const char *needle)
{
	uint32_t n = 0;

	for (; *hay; hay++) {
		const char *h = hay, *k = needle;

		while (*k && *h == *k) {
			h++;
			k++;
		}
		n += !*k;
	}
	return n;
}

uint32_t workload(void)
{
	uint32_t seed = 7, sum = 0;
	char *end = text;

	for (uint32_t w = 0; w < WORDS; w++) {
		uint32_t len;

		seed = seed * 1664525u + 1013904223u;
		len = 2 + (seed >> 28) % (WORD_MAX - 1);
		for (uint32_t i = 0; i < len; i++) {
			seed = seed * 1664525u + 1013904223u;
			words[w][i] = (char)('a' + (seed >> 24) % 6);
		}
		words[w][len] = 0;
	}
	text[0] = 0;
	for (uint32_t w = 0; w < WORDS; w++) {
		end = str_append(end, words[w]);
		end = str_append(end, " ");
	}
	sum = str_len(text);
	for (uint32_t w = 0; w < WORDS; w++) {
		sum = sum * 7 + (uint32_t)(str_cmp(words[w], words[(w * 37) % WORDS]) > 0);
		str_reverse(words[w]);
	}
	for (uint32_t w = 0; w < WORDS; w += 20)
		sum = sum * 31 + str_count(text, words[w]);
	return sum + str_count(text, "abc") + str_count(text, "ff");
}
