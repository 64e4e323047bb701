/* Interpreted descriptor-table instructions: lgdt/lidt/sgdt/sidt,
 * lldt/ltr/sldt/str, and the probes lar/lsl/verr/verw/arpl that answer in
 * ZF.  Ref: Intel SDM Vol. 2 (each instruction's pseudocode). */
#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/prot.h"
#include "translator/sys.h"

/* Privileged: CPL 0 (real mode counts as CPL 0; v86 mode is CPL 3). */
static void require_cpl0(struct x86_cpu *cpu)
{
	if (x86_cpl(cpu) != 0)
		x86_raise(cpu, X86_EXC_GP, 0);
}

/* Protected mode only (not real, not v86): #UD otherwise. */
static void require_protected(struct x86_cpu *cpu)
{
	if (!x86_protected(cpu))
		x86_raise(cpu, X86_EXC_UD, X86_NO_ERROR);
}

static void set_zf(struct x86_cpu *cpu, bool zf)
{
	x86_set_eflags(cpu, (x86_get_eflags(cpu) & ~X86_ZF) | (zf ? X86_ZF : 0));
}

/* A selector written to r/m: a 32-bit register gets it zero-extended,
 * memory always a word. */
static void write_selector(struct x86_cpu *cpu, const struct x86_iop *op, uint16_t sel)
{
	struct x86_iop o = *op;

	if (o.type == IOP_MEM)
		o.size = 2;
	interp_write(cpu, &o, sel);
}

static void load_table(struct x86_cpu *cpu, const struct x86_idesc *d, bool idt)
{
	uint32_t limit, base, ea;

	require_cpl0(cpu);
	ea = interp_ea_access(cpu, &d->op[0], 6, false);
	limit = interp_load(cpu, ea, 2);
	base = interp_load(cpu, ea + 2, 4);
	if (d->opsize == 2)
		base &= 0xffffff;
	if (idt) {
		cpu->idt.base = base;
		cpu->idt.limit = limit;
	} else {
		cpu->gdt.base = base;
		cpu->gdt.limit = limit;
	}
}

static void store_table(struct x86_cpu *cpu, const struct x86_idesc *d, bool idt)
{
	uint32_t ea = interp_ea_access(cpu, &d->op[0], 6, true);
	uint32_t limit = idt ? cpu->idt.limit : cpu->gdt.limit, base = idt ? cpu->idt.base : cpu->gdt.base;

	interp_store(cpu, ea, limit, 2);
	interp_store(cpu, ea + 2, d->opsize == 2 ? base & 0xffffff : base, 4);
}

static void ltr(struct x86_cpu *cpu, uint16_t sel)
{
	struct x86_desc d;
	struct x86_seg tr;

	require_cpl0(cpu);
	if (!(sel & ~SEL_RPL))
		x86_raise(cpu, X86_EXC_GP, 0);
	if ((sel & SEL_TI) || !x86_desc_fetch(cpu, sel, &d) || desc_is_seg(d) ||
	    (desc_type(d) != DESC_TSS16_AVAIL && desc_type(d) != DESC_TSS32_AVAIL))
		x86_raise(cpu, X86_EXC_GP, sel & ~SEL_RPL);
	if (!desc_present(d))
		x86_raise(cpu, X86_EXC_NP, sel & ~SEL_RPL);
	x86_desc_set_bit(cpu, sel, DESC_TSS_BUSY_BIT << 8);
	tr = x86_desc_cache(sel, d);
	tr.attr |= DESC_TSS_BUSY_BIT;
	cpu->tr = tr;
}

/* The descriptor lar/lsl/verr/verw may look at: loaded, and visible at
 * CPL and RPL unless it is a conforming code segment. */
static bool probe(struct x86_cpu *cpu, uint16_t sel, struct x86_desc *d)
{
	unsigned dpl;

	if (!(sel & ~SEL_RPL) || !x86_desc_fetch(cpu, sel, d))
		return false;
	dpl = desc_dpl(*d);
	if (desc_is_code(*d) && (desc_type(*d) & SEG_TYPE_CONFORMING))
		return true;
	return dpl >= x86_cpl(cpu) && dpl >= (sel & SEL_RPL);
}

