/* Stack frames built or read through an ss:esp that is not yet the guest's:
 * interrupt delivery, far calls and returns check and write everything
 * first and commit esp (and ss) last, so a fault leaves the old state.
 * Ref: Intel SDM Vol. 3, 6.12 and 5.8.5. */
#include "translator/prot.h"

#include "translator/sys.h"

void x86_stack_init(struct x86_stack *st, const struct x86_seg *ss, uint32_t esp,
		    unsigned cpl, uint32_t error)
{
	st->ss = *ss;
	st->esp = esp;
	st->mask = (ss->attr & X86_SEG_DB) ? 0xffffffffu : 0xffffu;
	st->cpl = cpl;
	st->error = error;
}

void x86_stack_current(struct x86_stack *st, struct x86_cpu *cpu)
{
	x86_stack_init(st, &cpu->seg[X86_SS], cpu->regs[X86_ESP], x86_cpl(cpu), 0);
}

/* The limit is checked in protected mode only: real and v86 mode stacks
 * wrap within their 64K (or their unreal limit, which code sets large). */
static void check(struct x86_cpu *cpu, struct x86_stack *st, uint32_t off, unsigned size)
{
	if ((cpu->cr[0] & X86_CR0_PE) && !x86_seg_range_ok(&st->ss, off, size))
		x86_raise(cpu, X86_EXC_SS, st->error);
}

void x86_stack_push(struct x86_cpu *cpu, struct x86_stack *st, uint32_t value, unsigned size)
{
	uint32_t esp = (st->esp & ~st->mask) | ((st->esp - size) & st->mask);
	uint32_t off = esp & st->mask;

	check(cpu, st, off, size);
	x86_lin_store(cpu, st->ss.base + off, value, size, st->cpl);
	st->esp = esp;
}

uint32_t x86_stack_pop(struct x86_cpu *cpu, struct x86_stack *st, unsigned size)
{
	uint32_t off = st->esp & st->mask;
	uint32_t value;

	check(cpu, st, off, size);
	value = x86_lin_load(cpu, st->ss.base + off, size, st->cpl);
	st->esp = (st->esp & ~st->mask) | ((st->esp + size) & st->mask);
	return value;
}

void x86_stack_commit(struct x86_cpu *cpu, const struct x86_stack *st)
{
	cpu->regs[X86_ESP] = st->esp;
}
