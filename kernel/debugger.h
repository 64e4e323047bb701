/* The guest's debuggers on the serial console, the monitor and the GDB
 * stub, and who owns the console meanwhile: the guest (with the Ctrl-A
 * escape) or gdb's protocol.  An embedder's run loop calls
 * debugger_start before the guest's first instruction and debugger_stopped
 * after each x86_run. */
#ifndef MIMIC_KERNEL_DEBUGGER_H
#define MIMIC_KERNEL_DEBUGGER_H

#include <stdbool.h>
#include <stdint.h>

#include "translator/x86.h"

enum debugger_verdict {
	DEBUGGER_RUN,		/* run the guest again */
	DEBUGGER_QUIT,		/* the user ended the run (Ctrl-A x, quit, gdb's kill) */
	DEBUGGER_PASS,		/* not the debugger's stop: the embedder handles it */
};

/* Takes the console's escape (Ctrl-A c stops cpu for the monitor, Ctrl-A
 * x quits) and honours the boot options monitor=1 and gdb=1, which stop
 * before the first instruction. */
enum debugger_verdict debugger_start(struct x86_cpu *cpu);
/* cpu's run returned stop.  Stops the user asked for (Ctrl-A c, Ctrl-C,
 * breakpoints, steps) go to the monitor or gdb; while gdb is attached it
 * also sees faults and unsupported instructions. */
enum debugger_verdict debugger_stopped(struct x86_cpu *cpu, enum x86_stop stop);
/* The user asked to stop the guest or to quit (safe from an interrupt
 * handler): a machine idling for its guest stops idling. */
bool debugger_interrupted(void);
/* Guest console output: to the console, or to gdb while it owns it. */
void debugger_guest_output(uint8_t byte);
/* Typed bytes are the guest's (not gdb's protocol). */
bool debugger_console_is_guests(void);
/* The run ends with the guest's exit status; gdb hears of it. */
void debugger_run_ends(int status);

#endif
