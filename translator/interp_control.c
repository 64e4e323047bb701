/* Interpreted privileged and flag-control instructions: mov to/from CR0-4
 * and DR0-7, smsw/lmsw/clts, invlpg, wbinvd/invd, rdmsr/wrmsr, rdtsc
 * (CR4.TSD), sysenter/sysexit, cli/sti/popf with their CPL/IOPL rules, and
 * in/out when the I/O bitmap decides.
 * Anything that changes translation-relevant state ends the TB.
 * Ref: Intel SDM Vol. 2 and Vol. 3, 2.5 and 5.8.7. */
#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/prot.h"
#include "translator/sys.h"
#include "translator/translate.h"

/* EFLAGS bits popf may change at all (RF, VM, VIF, VIP never). */
#define POPF_BITS (X86_ARITH | X86_TF | X86_IF | X86_DF | X86_IOPL | X86_NT | X86_AC | X86_ID)

static void require_cpl0(struct x86_cpu *cpu)
{
	if (x86_cpl(cpu) != 0)
		x86_raise(cpu, X86_EXC_GP, 0);
}

/* Go on at the next instruction, in a new TB. */
static int end_tb(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	cpu->eip = d->next_eip;
	return 1;
}

static int mov_control(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	const struct x86_iop *dst = &d->op[0], *src = &d->op[1];
	bool to = dst->reg >= X86_REG_CR0 && dst->reg <= X86_REG_DR15;
	unsigned reg = to ? dst->reg : src->reg;
	bool cr = reg >= X86_REG_CR0 && reg <= X86_REG_CR15;
	unsigned n = cr ? reg - X86_REG_CR0 : reg - X86_REG_DR0;

	if (!to && !(src->type == IOP_REG && reg >= X86_REG_CR0 && reg <= X86_REG_DR15))
		return -1;
	require_cpl0(cpu);
	if (cr && (n == 1 || n > 4))
		x86_raise(cpu, X86_EXC_UD, X86_NO_ERROR);
	if (!to) {
		interp_set_reg(cpu, dst->reg, cr ? cpu->cr[n] : x86_dr_read(cpu, n));
		return 0;
	}
	if (cr)
		x86_cr_write(cpu, n, interp_reg(cpu, src->reg));
	else
		x86_dr_write(cpu, n, interp_reg(cpu, src->reg));	/* may arm breakpoints */
	return end_tb(cpu, d);
}

/* A flat 4 GB segment of sysenter/sysexit: code (execute/read) or data. */
static struct x86_seg flat(uint16_t sel, bool code, unsigned dpl)
{
	return (struct x86_seg){
		.base = 0, .limit = 0xffffffffu, .sel = sel,
		.attr = (uint16_t)((code ? SEG_TYPE_CODE | SEG_TYPE_READABLE : SEG_TYPE_WRITABLE) |
				   SEG_TYPE_ACCESSED | X86_SEG_S | dpl << X86_SEG_DPL_SHIFT |
				   X86_SEG_P | X86_SEG_DB | X86_SEG_G),
	};
}

