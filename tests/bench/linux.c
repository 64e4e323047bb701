/* i386 Linux platform for benchmark guests, for the reference run on the host
 * CPU and the counting run under qemu-i386: marks are getpid(2) calls, which
 * the counting plugin (counter.c) reports with the instruction count. */
#include "tests/bench/platform.h"

#define SYS_EXIT   1
#define SYS_WRITE  4
#define SYS_GETPID 20

static uint32_t syscall3(uint32_t nr, uint32_t a, uint32_t b, uint32_t c)
{
	uint32_t r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

void platform_mark(uint32_t n)
{
	syscall3(SYS_GETPID, n, 0, 0);
}

void platform_write(const char *s, uint32_t len)
{
	syscall3(SYS_WRITE, 1, (uint32_t)s, len);
}

void platform_exit(uint32_t status)
{
	for (;;)
		syscall3(SYS_EXIT, status, 0, 0);
}
