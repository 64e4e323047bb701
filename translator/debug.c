/* What a debugger asks of the CPU: breakpoints on linear code addresses,
 * single step, and guest memory by linear address.  The translator honours
 * breakpoints when it translates (a block ends before one; a block at one
 * only stops) and steps with one-instruction blocks (exec.c), so setting or
 * clearing a breakpoint drops every translation. */
#include <string.h>

#include "translator/translate.h"

bool x86_breakpoint_at(const struct x86_cpu *cpu, uint32_t eip)
{
	uint32_t linear = cpu->seg[X86_CS].base + eip;

	for (unsigned i = 0; i < cpu->nr_breakpoints; i++)
		if (cpu->breakpoints[i] == linear)
			return true;
	return false;
}

bool x86_set_breakpoint(struct x86_cpu *cpu, uint32_t addr, bool on)
{
	unsigned i;

	for (i = 0; i < cpu->nr_breakpoints && cpu->breakpoints[i] != addr; i++)
		;
	if (on && i == cpu->nr_breakpoints) {
		if (i == X86_MAX_BREAKPOINTS)
			return false;
		cpu->breakpoints[cpu->nr_breakpoints++] = addr;
	} else if (!on) {
		if (i == cpu->nr_breakpoints)
			return false;
		cpu->breakpoints[i] = cpu->breakpoints[--cpu->nr_breakpoints];
	}
	x86_flush_all(cpu);
	return true;
}

unsigned x86_breakpoints(const struct x86_cpu *cpu, uint32_t *out, unsigned max)
{
	for (unsigned i = 0; i < cpu->nr_breakpoints && i < max; i++)
		out[i] = cpu->breakpoints[i];
	return cpu->nr_breakpoints;
}

void x86_set_step(struct x86_cpu *cpu, bool on)
{
	cpu->step = on;
}

/* Paging is not translated yet: a linear address is the physical one. */
static uint8_t *debug_bytes(struct x86_cpu *cpu, uint32_t addr, uint32_t len)
{
	return softmmu_ram_range(&cpu->mmu, addr, len, false);
}

bool x86_debug_read(struct x86_cpu *cpu, uint32_t addr, void *buf, uint32_t len)
{
	const uint8_t *p;

	if (len == 0)
		return true;
	p = debug_bytes(cpu, addr, len);
	if (!p)
		return false;
	memcpy(buf, p, len);
	return true;
}

bool x86_debug_write(struct x86_cpu *cpu, uint32_t addr, const void *buf, uint32_t len)
{
	uint8_t *p;

	if (len == 0)
		return true;
	p = debug_bytes(cpu, addr, len);
	if (!p)
		return false;
	memcpy(p, buf, len);
	x86_ram_written(cpu, addr, len);
	return true;
}
