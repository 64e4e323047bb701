/* The benchmark guest's entry and main: runs the workload twice between
 * marks (the first run pays for translation, the second does not), prints the
 * result and exits 0 if both runs agree.  Also the C runtime gcc may call.
 * Linked first, before the workload and then the platform, so that both
 * links put this code and the workload's at the same addresses. */
#include <stddef.h>

#include "tests/bench/platform.h"
#include "tests/bench/workload.h"

void _start(void);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

/* The image's first byte (bench.mk checks): the flat guest is entered there. */
__attribute__((naked, noreturn)) void _start(void)
{
	__asm__ volatile("call bench_main");
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void bench_main(void)
{
	static char line[] = "result 00000000\n";
	uint32_t first, second;

	platform_mark(0);
	first = workload();
	platform_mark(1);
	second = workload();
	platform_mark(2);
	for (int i = 0; i < 8; i++)
		line[7 + i] = "0123456789abcdef"[(first >> (28 - 4 * i)) & 0xf];
	platform_write(line, sizeof(line) - 1);
	platform_exit(first != second);
}