static int sysenter(struct x86_cpu *cpu)
{
	uint16_t cs = (uint16_t)cpu->msr_sysenter_cs;

	if (!(cpu->cr[0] & X86_CR0_PE) || !(cs & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, 0);
	cpu->eflags &= ~(X86_VM | X86_IF | X86_RF);
	cpu->seg[X86_CS] = flat(cs & ~SEL_RPL, true, 0);
	cpu->seg[X86_SS] = flat((cs & ~SEL_RPL) + 8, false, 0);
	cpu->regs[X86_ESP] = (uint32_t)cpu->msr_sysenter_esp;
	cpu->eip = (uint32_t)cpu->msr_sysenter_eip;
	x86_update_hflags(cpu);
	return 1;
}

static int sysexit(struct x86_cpu *cpu)
{
	uint16_t cs = (uint16_t)cpu->msr_sysenter_cs;

	if (!x86_protected(cpu) || x86_cpl(cpu) != 0 || !(cs & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, 0);
	cpu->seg[X86_CS] = flat((uint16_t)((cs + 16) | 3), true, 3);
	cpu->seg[X86_SS] = flat((uint16_t)((cs + 24) | 3), false, 3);
	cpu->regs[X86_ESP] = cpu->regs[X86_ECX];
	cpu->eip = cpu->regs[X86_EDX];
	x86_update_hflags(cpu);
	return 1;
}

/* cli/sti/popf of IF need CPL <= IOPL (v86: IOPL 3), which is exactly
 * when in/out need no bitmap check. */
static bool if_allowed(const struct x86_cpu *cpu)
{
	return !(cpu->hflags & X86_HF_IOCHECK);
}

static int popf(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	struct x86_stack st;
	uint32_t old = x86_get_eflags(cpu), mask = POPF_BITS, v, before = cpu->hflags;

	if ((cpu->eflags & X86_VM) && (old & X86_IOPL) != X86_IOPL)
		x86_raise(cpu, X86_EXC_GP, 0);
	x86_stack_current(&st, cpu);
	v = x86_stack_pop(cpu, &st, d->opsize);
	if (x86_cpl(cpu) != 0)
		mask &= ~X86_IOPL;
	if (!if_allowed(cpu) && !(cpu->eflags & X86_VM))
		mask &= ~X86_IF;
	if (d->opsize == 2)
		mask &= 0xffff;
	x86_stack_commit(cpu, &st);
	x86_set_eflags(cpu, (old & ~mask) | (v & mask));
	x86_update_hflags(cpu);
	if (cpu->hflags != before || ((cpu->eflags & ~old) & X86_IF))
		return end_tb(cpu, d);	/* new mode bits, or interrupts may now come */
	return 0;
}

static int cli_sti(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	if (!if_allowed(cpu))
		x86_raise(cpu, X86_EXC_GP, 0);
	if (d->id == X86_INS_CLI) {
		cpu->eflags &= ~X86_IF;
		return 0;
	}
	if (cpu->eflags & X86_IF)
		return 0;
	cpu->eflags |= X86_IF;
	cpu->hflags |= X86_HF_SHADOW;	/* the next instruction runs before any interrupt */
	return end_tb(cpu, d);
}

/* in/out where the TSS I/O bitmap must be consulted (X86_HF_IOCHECK;
 * elsewhere they are translated inline): an out answered with stop ends
 * the run after it. */
static int port_io(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	bool in = d->id == X86_INS_IN;
	const struct x86_iop *data = &d->op[in ? 0 : 1];
	uint16_t port = (uint16_t)interp_read(cpu, &d->op[in ? 1 : 0]);

	x86_io_check(cpu, port, data->size);
	if (in) {
		interp_set_reg(cpu, data->reg, x86_port_in(cpu, port, data->size));
		return 0;
	}
	if (!x86_port_out(cpu, port, interp_read(cpu, data), data->size))
		return 0;
	cpu->stop = X86_STOP_EXIT;
	return end_tb(cpu, d);
}

int interp_control(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint64_t v;

	switch (d->id) {
	case X86_INS_MOV:
		return mov_control(cpu, d);
	case X86_INS_SMSW: {
		struct x86_iop o = d->op[0];

		if (o.type == IOP_MEM)
			o.size = 2;
		interp_write(cpu, &o, cpu->cr[0]);
		return 0;
	}
	case X86_INS_LMSW:
		require_cpl0(cpu);
		x86_cr_write(cpu, 0, (cpu->cr[0] & ~0xeu) | (interp_read(cpu, &d->op[0]) & 0xfu));
		return end_tb(cpu, d);
	case X86_INS_CLTS:
		require_cpl0(cpu);
		cpu->cr[0] &= ~X86_CR0_TS;
		return 0;
	case X86_INS_INVLPG:
		require_cpl0(cpu);
		softmmu_flush_page(&cpu->mmu, interp_ea(cpu, &d->op[0]));
		return end_tb(cpu, d);
	case X86_INS_WBINVD:
	case X86_INS_INVD:
		require_cpl0(cpu);
		return 0;
	case X86_INS_RDMSR:
		require_cpl0(cpu);
		v = x86_msr_read(cpu, cpu->regs[X86_ECX]);
		cpu->regs[X86_EAX] = (uint32_t)v;
		cpu->regs[X86_EDX] = (uint32_t)(v >> 32);
		return 0;
	case X86_INS_WRMSR:
		require_cpl0(cpu);
		x86_msr_write(cpu, cpu->regs[X86_ECX], (uint64_t)cpu->regs[X86_EDX] << 32 | cpu->regs[X86_EAX]);
		return 0;
	case X86_INS_RDTSC:
		if ((cpu->cr[4] & X86_CR4_TSD) && x86_cpl(cpu) != 0)
			x86_raise(cpu, X86_EXC_GP, 0);
		v = x86_tsc_read(cpu);
		cpu->regs[X86_EAX] = (uint32_t)v;
		cpu->regs[X86_EDX] = (uint32_t)(v >> 32);
		return 0;
	case X86_INS_SYSENTER:
		return sysenter(cpu);
	case X86_INS_SYSEXIT:
		return sysexit(cpu);
	case X86_INS_POPF:
	case X86_INS_POPFD:
		return popf(cpu, d);
	case X86_INS_CLI:
	case X86_INS_STI:
		return cli_sti(cpu, d);
	case X86_INS_IN:
	case X86_INS_OUT:
		return port_io(cpu, d);
	}
	return -1;
}
