/* The time-stamp counter: nanoseconds of the embedder's clock (a 1 GHz
 * TSC), or, without a clock, a deterministic count that grows with the
 * blocks run and with every read. */
#include "translator/sys.h"

static uint64_t tsc_raw(struct x86_cpu *cpu)
{
	if (cpu->env.clock_ns)
		return cpu->env.clock_ns(cpu->env.opaque);
	return cpu->stat_tb_exec * 64 + ++cpu->tsc;
}

uint64_t x86_tsc_read(struct x86_cpu *cpu)
{
	return tsc_raw(cpu) + cpu->tsc_offset;
}

void x86_tsc_set(struct x86_cpu *cpu, uint64_t value)
{
	cpu->tsc_offset = value - tsc_raw(cpu);
}
