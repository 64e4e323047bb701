/* Far control transfers: jmp/call through a code segment or a call gate
 * (with the stack switch and parameter copy of an inner call), far ret to
 * the same or an outer level, and iret (real, v86, protected, to v86, task
 * return).  Everything is read and checked before CS, SS, esp, eip or
 * EFLAGS change.  Ref: Intel SDM Vol. 2 (JMP, CALL, RET, IRET), Vol. 3 5.8. */
#include "translator/prot.h"

#include "translator/flags.h"
#include "translator/sys.h"
#include "translator/task.h"

#define X86_VIF 0x80000u
#define X86_VIP 0x100000u

static uint32_t err_of(uint16_t sel)
{
	return sel & ~SEL_RPL;
}

/* CS after a real or v86 mode far transfer, with the offset checked. */
static struct x86_seg real_cs(struct x86_cpu *cpu, uint16_t sel, uint32_t eip)
{
	struct x86_seg cs = x86_seg_check(cpu, X86_CS, sel);

	if (eip > cs.limit)
		x86_raise(cpu, X86_EXC_GP, 0);
	return cs;
}

static void set_cs_eip(struct x86_cpu *cpu, const struct x86_seg *cs, uint32_t eip)
{
	cpu->seg[X86_CS] = *cs;
	cpu->eip = eip;
	x86_update_hflags(cpu);
}

/* A code segment a jmp or call reaches directly: conforming with DPL <=
 * CPL, or nonconforming with DPL = CPL and RPL <= CPL.  CS.RPL becomes CPL. */
static struct x86_seg direct_code(struct x86_cpu *cpu, uint16_t sel, struct x86_desc d, uint32_t eip)
{
	unsigned cpl = x86_cpl(cpu);
	struct x86_seg cs;

	if (desc_type(d) & SEG_TYPE_CONFORMING) {
		if (desc_dpl(d) > cpl)
			x86_raise(cpu, X86_EXC_GP, err_of(sel));
	} else if ((sel & SEL_RPL) > cpl || desc_dpl(d) != cpl) {
		x86_raise(cpu, X86_EXC_GP, err_of(sel));
	}
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, err_of(sel));
	cs = x86_desc_cache((uint16_t)(err_of(sel) | cpl), d);
	if (eip > cs.limit)
		x86_raise(cpu, X86_EXC_GP, 0);
	x86_desc_set_bit(cpu, sel, SEG_TYPE_ACCESSED << 8);
	cs.attr |= SEG_TYPE_ACCESSED;
	return cs;
}

/* The descriptor a protected-mode far jmp/call names; #GP for null or
 * out-of-table selectors. */
static struct x86_desc far_desc(struct x86_cpu *cpu, uint16_t sel)
{
	struct x86_desc d;

	if (!(sel & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, 0);
	if (!x86_desc_fetch(cpu, sel, &d))
		x86_raise(cpu, X86_EXC_GP, err_of(sel));
	return d;
}

/* A call gate's checks and its target code segment's (5.8.4). */
static struct x86_desc gate_code(struct x86_cpu *cpu, uint16_t sel, struct x86_desc gate)
{
	unsigned cpl = x86_cpl(cpu);
	uint16_t tsel = gate_sel(gate);
	struct x86_desc d;

