/* The flat-guest convention, shared by the kernel and the hosted runner:
 *   The binary is copied to guest physical 0x00100000 (or the given load address)
 *   and entered there in flat 32-bit protected mode at CPL 0: every segment
 *   base 0, limit 4 GB (CS selector 0x08, the others 0x10, no GDT in memory),
 *   paging off, EFLAGS = 0x00000002, ESP = load address (the stack grows down
 *   below the image), every other GPR 0, IA32_APIC_BASE at its reset value
 *   (the local APIC at 0xFEE00000, enabled).  Port 0xE9 takes output bytes;
 *   a write of v to port 0xF4 ends the run with status (v << 1) | 1.  The
 *   embedder's out callback implements both ports. */
#include "translator/flatguest.h"

#include <string.h>

#include "translator/cpu.h"
#include "translator/flags.h"
#include "translator/sys.h"

/* A 4 GB segment at base 0, DPL 0, 32-bit: code (execute/read) or data
 * (read/write), as a GDT with code at 0x08 and data at 0x10 would load. */
static struct x86_seg flat_seg(uint16_t sel, bool code)
{
	return (struct x86_seg){
		.base = 0, .limit = 0xffffffffu, .sel = sel,
		.attr = (uint16_t)((code ? 0xb : 0x3) | X86_SEG_S | X86_SEG_P | X86_SEG_DB | X86_SEG_G),
	};
}

bool flatguest_load(struct x86_cpu *cpu, const void *image, size_t len, uint32_t load)
{
	uint8_t *dst = softmmu_ram_range(&cpu->mmu, load, (uint32_t)len, false);

	if (!dst || len > 0xffffffffu)
		return false;
	memcpy(dst, image, len);
	x86_ram_written(cpu, load, (uint32_t)len);
	memset(cpu->regs, 0, sizeof(cpu->regs));
	for (unsigned i = 0; i < 6; i++)
		cpu->seg[i] = flat_seg(i == X86_CS ? 0x08 : 0x10, i == X86_CS);
	cpu->cr[0] = X86_CR0_PE | X86_CR0_ET;
	cpu->regs[X86_ESP] = load;
	cpu->eip = load;
	cpu->msr_apic_base = X86_APIC_BASE_RESET;
	cpu->empty_idt_stops = true;	/* no IDT: a fault is reported, not a reset */
	x86_set_eflags(cpu, 0x2);
	x86_update_hflags(cpu);
	return true;
}
