/* I/O permission for in/out/ins/outs: free at CPL <= IOPL in protected mode
 * (always in real mode); otherwise, and always in v86 mode, every byte's bit
 * in the 32-bit TSS's I/O bitmap must be clear.  Ref: Intel SDM Vol. 1,
 * 19.5. */
#include "translator/sys.h"

#include "translator/prot.h"

#define TSS32_IOMAP_BASE 0x66

void x86_io_check(struct x86_cpu *cpu, uint16_t port, unsigned size)
{
	uint32_t map, off, bits, mask = ((1u << size) - 1) << (port & 7);

	if (!(cpu->hflags & X86_HF_IOCHECK))
		return;
	if (!(seg_type(&cpu->tr) & 8) || cpu->tr.limit < TSS32_IOMAP_BASE + 1)
		x86_raise(cpu, X86_EXC_GP, 0);
	map = x86_lin_load(cpu, cpu->tr.base + TSS32_IOMAP_BASE, 2, 0);
	off = map + port / 8;
	if (off + 1 > cpu->tr.limit)
		x86_raise(cpu, X86_EXC_GP, 0);
	bits = x86_lin_load(cpu, cpu->tr.base + off, 2, 0);
	if (bits & mask)
		x86_raise(cpu, X86_EXC_GP, 0);
}
