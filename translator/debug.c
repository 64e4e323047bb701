/* What a debugger asks of the CPU: breakpoints on linear code addresses,
 * single step, and guest memory by linear address (through the page tables)
 * or physical address.  The translator honours breakpoints when it
 * translates (a block ends before one; a block at one only stops) and steps
 * with one-instruction blocks (exec.c), so setting or clearing a breakpoint
 * drops every translation. */
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

bool x86_debug_translate(struct x86_cpu *cpu, uint32_t addr, uint32_t *phys)
{
	return softmmu_probe(&cpu->mmu, addr, phys);
}

/* Copies between buf and guest memory, page by page: addr is linear
 * (through the page tables, without touching accessed or dirty bits) or
 * physical.  Reads take RAM or ROM, writes RAM only; no device is touched. */
static bool debug_copy(struct x86_cpu *cpu, uint32_t addr, uint8_t *buf, uint32_t len,
		       bool write, bool linear)
{
	while (len) {
		uint32_t n = SOFTMMU_PAGE_SIZE - (addr & SOFTMMU_PAGE_MASK), phys = addr;
		uint8_t *ram;

		if (n > len)
			n = len;
		if (linear && !x86_debug_translate(cpu, addr, &phys))
			return false;
		if (write) {
			ram = softmmu_ram_range(&cpu->mmu, phys, n, false);
			if (!ram)
				return false;
			memcpy(ram, buf, n);
			x86_ram_written(cpu, phys, n);
		} else if (!softmmu_peek(&cpu->mmu, phys, buf, n)) {
			return false;
		}
		addr += n;
		buf += n;
		len -= n;
	}
	return true;
}

bool x86_debug_read(struct x86_cpu *cpu, uint32_t addr, void *buf, uint32_t len)
{
	return debug_copy(cpu, addr, buf, len, false, true);
}

bool x86_debug_read_phys(struct x86_cpu *cpu, uint32_t addr, void *buf, uint32_t len)
{
	return debug_copy(cpu, addr, buf, len, false, false);
}

bool x86_debug_write(struct x86_cpu *cpu, uint32_t addr, const void *buf, uint32_t len)
{
	return debug_copy(cpu, addr, (uint8_t *)buf, len, true, true);
}
