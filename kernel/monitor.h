/* The monitor: a command line on the serial console for looking at a
 * stopped guest (registers, memory, disassembly, statistics), setting
 * breakpoints, stepping, and handing the console to gdb. */
#ifndef MIMIC_KERNEL_MONITOR_H
#define MIMIC_KERNEL_MONITOR_H

#include <stdbool.h>

#include "translator/x86.h"

enum monitor_verdict {
	MONITOR_CONTINUE,	/* run the guest */
	MONITOR_STEP,		/* run one instruction, then back to the monitor */
	MONITOR_GDB,		/* the console speaks gdb's protocol from now on */
	MONITOR_QUIT,		/* end the run */
};

/* What the running machine adds to the monitor. */
struct monitor_machine {
	void (*show_devices)(void *opaque);	/* "dev": the chips' registers */
	void (*show_log)(void *opaque);		/* "fwlog": the firmware's debug log */
	void (*reset)(void *opaque);		/* "reset": the machine's reset, now */
	void *opaque;
};

/* m must outlive the run; NULL: no machine commands. */
void monitor_set_machine(const struct monitor_machine *m);

/* Runs commands on a guest stopped by stop (X86_STOP_DEBUG: a breakpoint,
 * or the end of a step when stepped) until the user leaves. */
enum monitor_verdict monitor_enter(struct x86_cpu *cpu, enum x86_stop stop, bool stepped);

#endif
