/* x86 operands in generated code: register slices, effective addresses
 * (segment base + offset), reads (zero-extended to 32 bits below dword size)
 * and writes, push and pop on a 32- or 16-bit stack. */
#include <stddef.h>

#include "translator/flags.h"
#include "translator/translate.h"

struct gpr_slice {
	uint16_t reg;
	uint8_t idx;
	uint8_t size;
	uint8_t shift;
};

static const struct gpr_slice gprs[] = {
	{ X86_REG_EAX, 0, 4, 0 }, { X86_REG_ECX, 1, 4, 0 }, { X86_REG_EDX, 2, 4, 0 },
	{ X86_REG_EBX, 3, 4, 0 }, { X86_REG_ESP, 4, 4, 0 }, { X86_REG_EBP, 5, 4, 0 },
	{ X86_REG_ESI, 6, 4, 0 }, { X86_REG_EDI, 7, 4, 0 },
	{ X86_REG_AX, 0, 2, 0 }, { X86_REG_CX, 1, 2, 0 }, { X86_REG_DX, 2, 2, 0 },
	{ X86_REG_BX, 3, 2, 0 }, { X86_REG_SP, 4, 2, 0 }, { X86_REG_BP, 5, 2, 0 },
	{ X86_REG_SI, 6, 2, 0 }, { X86_REG_DI, 7, 2, 0 },
	{ X86_REG_AL, 0, 1, 0 }, { X86_REG_CL, 1, 1, 0 }, { X86_REG_DL, 2, 1, 0 },
	{ X86_REG_BL, 3, 1, 0 }, { X86_REG_AH, 0, 1, 8 }, { X86_REG_CH, 1, 1, 8 },
	{ X86_REG_DH, 2, 1, 8 }, { X86_REG_BH, 3, 1, 8 },
};

bool opnd_gpr(unsigned reg, unsigned *idx, unsigned *size, unsigned *shift)
{
	for (unsigned i = 0; i < sizeof(gprs) / sizeof(gprs[0]); i++) {
		if (gprs[i].reg == reg) {
			*idx = gprs[i].idx;
			*size = gprs[i].size;
			*shift = gprs[i].shift;
			return true;
		}
	}
	return false;
}

/* Address registers: 32-bit ones, or 16-bit ones under the 0x67 prefix (the
 * sum is cut to 16 bits at the end, so their upper halves do not matter). */
static unsigned gpr_host(unsigned reg)
{
	unsigned idx, size, shift;

	if (!opnd_gpr(reg, &idx, &size, &shift) || size == 1)
		return NOREG;
	return REG_GUEST(idx);
}

unsigned opnd_dword_reg(const cs_x86_op *op)
{
	unsigned idx, size, shift;

	if (op->type != X86_OP_REG || !opnd_gpr(op->reg, &idx, &size, &shift) || size != 4)
		return NOREG;
	return REG_GUEST(idx);
}

/* dst = base + index * scale + disp, wrapped to 32 bits (16 with 0x67). */
void opnd_offset(struct x86_tctx *t, const cs_x86_op *op, unsigned dst)
{
	struct emit *e = t->e;
	unsigned base = op->mem.base ? gpr_host(op->mem.base) : NOREG;
	unsigned index = op->mem.index ? gpr_host(op->mem.index) : NOREG;
	int32_t disp = (int32_t)op->mem.disp;
	unsigned acc = NOREG;	/* register holding the sum so far */

	if (index != NOREG) {
		unsigned sh = op->mem.scale == 8 ? 3 : op->mem.scale == 4 ? 2 : op->mem.scale == 2 ? 1 : 0;

		acc = index;
		if (sh) {
			acc = dst == base ? REG_M1 : dst;	/* dst may be the base (lea) */
			emit_sll(e, acc, index, sh);
		}
	}
	if (base != NOREG) {
		if (acc != NOREG)
			emit_addu(e, dst, acc, base);
		acc = acc != NOREG ? dst : base;
	}
	if (acc == NOREG) {
		emit_li32(e, dst, disp);
	} else if (disp >= -32768 && disp <= 32767) {
		if (disp || acc != dst)
			emit_addiu(e, dst, acc, disp);
	} else {
		emit_li32(e, REG_M0, disp);
		emit_addu(e, dst, acc, REG_M0);
	}
	if (t->d->addr_size == 2)
		emit_andi(e, dst, dst, 0xffff);
}

int x86_sreg_index(unsigned reg)
{
	switch (reg) {
	case X86_REG_ES: return X86_ES;
	case X86_REG_CS: return X86_CS;
	case X86_REG_SS: return X86_SS;
	case X86_REG_DS: return X86_DS;
	case X86_REG_FS: return X86_FS;
	case X86_REG_GS: return X86_GS;
	}
	return -1;
}

unsigned x86_mem_segment(const cs_x86_op *op)
{
	int sreg = x86_sreg_index(op->mem.segment);

	if (sreg >= 0)
		return (unsigned)sreg;
	switch (op->mem.base) {
	case X86_REG_EBP: case X86_REG_ESP: case X86_REG_BP: case X86_REG_SP:
		return X86_SS;
	default:
		return X86_DS;
	}
}

/* DS, ES and SS bases are added only when they are not all zero. */
static bool adds_base(const struct x86_tctx *t, unsigned seg)
{
	return (seg != X86_DS && seg != X86_ES && seg != X86_SS) || (t->flags & X86_HF_ADDSEG);
}

