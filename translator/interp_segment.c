/* Interpreted segment and far-transfer instructions: mov/push/pop of
 * segment registers, lds/les/lfs/lgs/lss, far jmp/call/ret, iret, int n,
 * int3, into, int1, bound, ud2.  Each reads and checks everything before it
 * commits, so a fault leaves the state of the instruction's start.  An
 * instruction that changes hflags or control flow ends its TB (returns 1
 * with eip set).  Ref: Intel SDM Vol. 2. */
#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/prot.h"
#include "translator/sys.h"
#include "translator/translate.h"

/* Continue after d: in the TB if nothing the translation depends on
 * changed, else end it. */
static int carry_on(struct x86_cpu *cpu, const struct x86_idesc *d, uint32_t hflags_before)
{
	if (cpu->hflags == hflags_before)
		return 0;
	cpu->eip = d->next_eip;
	return 1;
}

/* Load sreg with sel (checked), then the register write or esp change the
 * caller staged: the segment commit comes last among the checks. */
static int load_sreg(struct x86_cpu *cpu, const struct x86_idesc *d, int sreg, uint16_t sel,
		     const struct x86_stack *st)
{
	uint32_t before = cpu->hflags;
	struct x86_seg s;

	if (sreg == X86_CS || sreg < 0)
		x86_raise(cpu, X86_EXC_UD, X86_NO_ERROR);
	s = x86_seg_check(cpu, (unsigned)sreg, sel);
	if (st)
		x86_stack_commit(cpu, st);
	x86_seg_commit(cpu, (unsigned)sreg, &s);
	if (sreg == X86_SS && d->id != X86_INS_LSS) {
		cpu->hflags |= X86_HF_SHADOW;	/* mov ss / pop ss: the next insn runs uninterrupted */
		cpu->ss_loaded = true;		/* ... and without a single-step trap before it */
		cpu->eip = d->next_eip;
		return 1;
	}
	return carry_on(cpu, d, before);
}

static int mov_sreg(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	int to = d->op[0].type == IOP_REG ? x86_sreg_index(d->op[0].reg) : -1;
	int from = d->op[1].type == IOP_REG ? x86_sreg_index(d->op[1].reg) : -1;

	if (to >= 0)
		return load_sreg(cpu, d, to, (uint16_t)interp_read(cpu, &d->op[1]), NULL);
	if (from < 0)
		return -1;
	interp_write(cpu, &d->op[0], cpu->seg[from].sel);
	return 0;
}

static int push_pop_sreg(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	int sreg = d->op[0].type == IOP_REG ? x86_sreg_index(d->op[0].reg) : -1;
	struct x86_stack st;

	if (sreg < 0)
		return -1;
	x86_stack_current(&st, cpu);
	if (d->id == X86_INS_PUSH) {
		x86_stack_push(cpu, &st, cpu->seg[sreg].sel, d->opsize);
		x86_stack_commit(cpu, &st);
		return 0;
	}
	return load_sreg(cpu, d, sreg, (uint16_t)x86_stack_pop(cpu, &st, d->opsize), &st);
}

/* lds/les/lfs/lgs/lss r, m16:16/32: the register changes after the check. */
static int load_far_pointer(struct x86_cpu *cpu, const struct x86_idesc *d, unsigned sreg)
{
	uint32_t ea = interp_ea_access(cpu, &d->op[1], d->opsize + 2u, false);
	uint32_t off = interp_load(cpu, ea, d->opsize);
	uint16_t sel = (uint16_t)interp_load(cpu, ea + d->opsize, 2);
	uint32_t before = cpu->hflags;
	struct x86_seg s = x86_seg_check(cpu, sreg, sel);

	interp_set_reg(cpu, d->op[0].reg, off);
	x86_seg_commit(cpu, sreg, &s);
	return carry_on(cpu, d, before);
}

/* The selector and offset of a far jmp/call: ptr16:16/32 or m16:16/32. */
static void far_operand(struct x86_cpu *cpu, const struct x86_idesc *d, uint16_t *sel, uint32_t *off)
{
	if (d->op[0].type == IOP_IMM) {
		*sel = (uint16_t)d->op[0].imm;
		*off = (uint32_t)d->op[1].imm;
	} else {
		uint32_t ea = interp_ea_access(cpu, &d->op[0], d->opsize + 2u, false);

		*off = interp_load(cpu, ea, d->opsize);
		*sel = (uint16_t)interp_load(cpu, ea + d->opsize, 2);
	}
}

/* int n and friends hand over to delivery; into only with OF set. */
static int software_event(struct x86_cpu *cpu, const struct x86_idesc *d, unsigned vector,
			  enum x86_event_kind kind)
{
	x86_deliver(cpu, vector, kind, X86_NO_ERROR, d->next_eip);
	return 1;
}

static int bound(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	unsigned size = d->opsize;
	uint32_t ea = interp_ea_access(cpu, &d->op[1], 2 * size, false);
	int32_t lo = (int32_t)interp_load(cpu, ea, size), hi = (int32_t)interp_load(cpu, ea + size, size);
	int32_t v = (int32_t)interp_reg(cpu, d->op[0].reg);

	if (size == 2) {
		lo = (int16_t)lo;
		hi = (int16_t)hi;
		v = (int16_t)v;
	}
	if (v < lo || v > hi)
		x86_raise(cpu, X86_EXC_BR, X86_NO_ERROR);
	return 0;
}

int interp_segment(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint16_t sel;
	uint32_t off;

	switch (d->id) {
	case X86_INS_MOV:
		return mov_sreg(cpu, d);
	case X86_INS_PUSH:
	case X86_INS_POP:
		return push_pop_sreg(cpu, d);
	case X86_INS_LDS: return load_far_pointer(cpu, d, X86_DS);
	case X86_INS_LES: return load_far_pointer(cpu, d, X86_ES);
	case X86_INS_LFS: return load_far_pointer(cpu, d, X86_FS);
	case X86_INS_LGS: return load_far_pointer(cpu, d, X86_GS);
	case X86_INS_LSS: return load_far_pointer(cpu, d, X86_SS);
	case X86_INS_LJMP:
		far_operand(cpu, d, &sel, &off);
		x86_far_jmp(cpu, sel, off, d->opsize, d->next_eip);
		return 1;
	case X86_INS_LCALL:
		far_operand(cpu, d, &sel, &off);
		x86_far_call(cpu, sel, off, d->opsize, d->next_eip);
		return 1;
	case X86_INS_RETF:
		x86_far_ret(cpu, d->opsize, d->nops ? (uint32_t)d->op[0].imm & 0xffff : 0);
		return 1;
	case X86_INS_IRET:
	case X86_INS_IRETD:
		x86_iret(cpu, d->opsize, d->next_eip);
		return 1;
	case X86_INS_INT:
		return software_event(cpu, d, (uint8_t)d->op[0].imm, X86_EV_SOFT);
	case X86_INS_INT3:
		return software_event(cpu, d, X86_EXC_BP, X86_EV_SOFT);
	case X86_INS_INT1:
		return software_event(cpu, d, X86_EXC_DB, X86_EV_TRAP);
	case X86_INS_INTO:
		if (!(x86_get_eflags(cpu) & X86_OF))
			return 0;
		return software_event(cpu, d, X86_EXC_OF, X86_EV_SOFT);
	case X86_INS_BOUND:
		return bound(cpu, d);
	case X86_INS_UD2:
		x86_raise(cpu, X86_EXC_UD, X86_NO_ERROR);
	}
	return -1;
}
