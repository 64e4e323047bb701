/* panic: for host invariants only; guest faults become guest exceptions. */
#include "kernel/panic.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "kernel/backtrace.h"
#include "kernel/power.h"

void panic(const char *fmt, ...)
{
	va_list ap;
	uint64_t sp;

	__asm__ volatile("move %0, $sp" : "=r"(sp));
	printf("\nmimic: panic: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	backtrace_print(sp);
	printf("mimic: this is a bug in mimic: please report the lines above.\n");
	machine_exit(EXIT_HOST_FAILURE);
}
