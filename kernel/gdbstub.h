/* A GDB stub for the guest on the serial console: gdb's remote protocol for
 * an i386 target (registers, memory by linear address, breakpoints, single
 * step, continue, Ctrl-C, detach, kill).  The debugger (debugger.c) hands
 * it the console and every stop while gdb is attached. */
#ifndef MIMIC_KERNEL_GDBSTUB_H
#define MIMIC_KERNEL_GDBSTUB_H

#include <stdbool.h>
#include <stdint.h>

#include "translator/x86.h"

enum gdbstub_verdict {
	GDBSTUB_CONTINUE,	/* run the guest */
	GDBSTUB_STEP,		/* run one instruction */
	GDBSTUB_DETACH,		/* gdb is gone: the console is the guest's again */
	GDBSTUB_KILL,		/* gdb ended the run */
};

/* gdb takes over a stopped guest: the next '?' reports a SIGTRAP stop. */
void gdbstub_attach(void);
/* The guest stopped (after a step when stepped is true): tells gdb if it
 * is waiting for that, then serves its requests until it resumes the
 * guest, detaches or kills it. */
enum gdbstub_verdict gdbstub_serve(struct x86_cpu *cpu, enum x86_stop stop, bool stepped);
/* A byte of guest console output while the guest runs: to gdb's console
 * in 'O' packets. */
void gdbstub_output(uint8_t byte);
/* The run ends with the guest's exit status: gdb hears it ('W'). */
void gdbstub_exited(int status);

#endif
