/* Hardware task switches (far jmp/call to a TSS or task gate, events through
 * task gates, iret with NT): the new TSS is read and checked, the old one
 * saved, busy bits and the back link kept, then TR, CR3, the registers and
 * LDTR change, and the segment registers load with faults in the new task's
 * context.  Also the inner stacks a TSS holds.  Ref: Intel SDM Vol. 3,
 * 7.2-7.4 (TSS layouts: figures 7-2 and 7-11). */
#include "translator/task.h"

#include <string.h>

#include "translator/flags.h"
#include "translator/sys.h"

/* Field offsets of a 32-bit TSS; a 16-bit TSS has word fields at the
 * TSS16_* offsets.  Registers and selectors are in encoding order. */
#define TSS32_CR3    0x1c
#define TSS32_EIP    0x20
#define TSS32_EFLAGS 0x24
#define TSS32_REGS   0x28
#define TSS32_SEGS   0x48
#define TSS32_LDT    0x60
#define TSS32_MIN_LIMIT 0x67
#define TSS16_IP     0x0e
#define TSS16_FLAGS  0x10
#define TSS16_REGS   0x12
#define TSS16_SEGS   0x22
#define TSS16_LDT    0x2a
#define TSS16_MIN_LIMIT 0x2b

/* A task's state as a TSS holds it. */
struct task_image {
	uint32_t eip, eflags, cr3;
	uint32_t regs[8];
	uint16_t segs[6];	/* ES CS SS DS FS GS; a 16-bit TSS has no FS/GS */
	uint16_t ldt;
};

static void tss_read(struct x86_cpu *cpu, uint32_t base, bool tss32, struct task_image *t)
{
	unsigned w = tss32 ? 4 : 2, nsegs = tss32 ? 6 : 4;

	t->cr3 = tss32 ? x86_lin_load(cpu, base + TSS32_CR3, 4, 0) : cpu->cr[3];
	t->eip = x86_lin_load(cpu, base + (tss32 ? TSS32_EIP : TSS16_IP), w, 0);
	t->eflags = x86_lin_load(cpu, base + (tss32 ? TSS32_EFLAGS : TSS16_FLAGS), w, 0);
	for (unsigned i = 0; i < 8; i++)
		t->regs[i] = x86_lin_load(cpu, base + (tss32 ? TSS32_REGS : TSS16_REGS) + w * i, w, 0);
	for (unsigned i = 0; i < 6; i++)
		t->segs[i] = i < nsegs ?
			(uint16_t)x86_lin_load(cpu, base + (tss32 ? TSS32_SEGS : TSS16_SEGS) + w * i, 2, 0) : 0;
	t->ldt = (uint16_t)x86_lin_load(cpu, base + (tss32 ? TSS32_LDT : TSS16_LDT), 2, 0);
}

/* Save the current task's dynamic state in its TSS (cpu->tr). */
static void tss_save(struct x86_cpu *cpu, uint32_t eip, uint32_t eflags)
{
	bool tss32 = seg_type(&cpu->tr) & 8;
	uint32_t base = cpu->tr.base;
	unsigned w = tss32 ? 4 : 2, nsegs = tss32 ? 6 : 4;

	x86_lin_store(cpu, base + (tss32 ? TSS32_EIP : TSS16_IP), eip, w, 0);
	x86_lin_store(cpu, base + (tss32 ? TSS32_EFLAGS : TSS16_FLAGS), eflags, w, 0);
	for (unsigned i = 0; i < 8; i++)
		x86_lin_store(cpu, base + (tss32 ? TSS32_REGS : TSS16_REGS) + w * i, cpu->regs[i], w, 0);
	for (unsigned i = 0; i < nsegs; i++)
		x86_lin_store(cpu, base + (tss32 ? TSS32_SEGS : TSS16_SEGS) + w * i, cpu->seg[i].sel, 2, 0);
}

/* The new task's CS: code, nonconforming DPL = RPL or conforming DPL <= RPL. */
static struct x86_seg task_cs(struct x86_cpu *cpu, uint16_t sel)
{
	uint32_t err = sel & ~SEL_RPL;
	struct x86_desc d;

