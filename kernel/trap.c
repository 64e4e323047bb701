/* Exception dispatch: interrupts go to the handler of their CPU line; any
 * other exception is unexpected in mimic's kernel, so it is reported with the
 * whole register state and the machine exits with a failure code.
 * Ref: MIPS64 PRA, Cause.ExcCode table. */
#include "kernel/trap.h"

#include <stdio.h>

#include "kernel/backtrace.h"
#include "kernel/cp0.h"
#include "kernel/power.h"

static irq_handler_fn irq_handlers[8];
static trap_fatal_fn fatal_hook;

void trap_set_fatal_hook(trap_fatal_fn fn)
{
	fatal_hook = fn;
}

static const char *const cause_names[32] = {
	[0] = "Int (interrupt)", [1] = "Mod (TLB modified)",
	[2] = "TLBL (TLB miss on load or fetch)", [3] = "TLBS (TLB miss on store)",
	[4] = "AdEL (address error on load or fetch)", [5] = "AdES (address error on store)",
	[6] = "IBE (bus error on fetch)", [7] = "DBE (bus error on data)",
	[8] = "Sys (syscall)", [9] = "Bp (breakpoint)",
	[10] = "RI (reserved instruction)", [11] = "CpU (coprocessor unusable)",
	[12] = "Ov (integer overflow)", [13] = "Tr (trap)",
	[15] = "FPE (floating point)", [16] = "implementation-specific",
	[18] = "C2E (coprocessor 2)", [22] = "MDMX", [23] = "WATCH",
	[24] = "MCheck (machine check)", [25] = "Thread", [30] = "CacheErr",
};

static const char *const reg_names[32] = {
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
};

const char *trap_cause_name(unsigned exccode)
{
	const char *n = exccode < 32 ? cause_names[exccode] : NULL;

	return n ? n : "reserved";
}

void trap_set_irq_handler(int ip, irq_handler_fn fn)
{
	irq_handlers[ip] = fn;
	cp0_set_status(cp0_status() | ST_IM(ip));
}

void trap_report(const struct trap_frame *tf)
{
	unsigned code = CAUSE_EXCCODE(tf->cause);

	printf("\nmimic: host exception %u: %s\n", code, trap_cause_name(code));
	printf("  EPC      %016llx  ", (unsigned long long)tf->epc);
	backtrace_print_symbol(tf->epc);
	printf("\n  BadVAddr %016llx  Status %08llx  Cause %08llx\n",
	       (unsigned long long)tf->badvaddr, (unsigned long long)tf->status,
	       (unsigned long long)tf->cause);
	for (int i = 0; i < 32; i += 4)
		printf("  %-4s %016llx  %-4s %016llx  %-4s %016llx  %-4s %016llx\n",
		       reg_names[i], (unsigned long long)tf->regs[i],
		       reg_names[i + 1], (unsigned long long)tf->regs[i + 1],
		       reg_names[i + 2], (unsigned long long)tf->regs[i + 2],
		       reg_names[i + 3], (unsigned long long)tf->regs[i + 3]);
	printf("  ra       %016llx  ", (unsigned long long)tf->regs[31]);
	backtrace_print_symbol(tf->regs[31]);
	printf("\n");
	backtrace_print(tf->regs[29]);
}

static void dispatch_interrupts(struct trap_frame *tf)
{
	uint32_t pending = (uint32_t)tf->cause & (uint32_t)tf->status & 0xff00;

	for (int ip = 7; ip >= 0; ip--) {
		if (!(pending & CAUSE_IP(ip)))
			continue;
		if (!irq_handlers[ip]) {
			printf("\nmimic: interrupt on line %d with no handler\n", ip);
			trap_report(tf);
			machine_exit(EXIT_HOST_FAILURE);
		}
		irq_handlers[ip](tf);
	}
}

void trap_dispatch(struct trap_frame *tf)
{
	static int depth;
	unsigned code = CAUSE_EXCCODE(tf->cause);

	if (code == 0 && depth == 0) {
		dispatch_interrupts(tf);
		return;
	}
	if (depth++ > 0)
		printf("\nmimic: exception while handling an exception\n");
	if (depth > 2)
		machine_exit(EXIT_HOST_FAILURE);
	trap_report(tf);
	if (depth == 1 && fatal_hook && fatal_hook(tf)) {
		depth--;
		return;
	}
	printf("mimic: this is a bug in mimic, not in the guest: please report the lines above.\n");
	machine_exit(EXIT_HOST_FAILURE);
}
