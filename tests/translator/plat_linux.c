/* i386 Linux platform for the native reference run: buffered write(2) and
 * exit(2) through int 0x80, status as mimic-hosted reports it. */
#include "plat.h"

static char buf[4096];
static unsigned used;

__attribute__((section(".entry"), naked)) void _start(void)
{
	__asm__ volatile("call main\n\tpush %eax\n\tcall plat_exit");
}

void plat_flush(void)
{
	int r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(4), "b"(1), "c"(buf), "d"(used) : "memory");
	used = 0;
}

void plat_putc(char c)
{
	buf[used++] = c;
	if (used == sizeof(buf))
		plat_flush();
}

void plat_exit(unsigned status)
{
	plat_flush();
	__asm__ volatile("int $0x80" : : "a"(1), "b"(((status & 0xff) << 1) | 1));
	__builtin_unreachable();
}
