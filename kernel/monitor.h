/* The monitor: a command line on the serial console for looking at a
 * stopped guest (registers, memory, disassembly, statistics). */
#ifndef MIMIC_KERNEL_MONITOR_H
#define MIMIC_KERNEL_MONITOR_H

#include <stdbool.h>

struct x86_cpu;

/* What the running machine adds to the monitor. */
struct monitor_machine {
	void (*show_devices)(void *opaque);	/* "dev": the chips' registers */
	void (*show_log)(void *opaque);		/* "log": the firmware's debug log */
	void *opaque;
};

/* m must outlive the run; NULL: no machine commands. */
void monitor_set_machine(const struct monitor_machine *m);

/* Runs commands until the user continues (returns true) or quits (false). */
bool monitor_enter(struct x86_cpu *cpu);

#endif
