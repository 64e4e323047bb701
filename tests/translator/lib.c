/* Output helpers and the C runtime pieces gcc may call, for test guests. */
#include "plat.h"

void print_str(const char *s)
{
	while (*s)
		plat_putc(*s++);
}

void print_hex(uint32_t v)
{
	for (int i = 28; i >= 0; i -= 4)
		plat_putc("0123456789abcdef"[(v >> i) & 0xf]);
}

/* One line per check: the run script compares them with the reference. */
void print_check(const char *name, uint32_t v)
{
	print_str(name);
	plat_putc(' ');
	print_hex(v);
	plat_putc('\n');
}

void *memcpy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	char *d = dst;

	while (n--)
		*d++ = (char)c;
	return dst;
}