	if (!(sel & ~SEL_RPL) || !x86_desc_fetch(cpu, sel, &d) || !desc_is_code(d))
		x86_raise(cpu, X86_EXC_TS, err);
	if ((desc_type(d) & SEG_TYPE_CONFORMING) ? desc_dpl(d) > (sel & SEL_RPL) :
						     desc_dpl(d) != (sel & SEL_RPL))
		x86_raise(cpu, X86_EXC_TS, err);
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, err);
	return x86_desc_cache(sel, d);
}

/* After the commit point: LDTR and the segment registers of the new task;
 * a fault here is the new task's. */
static void load_task_segments(struct x86_cpu *cpu, const struct task_image *t)
{
	static const unsigned data[] = { X86_ES, X86_DS, X86_FS, X86_GS };
	unsigned cpl = t->segs[X86_CS] & SEL_RPL;

	for (unsigned i = 0; i < 6; i++)
		cpu->seg[i].sel = t->segs[i];
	cpu->ldt = x86_ldt_check(cpu, t->ldt, X86_EXC_TS);
	if (cpu->eflags & X86_VM) {
		for (unsigned i = 0; i < 6; i++)
			cpu->seg[i] = x86_seg_check(cpu, i, t->segs[i]);
		x86_update_hflags(cpu);
		return;
	}
	cpu->seg[X86_CS] = task_cs(cpu, t->segs[X86_CS]);
	cpu->seg[X86_SS] = x86_seg_check_pm(cpu, X86_SS, t->segs[X86_SS], cpl, X86_EXC_TS);
	x86_update_hflags(cpu);
	for (unsigned i = 0; i < 4; i++)
		cpu->seg[data[i]] = x86_seg_check_pm(cpu, data[i], t->segs[data[i]], cpl, X86_EXC_TS);
	x86_update_hflags(cpu);
}

/* Switch to the task whose TSS descriptor d sel names (7.3). */
static void task_switch(struct x86_cpu *cpu, uint16_t sel, struct x86_desc d,
			enum x86_task_reason why, uint32_t old_eip, uint32_t ext)
{
	uint32_t err = (sel & ~SEL_RPL) + ext;
	unsigned type = desc_type(d);
	bool busy = type & DESC_TSS_BUSY_BIT, tss32 = type & 8;
	struct x86_seg tr = x86_desc_cache(sel, d);
	uint32_t old_eflags = x86_get_eflags(cpu);
	struct task_image t;

	if ((sel & SEL_TI) || desc_is_seg(d) ||
	    (type & ~(8u | DESC_TSS_BUSY_BIT)) != DESC_TSS16_AVAIL || busy != (why == X86_TASK_IRET))
		x86_raise(cpu, why == X86_TASK_IRET ? X86_EXC_TS : X86_EXC_GP, err);
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, err);
	if (tr.limit < (tss32 ? TSS32_MIN_LIMIT : TSS16_MIN_LIMIT))
		x86_raise(cpu, X86_EXC_TS, err);
	tss_read(cpu, tr.base, tss32, &t);
	if (why == X86_TASK_JMP || why == X86_TASK_IRET) {
		old_eflags &= ~X86_NT;
		x86_desc_clear_bit(cpu, cpu->tr.sel, DESC_TSS_BUSY_BIT << 8);
	}
	tss_save(cpu, old_eip, old_eflags);
	if (why == X86_TASK_CALL || why == X86_TASK_INT) {
		x86_lin_store(cpu, tr.base, cpu->tr.sel, 2, 0);
		t.eflags |= X86_NT;
	}
	if (why != X86_TASK_IRET)
		x86_desc_set_bit(cpu, sel, DESC_TSS_BUSY_BIT << 8);
	/* The commit point: from here on faults belong to the new task. */
	tr.attr |= DESC_TSS_BUSY_BIT;
	cpu->tr = tr;
	if (!tss32) {
		/* A 16-bit TSS holds words: the upper halves of EFLAGS (but VM)
		 * and of the registers keep their values (the SDM leaves them
		 * undefined; qemu keeps them). */
		t.eflags = (old_eflags & 0xffff0000u & ~X86_VM) | (t.eflags & 0xffff);
		for (unsigned i = 0; i < 8; i++)
			t.regs[i] = (cpu->regs[i] & 0xffff0000u) | (t.regs[i] & 0xffff);
	}
	memcpy(cpu->regs, t.regs, sizeof(t.regs));
	cpu->eip = t.eip;
	x86_set_eflags(cpu, t.eflags);
	x86_cr_write(cpu, 0, cpu->cr[0] | X86_CR0_TS);
	if (tss32 && (cpu->cr[0] & X86_CR0_PG))
		x86_cr_write(cpu, 3, t.cr3);
	load_task_segments(cpu, &t);
}

