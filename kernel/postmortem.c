/* Post-mortem of a host exception while the guest runs (postmortem.h).  The
 * guest's registers are the host's s0..s7 when the exception hit generated
 * code.  The monitor runs after the exception returns, on the interrupted
 * stack (generated code keeps sp a valid stack), and the run then ends with
 * EXIT_HOST_FAILURE: the guest cannot go on. */
#include "kernel/postmortem.h"

#include <stdio.h>
#include <string.h>

#include "kernel/config.h"
#include "kernel/monitor.h"
#include "kernel/power.h"
#include "kernel/trap.h"
#include "translator/cpu.h"

#define HOST_S0 16	/* trap frame index of s0: guest EAX..EDI are s0..s7 */

static struct {
	struct x86_cpu *cpu;
	bool entered;		/* once: a fault in the post-mortem itself is fatal */
} pm;

__attribute__((noreturn)) static void monitor_after_fault(void)
{
	printf("mimic: the guest is stopped for good; the monitor shows its state "
	       "(quit or c ends the run)\n");
	monitor_enter(pm.cpu, X86_STOP_REQUESTED, false);
	printf("mimic: ending the run after the host exception\n");
	machine_exit(EXIT_HOST_FAILURE);
}

static bool interactive(void)
{
	const char *v = config_get("tty");

	return v && !strcmp(v, "1");
}

static bool on_fatal(struct trap_frame *tf)
{
	if (pm.entered)
		return false;
	pm.entered = true;
	printf("mimic: the exception hit while the guest was running, ");
	if (!x86_describe_host_pc(pm.cpu, tf->epc, &tf->regs[HOST_S0]))
		printf("outside generated code (in mimic's C code it called, or the loop);\n"
		       "guest state as last stored: eip %08x\n", pm.cpu->eip);
	if (!interactive())
		return false;
	tf->epc = (uint64_t)(uintptr_t)monitor_after_fault;
	return true;
}

void postmortem_watch(struct x86_cpu *cpu)
{
	pm.cpu = cpu;
	trap_set_fatal_hook(on_fatal);
}
