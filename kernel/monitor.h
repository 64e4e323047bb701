/* The monitor: a command line on the serial console for looking at a
 * stopped guest (registers, memory, disassembly, statistics). */
#ifndef MIMIC_KERNEL_MONITOR_H
#define MIMIC_KERNEL_MONITOR_H

#include <stdbool.h>

struct x86_cpu;

/* Runs commands until the user continues (returns true) or quits (false). */
bool monitor_enter(struct x86_cpu *cpu);

#endif
