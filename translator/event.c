/* Exceptions and interrupts: raising a fault (unwinding to x86_run), delivery
 * through the real-mode IVT or the protected-mode IDT (interrupt, trap and
 * task gates, the stack switch through the TSS), escalation to #DF and to
 * shutdown, and taking NMI/INTR at a block boundary.
 * Ref: Intel SDM Vol. 3, chapter 6 (6.12-6.15, table 6-5). */
#include "translator/sys.h"

#include <setjmp.h>
#include <stdio.h>

#include "translator/flags.h"
#include "translator/logcats.h"
#include "translator/prot.h"
#include "translator/task.h"

static bool contributory(unsigned vector)
{
	return vector == X86_EXC_DE || (vector >= X86_EXC_TS && vector <= X86_EXC_GP);
}

/* A second exception while delivering an exception (table 6-5). */
static bool makes_double_fault(unsigned first, unsigned second)
{
	return (contributory(first) && contributory(second)) ||
	       (first == X86_EXC_PF && (second == X86_EXC_PF || contributory(second)));
}

_Noreturn void x86_raise(struct x86_cpu *cpu, unsigned vector, uint32_t error)
{
	if (cpu->exc_depth) {
		bool exception = cpu->exc_kind == X86_EV_FAULT || cpu->exc_kind == X86_EV_TRAP;

		cpu->exc_depth = 0;
		if (exception && cpu->exc_vector == X86_EXC_DF) {
			cpu->stop = X86_STOP_TRIPLE_FAULT;
			longjmp(cpu->unwind, 1);
		}
		if (exception && makes_double_fault(cpu->exc_vector, vector)) {
			vector = X86_EXC_DF;
			error = 0;
		}
	}
	cpu->exc_vector = vector;
	cpu->exc_error = error;
	cpu->exc_kind = X86_EV_FAULT;
	longjmp(cpu->unwind, 1);
}

static void deliver_real(struct x86_cpu *cpu, unsigned vector, uint32_t ret)
{
	struct x86_stack st;
	uint32_t entry;
	uint16_t sel;

	if (vector * 4 + 3 > cpu->idt.limit)
		x86_raise(cpu, X86_EXC_GP, X86_NO_ERROR);
	entry = x86_lin_load(cpu, cpu->idt.base + vector * 4, 4, 0);
	x86_stack_current(&st, cpu);
	x86_stack_push(cpu, &st, x86_get_eflags(cpu), 2);
	x86_stack_push(cpu, &st, cpu->seg[X86_CS].sel, 2);
	x86_stack_push(cpu, &st, ret, 2);
	sel = (uint16_t)(entry >> 16);
	x86_stack_commit(cpu, &st);
	cpu->seg[X86_CS].sel = sel;
	cpu->seg[X86_CS].base = (uint32_t)sel << 4;
	cpu->eip = entry & 0xffff;
	cpu->eflags &= ~(X86_IF | X86_TF | X86_AC | X86_RF);
}

/* A gate's target code segment, checked (6.12.1.1). */
static struct x86_desc gate_target(struct x86_cpu *cpu, uint16_t sel, uint32_t ext)
{
	struct x86_desc d;

	if (!(sel & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, ext);
	if (!x86_desc_fetch(cpu, sel, &d) || !desc_is_code(d) || desc_dpl(d) > x86_cpl(cpu))
		x86_raise(cpu, X86_EXC_GP, (sel & ~SEL_RPL) + ext);
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, (sel & ~SEL_RPL) + ext);
	return d;
}

static const struct x86_seg null_seg;

