/* Run exit.  Under QEMU with -semihosting, a UHI exit call (sdbbp 1 with
 * $25 = 1, $4 = code) ends QEMU with that status; otherwise the firmware's
 * shutdown entry from the LEFI table powers the board off.  Without either,
 * stop the CPU with interrupts off. */
#include "kernel/power.h"

#include <stdio.h>

#include "kernel/cp0.h"

#define UHI_EXIT 1

static enum power_exit_method exit_method;
static uint64_t shutdown_entry;

void power_init(uint64_t fw_shutdown)
{
	shutdown_entry = fw_shutdown;
}

void power_set_exit_method(enum power_exit_method method)
{
	exit_method = method;
}

void machine_exit(int code)
{
	fflush(stdout);
	irq_save();
	if (exit_method == POWER_EXIT_SEMIHOSTING) {
		register long a0 __asm__("$4") = code;
		register long t9 __asm__("$25") = UHI_EXIT;
		__asm__ volatile("sdbbp 1" :: "r"(a0), "r"(t9) : "memory");
	}
	if (shutdown_entry) {
		printf("mimic: exit code %d; powering off\n", code);
		fflush(stdout);
		((void (*)(void))(uintptr_t)shutdown_entry)();
	}
	for (;;)
		__asm__ volatile("wait");
}