/* dst = src + the segment's base (when adds_base). */
static void add_segment_base(struct x86_tctx *t, unsigned seg, unsigned dst, unsigned src)
{
	if (!adds_base(t, seg)) {
		if (dst != src)
			emit_move(t->e, dst, src);
		return;
	}
	emit_lw(t->e, REG_M0, REG_ENV, (int32_t)offsetof(struct x86_cpu, seg[seg].base));
	emit_addu(t->e, dst, src, REG_M0);
}

/* The linear address: segment base + offset. */
void opnd_ea(struct x86_tctx *t, const cs_x86_op *op, unsigned dst)
{
	opnd_offset(t, op, dst);
	add_segment_base(t, x86_mem_segment(op), dst, dst);
	t->ea_valid = true;
}

/* Before an access of size bytes at linear address lin through seg: the
 * segment check when hflags asks for it, on the offset (lin less the base
 * add_segment_base added; it never wraps, so this gives it back exactly). */
static void check_segment(struct x86_tctx *t, unsigned seg, unsigned lin, unsigned size, bool write)
{
	unsigned off = lin;

	if (!(t->flags & X86_HF_SEGCHK(seg)))
		return;
	if (adds_base(t, seg)) {
		emit_lw(t->e, REG_M0, REG_ENV, (int32_t)offsetof(struct x86_cpu, seg[seg].base));
		emit_subu(t->e, REG_M0, lin, REG_M0);
		off = REG_M0;
	}
	mem_seg_check(t, seg, off, size, write);
}

unsigned opnd_read(struct x86_tctx *t, const cs_x86_op *op, unsigned tmp)
{
	struct emit *e = t->e;
	unsigned idx, size, shift;

	switch (op->type) {
	case X86_OP_REG:
		if (!opnd_gpr(op->reg, &idx, &size, &shift)) {
			e->bad = true;
			return tmp;
		}
		if (size == 4)
			return REG_GUEST(idx);
		emit_ext(e, tmp, REG_GUEST(idx), shift, 8 * size);
		return tmp;
	case X86_OP_IMM:
		if ((op->imm & cc_mask(op->size)) == 0)
			return R_ZERO;
		if (op->size < 4)
			emit_li32(e, tmp, (int32_t)(op->imm & ((1 << (8 * op->size)) - 1)));
		else
			emit_li32(e, tmp, (int32_t)op->imm);
		return tmp;
	case X86_OP_MEM:
		if (!t->ea_valid)
			opnd_ea(t, op, REG_EA);
		check_segment(t, x86_mem_segment(op), REG_EA, op->size, false);
		mem_load(t, op->size, tmp, REG_EA);
		return tmp;
	default:
		e->bad = true;
		return tmp;
	}
}

void opnd_write(struct x86_tctx *t, const cs_x86_op *op, unsigned src)
{
	struct emit *e = t->e;
	unsigned idx, size, shift;

	if (op->type == X86_OP_MEM) {
		if (!t->ea_valid)
			opnd_ea(t, op, REG_EA);
		check_segment(t, x86_mem_segment(op), REG_EA, op->size, true);
		mem_store(t, op->size, src, REG_EA);
		return;
	}
	if (!opnd_gpr(op->reg, &idx, &size, &shift)) {
		e->bad = true;
		return;
	}
	if (size == 4) {
		if (src != REG_GUEST(idx)) {
			cc_reg_written(t, REG_GUEST(idx));
			emit_addu(e, REG_GUEST(idx), src, R_ZERO);	/* canonical 32-bit */
		}
	} else {
		cc_reg_written(t, REG_GUEST(idx));
		emit_ins(e, REG_GUEST(idx), src, shift, 8 * size);
	}
}

bool opnd_write_if_mem(struct x86_tctx *t, const cs_x86_op *op, unsigned src)
{
	if (op->type != X86_OP_MEM)
		return false;
	opnd_write(t, op, src);
	return true;
}

unsigned tr_stack_addr(struct x86_tctx *t, unsigned base, int32_t delta, unsigned size, bool write)
{
	unsigned off = base;

	if (delta || t->stack16) {
		off = R_V1;
		emit_addiu(t->e, off, base, delta);
		if (t->stack16)
			emit_andi(t->e, off, off, 0xffff);
	}
	if (t->flags & X86_HF_SEGCHK(X86_SS))
		mem_seg_check(t, X86_SS, off, size, write);
	if (!(t->flags & X86_HF_ADDSEG))
		return off;
	add_segment_base(t, X86_SS, R_A3, off);
	return R_A3;
}

void tr_sp_commit(struct x86_tctx *t)
{
	if (t->stack16)
		emit_ins(t->e, REG_GUEST(X86_ESP), R_V1, 0, 16);
	else
		emit_move(t->e, REG_GUEST(X86_ESP), R_V1);
}

void tr_sp_add(struct x86_tctx *t, int32_t n)
{
	unsigned esp = REG_GUEST(X86_ESP);

	if (!t->stack16) {
		emit_addiu(t->e, esp, esp, n);
		return;
	}
	emit_addiu(t->e, R_V1, esp, n);
	tr_sp_commit(t);
}

/* esp -= size; [esp] = val.  esp changes only after the store. */
void tr_push(struct x86_tctx *t, unsigned val, unsigned size)
{
	unsigned addr = tr_stack_addr(t, REG_GUEST(X86_ESP), -(int32_t)size, size, true);

	mem_store(t, size, val, addr);
	tr_sp_commit(t);
}

void tr_pop_load(struct x86_tctx *t, unsigned dst, unsigned size)
{
	mem_load(t, size, dst, tr_stack_addr(t, REG_GUEST(X86_ESP), 0, size, false));
}

/* dst = [esp]; esp += size. */
void tr_pop(struct x86_tctx *t, unsigned dst, unsigned size)
{
	tr_pop_load(t, dst, size);
	tr_sp_add(t, (int32_t)size);
}
