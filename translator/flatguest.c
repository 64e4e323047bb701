/* The flat-guest convention, shared by the kernel and the hosted runner:
 *   The binary is copied to guest physical 0x00100000 (or the given load address)
 *   and entered there in flat 32-bit protected mode: every segment base 0, limit
 *   4 GB, paging off, EFLAGS = 0x00000002, ESP = load address (the stack grows
 *   down below the image), every other GPR 0.  Port 0xE9 takes output bytes;
 *   a write of v to port 0xF4 ends the run with status (v << 1) | 1.  The
 *   embedder's out callback implements both ports. */
#include "translator/flatguest.h"

#include <string.h>

#include "translator/cpu.h"
#include "translator/flags.h"

bool flatguest_load(struct x86_cpu *cpu, const void *image, size_t len, uint32_t load)
{
	uint8_t *dst = softmmu_ram_range(&cpu->mmu, load, (uint32_t)len, false);

	if (!dst || len > 0xffffffffu)
		return false;
	memcpy(dst, image, len);
	x86_ram_written(cpu, load, (uint32_t)len);
	memset(cpu->regs, 0, sizeof(cpu->regs));
	memset(cpu->seg, 0, sizeof(cpu->seg));
	cpu->regs[X86_ESP] = load;
	cpu->eip = load;
	x86_set_eflags(cpu, 0x2);
	return true;
}