	if (desc_dpl(gate) < cpl || desc_dpl(gate) < (sel & SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, err_of(sel));
	if (!desc_present(gate))
		x86_raise(cpu, X86_EXC_NP, err_of(sel));
	if (!(tsel & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, 0);
	if (!x86_desc_fetch(cpu, tsel, &d) || !desc_is_code(d) || desc_dpl(d) > cpl)
		x86_raise(cpu, X86_EXC_GP, err_of(tsel));
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, err_of(tsel));
	return d;
}

static bool is_call_gate(struct x86_desc d)
{
	return !desc_is_seg(d) && (desc_type(d) == DESC_CALLGATE16 || desc_type(d) == DESC_CALLGATE32);
}

static bool is_task_target(struct x86_desc d)
{
	unsigned type = desc_type(d);

	return !desc_is_seg(d) && (type == DESC_TASKGATE || type == DESC_TSS16_AVAIL ||
				   type == DESC_TSS32_AVAIL || type == DESC_TSS16_BUSY ||
				   type == DESC_TSS32_BUSY);
}

static uint32_t gate_eip(struct x86_desc gate)
{
	return desc_type(gate) == DESC_CALLGATE32 ? gate_offset(gate) : gate_offset(gate) & 0xffff;
}

void x86_far_jmp(struct x86_cpu *cpu, uint16_t sel, uint32_t offset, unsigned opsize,
		 uint32_t next_eip)
{
	uint32_t eip = opsize == 2 ? offset & 0xffff : offset;
	struct x86_desc d, code;
	struct x86_seg cs;

	if (!x86_protected(cpu)) {
		cs = real_cs(cpu, sel, eip);
		set_cs_eip(cpu, &cs, eip);
		return;
	}
	d = far_desc(cpu, sel);
	if (desc_is_code(d)) {
		cs = direct_code(cpu, sel, d, eip);
	} else if (is_call_gate(d)) {
		code = gate_code(cpu, sel, d);
		eip = gate_eip(d);
		/* jmp never changes privilege: the target must be reachable as is */
		cs = direct_code(cpu, gate_sel(d), code, eip);
	} else if (is_task_target(d)) {
		x86_task_far(cpu, sel, d, X86_TASK_JMP, next_eip);
		return;
	} else {
		x86_raise(cpu, X86_EXC_GP, err_of(sel));
	}
	set_cs_eip(cpu, &cs, eip);
}

/* An inner call through a gate: the new stack from the TSS gets the old
 * SS:ESP, the gate's parameter count of words or dwords copied from the old
 * stack, then the return address (5.8.5). */
static void call_inner(struct x86_cpu *cpu, struct x86_desc gate, struct x86_seg *cs,
		       uint32_t next_eip, struct x86_stack *st)
{
	unsigned size = desc_type(gate) == DESC_CALLGATE32 ? 4 : 2, count = gate.hi & 0x1f;
	unsigned new_cpl = seg_dpl(cs);
	struct x86_stack old;
	struct x86_seg ss;
	uint32_t esp;

	x86_tss_stack(cpu, new_cpl, 0, &ss, &esp);
	x86_stack_init(st, &ss, esp, new_cpl, err_of(ss.sel));
	x86_stack_current(&old, cpu);
	x86_stack_push(cpu, st, cpu->seg[X86_SS].sel, size);
	x86_stack_push(cpu, st, cpu->regs[X86_ESP], size);
	for (unsigned i = count; i-- > 0;) {
		struct x86_stack at = old;

		at.esp = (old.esp & ~old.mask) | ((old.esp + i * size) & old.mask);
		x86_stack_push(cpu, st, x86_stack_pop(cpu, &at, size), size);
	}
	x86_stack_push(cpu, st, cpu->seg[X86_CS].sel, size);
	x86_stack_push(cpu, st, next_eip, size);
	x86_desc_set_bit(cpu, ss.sel, SEG_TYPE_ACCESSED << 8);
	ss.attr |= SEG_TYPE_ACCESSED;
	cpu->seg[X86_SS] = ss;
}

void x86_far_call(struct x86_cpu *cpu, uint16_t sel, uint32_t offset, unsigned opsize,
		  uint32_t next_eip)
{
	uint32_t eip = opsize == 2 ? offset & 0xffff : offset;
	struct x86_desc d, code;
	struct x86_stack st;
	struct x86_seg cs;

	if (!x86_protected(cpu)) {
		cs = real_cs(cpu, sel, eip);
		x86_stack_current(&st, cpu);
		x86_stack_push(cpu, &st, cpu->seg[X86_CS].sel, opsize);
		x86_stack_push(cpu, &st, next_eip, opsize);
	} else {
		d = far_desc(cpu, sel);
		if (is_task_target(d)) {
			x86_task_far(cpu, sel, d, X86_TASK_CALL, next_eip);
			return;
		}
		if (desc_is_code(d)) {
			cs = direct_code(cpu, sel, d, eip);
		} else if (is_call_gate(d)) {
			unsigned cpl = x86_cpl(cpu);

			code = gate_code(cpu, sel, d);
			eip = gate_eip(d);
			opsize = desc_type(d) == DESC_CALLGATE32 ? 4 : 2;
			if (!(desc_type(code) & SEG_TYPE_CONFORMING) && desc_dpl(code) < cpl) {
				cs = x86_desc_cache((uint16_t)(err_of(gate_sel(d)) | desc_dpl(code)), code);
				if (!desc_present(code))
					x86_raise(cpu, X86_EXC_NP, err_of(gate_sel(d)));
				if (eip > cs.limit)
					x86_raise(cpu, X86_EXC_GP, 0);
				x86_desc_set_bit(cpu, gate_sel(d), SEG_TYPE_ACCESSED << 8);
				call_inner(cpu, d, &cs, next_eip, &st);
				cs.attr |= SEG_TYPE_ACCESSED;
				x86_stack_commit(cpu, &st);
				set_cs_eip(cpu, &cs, eip);
				return;
			}
			cs = direct_code(cpu, gate_sel(d), code, eip);
		} else {
			x86_raise(cpu, X86_EXC_GP, err_of(sel));
		}
		x86_stack_current(&st, cpu);
		x86_stack_push(cpu, &st, cpu->seg[X86_CS].sel, opsize);
		x86_stack_push(cpu, &st, next_eip, opsize);
	}
	x86_stack_commit(cpu, &st);
	set_cs_eip(cpu, &cs, eip);
}

/* The CS a far ret or iret returns to, checked against the current CPL
 * (RPL >= CPL; conforming DPL <= RPL, nonconforming DPL = RPL). */
static struct x86_seg return_cs(struct x86_cpu *cpu, uint16_t sel, uint32_t eip)
{
	unsigned rpl = sel & SEL_RPL;
	struct x86_desc d;
	struct x86_seg cs;