static void deliver_protected(struct x86_cpu *cpu, unsigned vector, enum x86_event_kind kind,
			      uint32_t error, uint32_t ret)
{
	uint32_t ext = kind != X86_EV_SOFT;
	uint32_t idt_err = vector * 8 + 2 + ext;
	bool vm = cpu->eflags & X86_VM;
	unsigned cpl = x86_cpl(cpu), type, size, new_cpl;
	struct x86_desc gate, cs_desc;
	struct x86_seg cs, ss = cpu->seg[X86_SS];
	struct x86_stack st;
	uint32_t eip, eflags = x86_get_eflags(cpu);
	uint16_t sel;

	if (kind == X86_EV_SOFT && vm && (eflags & X86_IOPL) != X86_IOPL)
		x86_raise(cpu, X86_EXC_GP, 0);
	if (!x86_idt_fetch(cpu, vector, &gate))
		x86_raise(cpu, X86_EXC_GP, idt_err);
	type = desc_type(gate);
	if (desc_is_seg(gate) || !(type == DESC_TASKGATE || type == DESC_INTGATE16 ||
	    type == DESC_TRAPGATE16 || type == DESC_INTGATE32 || type == DESC_TRAPGATE32))
		x86_raise(cpu, X86_EXC_GP, idt_err);
	if (kind == X86_EV_SOFT && desc_dpl(gate) < cpl)
		x86_raise(cpu, X86_EXC_GP, idt_err);
	if (!desc_present(gate))
		x86_raise(cpu, X86_EXC_NP, idt_err);
	if (type == DESC_TASKGATE) {
		x86_task_gate_event(cpu, gate_sel(gate), ext, error, ret);
		return;
	}
	sel = gate_sel(gate);
	cs_desc = gate_target(cpu, sel, ext);
	new_cpl = (desc_type(cs_desc) & SEG_TYPE_CONFORMING) ? cpl : desc_dpl(cs_desc);
	if (vm && new_cpl != 0)
		x86_raise(cpu, X86_EXC_GP, (sel & ~SEL_RPL) + ext);
	cs = x86_desc_cache((uint16_t)((sel & ~SEL_RPL) | new_cpl), cs_desc);
	size = (type & 8) ? 4 : 2;
	eip = size == 4 ? gate_offset(gate) : gate_offset(gate) & 0xffff;
	if (eip > cs.limit)
		x86_raise(cpu, X86_EXC_GP, ext);
	if (new_cpl < cpl) {
		uint32_t esp;

		x86_tss_stack(cpu, new_cpl, ext, &ss, &esp);
		x86_stack_init(&st, &ss, esp, new_cpl, (ss.sel & ~SEL_RPL) + ext);
		if (vm) {
			x86_stack_push(cpu, &st, cpu->seg[X86_GS].sel, size);
			x86_stack_push(cpu, &st, cpu->seg[X86_FS].sel, size);
			x86_stack_push(cpu, &st, cpu->seg[X86_DS].sel, size);
			x86_stack_push(cpu, &st, cpu->seg[X86_ES].sel, size);
		}
		x86_stack_push(cpu, &st, cpu->seg[X86_SS].sel, size);
		x86_stack_push(cpu, &st, cpu->regs[X86_ESP], size);
	} else {
		if (vm)
			x86_raise(cpu, X86_EXC_GP, (sel & ~SEL_RPL) + ext);
		x86_stack_init(&st, &ss, cpu->regs[X86_ESP], cpl, ext);
	}
	x86_stack_push(cpu, &st, eflags, size);
	x86_stack_push(cpu, &st, cpu->seg[X86_CS].sel, size);
	x86_stack_push(cpu, &st, ret, size);
	if (error != X86_NO_ERROR)
		x86_stack_push(cpu, &st, error, size);
	x86_desc_set_bit(cpu, sel, 1u << 8);
	if (new_cpl < cpl) {
		x86_desc_set_bit(cpu, ss.sel, 1u << 8);
		ss.attr |= SEG_TYPE_ACCESSED;
		cpu->seg[X86_SS] = ss;
	}
	if (vm)
		cpu->seg[X86_ES] = cpu->seg[X86_DS] = cpu->seg[X86_FS] = cpu->seg[X86_GS] = null_seg;
	cs.attr |= SEG_TYPE_ACCESSED;
	cpu->seg[X86_CS] = cs;
	x86_stack_commit(cpu, &st);
	cpu->eip = eip;
	cpu->eflags &= ~(X86_TF | X86_NT | X86_VM | X86_RF);
	if (!(type & 1))
		cpu->eflags &= ~X86_IF;
}

/* "INT 0e fault at 0008:000f176c error 0002 cr2 00400000": the error code
 * only where the event pushes one, CR2 with a page fault. */
static void log_event(struct x86_cpu *cpu, unsigned vector, const char *kind, uint32_t error)
{
	char error_text[16] = "", cr2_text[16] = "";

	if (error != X86_NO_ERROR)
		snprintf(error_text, sizeof(error_text), " error %04x", error);
	if (vector == X86_EXC_PF)
		snprintf(cr2_text, sizeof(cr2_text), " cr2 %08x", cpu->cr[2]);
	x86_logf(cpu, "INT %02x %s at %04x:%08x%s%s\n", vector, kind, cpu->seg[X86_CS].sel, cpu->eip,
		 error_text, cr2_text);
}

void x86_deliver(struct x86_cpu *cpu, unsigned vector, enum x86_event_kind kind,
		 uint32_t error, uint32_t next_eip)
{
	static const char *const kinds[] = { "fault", "trap", "int", "irq" };
	uint32_t ret = kind == X86_EV_FAULT ? cpu->eip : next_eip;

	if (cpu->env.log & X86_LOG_INT)
		log_event(cpu, vector, kinds[kind], error);
	if (kind == X86_EV_FAULT || kind == X86_EV_TRAP)
		cpu->stat_exceptions[vector & 31]++;
	else
		cpu->stat_interrupts[vector & 255]++;
	cpu->exc_vector = vector;
	cpu->exc_error = error;
	cpu->exc_kind = kind;
	cpu->exc_depth = 1;
	if (cpu->cr[0] & X86_CR0_PE)
		deliver_protected(cpu, vector, kind, error, ret);
	else
		deliver_real(cpu, vector, ret);
	cpu->exc_depth = 0;
	cpu->halted = false;
	cpu->hflags &= ~X86_HF_SHADOW;
	x86_update_hflags(cpu);
}

bool x86_take_interrupt(struct x86_cpu *cpu)
{
	if (cpu->hflags & X86_HF_SHADOW)
		return false;
	if (cpu->nmi_pending && !cpu->nmi_blocked) {
		cpu->nmi_pending = false;
		cpu->nmi_blocked = true;
		x86_deliver(cpu, X86_EXC_NMI, X86_EV_HARD, X86_NO_ERROR, cpu->eip);
		return true;
	}
	if (cpu->intr && (cpu->eflags & X86_IF) && cpu->env.irq_ack) {
		unsigned vector = cpu->env.irq_ack(cpu->env.opaque);

		x86_deliver(cpu, vector, X86_EV_HARD, X86_NO_ERROR, cpu->eip);
		return true;
	}
	return false;
}

void x86_set_irq(struct x86_cpu *cpu, bool level)
{
	cpu->intr = level;
	if (level)
		x86_request_exit(cpu);
}
