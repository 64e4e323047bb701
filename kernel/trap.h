/* Host exceptions and interrupts: the frame boot/vectors.S saves, the
 * dispatcher, per-line interrupt handlers and the fatal-exception report. */
#ifndef MIMIC_KERNEL_TRAP_H
#define MIMIC_KERNEL_TRAP_H

#include <stdbool.h>
#include <stdint.h>

/* Layout mirrored by TF_* in boot/asm.h. */
struct trap_frame {
	uint64_t regs[32];
	uint64_t hi, lo, epc, status, cause, badvaddr;
};

typedef void (*irq_handler_fn)(struct trap_frame *tf);

/* Called by boot/vectors.S for every exception and interrupt. */
void trap_dispatch(struct trap_frame *tf);
/* Installs the handler for CPU interrupt line ip (0..7) and unmasks it. */
void trap_set_irq_handler(int ip, irq_handler_fn fn);
/* Name of a Cause.ExcCode ("TLBL", "AdEL"...). */
const char *trap_cause_name(unsigned exccode);
/* A fatal exception, after its report: a hook may add to the report and
 * point tf somewhere to carry on (true), or leave it fatal (false). */
typedef bool (*trap_fatal_fn)(struct trap_frame *tf);
void trap_set_fatal_hook(trap_fatal_fn fn);
/* Prints the frame (cause, EPC, BadVAddr, GPRs, call trace). */
void trap_report(const struct trap_frame *tf);

#endif
