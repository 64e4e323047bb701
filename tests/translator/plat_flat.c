/* Flat-guest platform: entered at the load address with esp set; text out on
 * port 0xE9, exit status through port 0xF4. */
#include "plat.h"

__attribute__((section(".entry"), naked)) void _start(void)
{
	__asm__ volatile("call main\n\tpush %eax\n\tcall plat_exit");
}

void plat_putc(char c)
{
	__asm__ volatile("outb %0, $0xe9" : : "a"(c));
}

void plat_flush(void)
{
}

void plat_exit(unsigned status)
{
	__asm__ volatile("outb %0, $0xf4" : : "a"((uint8_t)status));
	for (;;)
		__asm__ volatile("hlt");
}
