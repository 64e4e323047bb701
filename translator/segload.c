/* Loading a segment register (mov, pop, lds/les/lfs/lgs/lss): in real mode
 * the base becomes sel << 4 and the rest of the hidden cache stays (so
 * "unreal" limits survive); in v86 mode the cache is a fixed 64K data
 * segment at DPL 3; in protected mode every check of the SDM with its error
 * code.  Ref: Intel SDM Vol. 2 (MOV, POP, LDS), Vol. 3 5.5-5.7. */
#include "translator/prot.h"

#include "translator/sys.h"

#define V86_ATTR (X86_SEG_P | X86_SEG_S | 3u << X86_SEG_DPL_SHIFT | SEG_TYPE_WRITABLE | SEG_TYPE_ACCESSED)

struct x86_seg x86_seg_check_pm(struct x86_cpu *cpu, unsigned sreg, uint16_t sel,
				unsigned cpl, unsigned gp)
{
	unsigned rpl = sel & SEL_RPL, dpl, type;
	uint32_t err = sel & ~SEL_RPL;
	struct x86_desc d;
	struct x86_seg s;

	if (!(sel & ~SEL_RPL)) {
		if (sreg == X86_SS)
			x86_raise(cpu, gp, 0);
		return (struct x86_seg){ .sel = sel };	/* null: unusable until reloaded */
	}
	if (!x86_desc_fetch(cpu, sel, &d) || !desc_is_seg(d))
		x86_raise(cpu, gp, err);
	dpl = desc_dpl(d);
	type = desc_type(d);
	if (sreg == X86_SS) {
		if (rpl != cpl || (type & SEG_TYPE_CODE) || !(type & SEG_TYPE_WRITABLE) || dpl != cpl)
			x86_raise(cpu, gp, err);
		if (!desc_present(d))
			x86_raise(cpu, X86_EXC_SS, err);
	} else {
		bool code = type & SEG_TYPE_CODE;

		if (code && !(type & SEG_TYPE_READABLE))
			x86_raise(cpu, gp, err);
		if ((!code || !(type & SEG_TYPE_CONFORMING)) && (rpl > dpl || cpl > dpl))
			x86_raise(cpu, gp, err);
		if (!desc_present(d))
			x86_raise(cpu, X86_EXC_NP, err);
	}
	x86_desc_set_bit(cpu, sel, SEG_TYPE_ACCESSED << 8);
	s = x86_desc_cache(sel, d);
	s.attr |= SEG_TYPE_ACCESSED;
	return s;
}

struct x86_seg x86_seg_check(struct x86_cpu *cpu, unsigned sreg, uint16_t sel)
{
	struct x86_seg s = cpu->seg[sreg];

	if (x86_protected(cpu))
		return x86_seg_check_pm(cpu, sreg, sel, x86_cpl(cpu), X86_EXC_GP);
	s.sel = sel;
	s.base = (uint32_t)sel << 4;
	if (cpu->eflags & X86_VM) {
		s.limit = 0xffff;
		s.attr = sreg == X86_CS ? V86_ATTR | SEG_TYPE_CODE : V86_ATTR;
	}
	return s;
}

void x86_seg_commit(struct x86_cpu *cpu, unsigned sreg, const struct x86_seg *s)
{
	cpu->seg[sreg] = *s;
	x86_update_hflags(cpu);
}

/* A data segment register (or one that may hold a code segment) that a
 * return to an outer level leaves in reach of less privileged code is
 * nulled (RET, IRET: data or nonconforming code with DPL < the new CPL). */
void x86_seg_drop_privileged(struct x86_cpu *cpu, unsigned new_cpl)
{
	static const unsigned regs[] = { X86_ES, X86_DS, X86_FS, X86_GS };

	for (unsigned i = 0; i < 4; i++) {
		struct x86_seg *s = &cpu->seg[regs[i]];
		bool conforming_code = (s->attr & SEG_TYPE_CODE) && (s->attr & SEG_TYPE_CONFORMING);

		if ((s->attr & X86_SEG_S) && !conforming_code && seg_dpl(s) < new_cpl)
			*s = (struct x86_seg){ .sel = 0 };
	}
}

struct x86_seg x86_ldt_check(struct x86_cpu *cpu, uint16_t sel, unsigned gp)
{
	struct x86_desc d;

	if (!(sel & ~SEL_RPL))
		return (struct x86_seg){ .sel = sel };
	if ((sel & SEL_TI) || !x86_desc_fetch(cpu, sel, &d) || desc_is_seg(d) ||
	    desc_type(d) != DESC_LDT)
		x86_raise(cpu, gp, sel & ~SEL_RPL);
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, sel & ~SEL_RPL);
	return x86_desc_cache(sel, d);
}
