/* Flat-guest platform for benchmark guests: marks on the kernel's bench port,
 * text on port 0xE9, exit through port 0xF4 (kernel/bench.h). */
#include "kernel/bench.h"
#include "tests/bench/platform.h"
#include "translator/flatguest.h"

static void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

void platform_mark(uint32_t n)
{
	outb(BENCH_PORT_MARK, (uint8_t)n);
}

void platform_write(const char *s, uint32_t len)
{
	while (len--)
		outb(FLATGUEST_PORT_PUTC, (uint8_t)*s++);
}

void platform_exit(uint32_t status)
{
	outb(FLATGUEST_PORT_EXIT, (uint8_t)status);
	for (;;)
		__asm__ volatile("hlt");
}