void x86_task_far(struct x86_cpu *cpu, uint16_t sel, struct x86_desc d,
		  enum x86_task_reason why, uint32_t next_eip)
{
	uint32_t err = sel & ~SEL_RPL;

	if (desc_dpl(d) < x86_cpl(cpu) || desc_dpl(d) < (sel & SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, err);
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, err);
	if (desc_type(d) == DESC_TASKGATE) {
		sel = gate_sel(d);
		if ((sel & SEL_TI) || !x86_desc_fetch(cpu, sel, &d))
			x86_raise(cpu, X86_EXC_GP, sel & ~SEL_RPL);
	}
	task_switch(cpu, sel, d, why, next_eip, 0);
}

void x86_task_gate_event(struct x86_cpu *cpu, uint16_t tss_sel, uint32_t ext, uint32_t error,
			 uint32_t ret)
{
	struct x86_desc d;
	struct x86_stack st;

	if ((tss_sel & SEL_TI) || !x86_desc_fetch(cpu, tss_sel, &d))
		x86_raise(cpu, X86_EXC_GP, (tss_sel & ~SEL_RPL) + ext);
	task_switch(cpu, tss_sel, d, X86_TASK_INT, ret, ext);
	if (error != X86_NO_ERROR) {
		x86_stack_current(&st, cpu);
		x86_stack_push(cpu, &st, error, (seg_type(&cpu->tr) & 8) ? 4 : 2);
		x86_stack_commit(cpu, &st);
	}
}

void x86_task_return(struct x86_cpu *cpu, uint32_t next_eip)
{
	uint16_t link = (uint16_t)x86_lin_load(cpu, cpu->tr.base, 2, 0);
	struct x86_desc d;

	if ((link & SEL_TI) || !x86_desc_fetch(cpu, link, &d))
		x86_raise(cpu, X86_EXC_TS, link & ~SEL_RPL);
	task_switch(cpu, link, d, X86_TASK_IRET, next_eip, 0);
}

/* The inner stack for privilege dpl from the current TSS, with the checks
 * of the new SS (6.12.1; errors as in the INT n pseudocode). */
void x86_tss_stack(struct x86_cpu *cpu, unsigned dpl, uint32_t ext, struct x86_seg *ss,
		   uint32_t *esp)
{
	bool tss32 = seg_type(&cpu->tr) & 8;
	uint32_t off = tss32 ? 4 + dpl * 8 : 2 + dpl * 4;
	uint32_t tr_err = (cpu->tr.sel & ~SEL_RPL) + ext;
	struct x86_desc d;
	uint16_t sel;

	if (off + (tss32 ? 8 : 4) - 1 > cpu->tr.limit)
		x86_raise(cpu, X86_EXC_TS, tr_err);
	*esp = x86_lin_load(cpu, cpu->tr.base + off, tss32 ? 4 : 2, 0);
	sel = (uint16_t)x86_lin_load(cpu, cpu->tr.base + off + (tss32 ? 4 : 2), 2, 0);
	if (!(sel & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_TS, ext);
	if (!x86_desc_fetch(cpu, sel, &d) || (sel & SEL_RPL) != dpl || desc_dpl(d) != dpl ||
	    !desc_is_seg(d) || desc_is_code(d) || !(desc_type(d) & SEG_TYPE_WRITABLE))
		x86_raise(cpu, X86_EXC_TS, (sel & ~SEL_RPL) + ext);
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_SS, (sel & ~SEL_RPL) + ext);
	*ss = x86_desc_cache(sel, d);
}

