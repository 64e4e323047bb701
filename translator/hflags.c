/* The mode bits translation depends on (cpu->hflags), recomputed from the
 * architectural state they summarize.  CPL is SS.DPL in protected mode (the
 * two are equal there by construction), 3 in v86 mode, 0 in real mode, so it
 * is right even before the far jump that follows setting CR0.PE. */
#include "translator/sys.h"

#include "translator/prot.h"

void x86_update_hflags(struct x86_cpu *cpu)
{
	const struct x86_seg *s = cpu->seg;
	bool pe = cpu->cr[0] & X86_CR0_PE;
	bool vm = pe && (cpu->eflags & X86_VM);
	unsigned cpl = !pe ? 0 : vm ? 3 : seg_dpl(&s[X86_SS]);
	unsigned iopl = (cpu->eflags & X86_IOPL) >> 12;
	/* SHADOW belongs to the loop. */
	uint32_t h = cpu->hflags & X86_HF_SHADOW;

	h |= cpl | x86_seg_bounds_update(cpu);
	if (pe)
		h |= X86_HF_PE;
	if (vm)
		h |= X86_HF_VM;
	if (!vm && (s[X86_CS].attr & X86_SEG_DB))
		h |= X86_HF_CODE32;
	if (!vm && (s[X86_SS].attr & X86_SEG_DB))
		h |= X86_HF_STACK32;
	if (s[X86_DS].base | s[X86_ES].base | s[X86_SS].base)
		h |= X86_HF_ADDSEG;
	if (pe && (vm || cpl > iopl))
		h |= X86_HF_IOCHECK;
	if ((cpu->cr[0] & X86_CR0_AM) && (cpu->eflags & X86_AC) && cpl == 3)
		h |= X86_HF_ALIGNCHK;
	if ((cpu->eflags & X86_TF) || x86_dr_armed(cpu))
		h |= X86_HF_SINGLE;	/* the loop acts after each instruction */
	cpu->hflags = h;
}