/* System descriptor types lar (all but gates to interrupts) and lsl
 * (segments only: TSSs and LDTs) accept. */
static bool lar_type_ok(struct x86_desc d, bool lsl)
{
	unsigned type = desc_type(d);

	if (desc_is_seg(d))
		return true;
	if (type == DESC_TSS16_AVAIL || type == DESC_LDT || type == DESC_TSS16_BUSY ||
	    type == DESC_TSS32_AVAIL || type == DESC_TSS32_BUSY)
		return true;
	return !lsl && (type == DESC_CALLGATE16 || type == DESC_TASKGATE || type == DESC_CALLGATE32);
}

static void lar_lsl(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	bool lsl = d->id == X86_INS_LSL;
	uint16_t sel = (uint16_t)interp_read(cpu, &d->op[1]);
	struct x86_desc desc;
	uint32_t v;

	require_protected(cpu);
	if (!probe(cpu, sel, &desc) || !lar_type_ok(desc, lsl)) {
		set_zf(cpu, false);
		return;
	}
	v = lsl ? x86_desc_cache(sel, desc).limit : desc.hi & 0x00ffff00u;
	interp_set_reg(cpu, d->op[0].reg, d->opsize == 2 ? v & 0xffff : v);
	set_zf(cpu, true);
}

static void verr_verw(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint16_t sel = (uint16_t)interp_read(cpu, &d->op[0]);
	struct x86_desc desc;
	bool ok;

	require_protected(cpu);
	ok = probe(cpu, sel, &desc) && desc_is_seg(desc);
	if (ok && d->id == X86_INS_VERW)
		ok = !desc_is_code(desc) && (desc_type(desc) & SEG_TYPE_WRITABLE);
	else if (ok)
		ok = !desc_is_code(desc) || (desc_type(desc) & SEG_TYPE_READABLE);
	set_zf(cpu, ok);
}

static void arpl(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint16_t dst, src;

	require_protected(cpu);
	dst = (uint16_t)interp_read(cpu, &d->op[0]);
	src = (uint16_t)interp_read(cpu, &d->op[1]);
	if ((dst & SEL_RPL) < (src & SEL_RPL)) {
		interp_write(cpu, &d->op[0], (dst & ~SEL_RPL) | (src & SEL_RPL));
		set_zf(cpu, true);
	} else {
		set_zf(cpu, false);
	}
}

int interp_descriptor(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	struct x86_seg ldt;

	switch (d->id) {
	case X86_INS_LGDT: load_table(cpu, d, false); return 0;
	case X86_INS_LIDT: load_table(cpu, d, true); return 0;
	case X86_INS_SGDT: store_table(cpu, d, false); return 0;
	case X86_INS_SIDT: store_table(cpu, d, true); return 0;
	case X86_INS_LLDT:
		require_protected(cpu);
		require_cpl0(cpu);
		ldt = x86_ldt_check(cpu, (uint16_t)interp_read(cpu, &d->op[0]), X86_EXC_GP);
		cpu->ldt = ldt;
		return 0;
	case X86_INS_LTR:
		require_protected(cpu);
		ltr(cpu, (uint16_t)interp_read(cpu, &d->op[0]));
		return 0;
	case X86_INS_SLDT:
	case X86_INS_STR:
		require_protected(cpu);
		write_selector(cpu, &d->op[0], d->id == X86_INS_STR ? cpu->tr.sel : cpu->ldt.sel);
		return 0;
	case X86_INS_LAR:
	case X86_INS_LSL:
		lar_lsl(cpu, d);
		return 0;
	case X86_INS_VERR:
	case X86_INS_VERW:
		verr_verw(cpu, d);
		return 0;
	case X86_INS_ARPL:
		arpl(cpu, d);
		return 0;
	}
	return -1;
}