	if (!(sel & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, 0);
	if (!x86_desc_fetch(cpu, sel, &d) || !desc_is_code(d) || rpl < x86_cpl(cpu))
		x86_raise(cpu, X86_EXC_GP, err_of(sel));
	if ((desc_type(d) & SEG_TYPE_CONFORMING) ? desc_dpl(d) > rpl : desc_dpl(d) != rpl)
		x86_raise(cpu, X86_EXC_GP, err_of(sel));
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, err_of(sel));
	cs = x86_desc_cache(sel, d);
	if (eip > cs.limit)
		x86_raise(cpu, X86_EXC_GP, 0);
	x86_desc_set_bit(cpu, sel, SEG_TYPE_ACCESSED << 8);
	cs.attr |= SEG_TYPE_ACCESSED;
	return cs;
}

/* The outer stack a return to privilege rpl loads (RET/IRET pseudocode). */
static struct x86_seg return_ss(struct x86_cpu *cpu, uint16_t sel, unsigned rpl)
{
	struct x86_desc d;
	struct x86_seg ss;

	if (!(sel & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, 0);
	if (!x86_desc_fetch(cpu, sel, &d) || (sel & SEL_RPL) != rpl || !desc_is_seg(d) ||
	    desc_is_code(d) || !(desc_type(d) & SEG_TYPE_WRITABLE) || desc_dpl(d) != rpl)
		x86_raise(cpu, X86_EXC_GP, err_of(sel));
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_SS, err_of(sel));
	x86_desc_set_bit(cpu, sel, SEG_TYPE_ACCESSED << 8);
	ss = x86_desc_cache(sel, d);
	ss.attr |= SEG_TYPE_ACCESSED;
	return ss;
}

/* Commit a protected-mode return: to the same level (st is the current
 * stack, plus imm) or to an outer one (pop ESP and SS from st). */
static void return_commit(struct x86_cpu *cpu, struct x86_stack *st, struct x86_seg *cs,
			  uint32_t eip, unsigned opsize, uint32_t imm, uint32_t eflags,
			  uint32_t eflags_mask)
{
	unsigned rpl = cs->sel & SEL_RPL;

	st->esp = (st->esp & ~st->mask) | ((st->esp + imm) & st->mask);
	if (rpl > x86_cpl(cpu)) {
		uint32_t esp = x86_stack_pop(cpu, st, opsize);
		uint16_t ss_sel = (uint16_t)x86_stack_pop(cpu, st, opsize);
		struct x86_seg ss = return_ss(cpu, ss_sel, rpl);

		x86_stack_init(st, &ss, esp, rpl, 0);
		st->esp = (esp & ~st->mask) | ((esp + imm) & st->mask);
		cpu->seg[X86_SS] = ss;
		x86_seg_drop_privileged(cpu, rpl);
	}
	x86_set_eflags(cpu, (x86_get_eflags(cpu) & ~eflags_mask) | (eflags & eflags_mask));
	x86_stack_commit(cpu, st);
	set_cs_eip(cpu, cs, eip);
}

void x86_far_ret(struct x86_cpu *cpu, unsigned opsize, uint32_t imm)
{
	struct x86_stack st;
	struct x86_seg cs;
	uint32_t eip;
	uint16_t sel;

	x86_stack_current(&st, cpu);
	eip = x86_stack_pop(cpu, &st, opsize);
	sel = (uint16_t)x86_stack_pop(cpu, &st, opsize);
	if (!x86_protected(cpu)) {
		cs = real_cs(cpu, sel, eip);
		st.esp = (st.esp & ~st.mask) | ((st.esp + imm) & st.mask);
		x86_stack_commit(cpu, &st);
		set_cs_eip(cpu, &cs, eip);
		return;
	}
	cs = return_cs(cpu, sel, eip);
	return_commit(cpu, &st, &cs, eip, opsize, imm, 0, 0);
}

/* iret from protected mode to a v86 task's frame: ESP, SS, ES, DS, FS, GS
 * follow EFLAGS on the stack (CPL 0, 32-bit operand size only). */
static void iret_to_v86(struct x86_cpu *cpu, struct x86_stack *st, uint32_t eip, uint16_t cs_sel,
			uint32_t eflags)
{
	static const unsigned order[] = { X86_ES, X86_DS, X86_FS, X86_GS };
	uint32_t esp = x86_stack_pop(cpu, st, 4);
	uint16_t sel[5];

	sel[4] = (uint16_t)x86_stack_pop(cpu, st, 4);
	for (unsigned i = 0; i < 4; i++)
		sel[i] = (uint16_t)x86_stack_pop(cpu, st, 4);
	x86_set_eflags(cpu, eflags);
	for (unsigned i = 0; i < 4; i++)
		cpu->seg[order[i]] = x86_seg_check(cpu, order[i], sel[i]);
	cpu->seg[X86_SS] = x86_seg_check(cpu, X86_SS, sel[4]);
	cpu->seg[X86_CS] = x86_seg_check(cpu, X86_CS, cs_sel);
	cpu->regs[X86_ESP] = esp;
	cpu->eip = eip & 0xffff;
	x86_update_hflags(cpu);
}

/* The EFLAGS bits an iret may change (IRET pseudocode): the arithmetic
 * ones, TF DF NT, RF AC ID with a 32-bit operand, IF when CPL <= IOPL,
 * IOPL and VIF/VIP at CPL 0. */
static uint32_t iret_mask(const struct x86_cpu *cpu, unsigned opsize)
{
	unsigned cpl = x86_cpl(cpu), iopl = (cpu->eflags & X86_IOPL) >> 12;
	uint32_t mask = X86_ARITH | X86_TF | X86_DF | X86_NT;

	if (opsize == 4)
		mask |= X86_RF | X86_AC | X86_ID;
	if (cpl <= iopl)
		mask |= X86_IF;
	if (cpl == 0)
		mask |= X86_IOPL | (opsize == 4 ? X86_VIF | X86_VIP : 0);
	return mask;
}

static void iret(struct x86_cpu *cpu, unsigned opsize, uint32_t next_eip)
{
	uint32_t mask = opsize == 4 ? 0xffffffffu : 0xffff;
	struct x86_stack st;
	struct x86_seg cs;
	uint32_t eip, eflags;
	uint16_t sel;

	if ((cpu->cr[0] & X86_CR0_PE) && (cpu->eflags & X86_VM) && (cpu->eflags & X86_IOPL) != X86_IOPL)
		x86_raise(cpu, X86_EXC_GP, 0);
	if (x86_protected(cpu) && (cpu->eflags & X86_NT)) {
		x86_task_return(cpu, next_eip);
		return;
	}
	x86_stack_current(&st, cpu);
	eip = x86_stack_pop(cpu, &st, opsize);
	sel = (uint16_t)x86_stack_pop(cpu, &st, opsize);
	eflags = x86_stack_pop(cpu, &st, opsize);
	if (!x86_protected(cpu)) {
		/* real mode: all but VM/VIF/VIP; v86 (IOPL 3): IOPL stays too */
		uint32_t keep = X86_VM | X86_VIF | X86_VIP | ((cpu->cr[0] & X86_CR0_PE) ? X86_IOPL : 0);

		cs = real_cs(cpu, sel, eip);
		x86_set_eflags(cpu, (x86_get_eflags(cpu) & ~(mask & ~keep)) | (eflags & mask & ~keep));
		x86_stack_commit(cpu, &st);
		set_cs_eip(cpu, &cs, eip);
		return;
	}
	if (opsize == 4 && (eflags & X86_VM) && x86_cpl(cpu) == 0) {
		iret_to_v86(cpu, &st, eip, sel, eflags);
		return;
	}
	cs = return_cs(cpu, sel, eip);
	return_commit(cpu, &st, &cs, eip, opsize, 0, eflags, iret_mask(cpu, opsize) & mask);
}

/* An iret that completes (a fault unwinds out of iret first) ends the
 * blocking of NMIs that taking one began. */
void x86_iret(struct x86_cpu *cpu, unsigned opsize, uint32_t next_eip)
{
	iret(cpu, opsize, next_eip);
	cpu->nmi_blocked = false;
}
