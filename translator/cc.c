/* Lazy flags in generated code: recording an operation's operands, and
 * evaluating an x86 condition inline when the recorded kind is known at
 * translation time (else through the C flag helper). */
#include <stddef.h>

#include "translator/flags.h"
#include "translator/translate.h"

#define CC_FIELD(f) ((int32_t)offsetof(struct x86_cpu, f))
#define CC_REGS_KEPT 1u	/* cc_regs_at: in a0..a2 for the fused reader */

/* x86 condition codes, the low nibble of jcc/setcc/cmovcc opcodes. */
enum { COND_O, COND_B = 2, COND_Z = 4, COND_BE = 6, COND_S = 8, COND_P = 10, COND_L = 12, COND_LE = 14 };

void cc_forget(struct x86_tctx *t)
{
	t->cc_static = CC_UNKNOWN;
	t->cc_regs_at = 0;
}

/* The reader is some instructions away, with only moves and stack
 * operations between: a0..a2 survive those (and their TLB misses). */
static void keep_regs(struct x86_tctx *t)
{
	static const unsigned keep[3] = { R_A0, R_A1, R_A2 };

	for (unsigned i = 0; i < 3; i++) {
		if (t->cc_regs[i] == NOREG || t->cc_regs[i] == R_ZERO)
			continue;
		emit_move(t->e, keep[i], t->cc_regs[i]);
		t->cc_regs[i] = keep[i];
	}
	t->cc_regs_at = CC_REGS_KEPT;
}

/* Records an operation's flags: always in registers for the next
 * instruction (a register equal to dst holds the result, not the source),
 * and in memory when a later reader or the successors need them. */
void cc_set(struct x86_tctx *t, unsigned kind, unsigned size, unsigned dst,
	    unsigned src1, unsigned src2, unsigned aux)
{
	struct emit *e = t->e;
	uint32_t op = cc_op_make(kind, size);

	t->cc_regs[0] = dst;
	t->cc_regs[1] = src1 == dst ? NOREG : src1;
	t->cc_regs[2] = src2 == dst ? NOREG : src2;
	t->cc_regs_op = op;
	t->cc_regs_at = t->index + 2;
	if (t->keep)
		keep_regs(t);
	if (!t->flags_live)
		return;
	if (dst != NOREG)
		emit_sw(e, dst, REG_ENV, CC_FIELD(cc_dst));
	if (src1 != NOREG)
		emit_sw(e, src1, REG_ENV, CC_FIELD(cc_src1));
	if (src2 != NOREG)
		emit_sw(e, src2, REG_ENV, CC_FIELD(cc_src2));
	if (aux != NOREG)
		emit_sw(e, aux, REG_ENV, CC_FIELD(cc_aux));
	if (t->cc_static != op) {
		emit_addiu(e, REG_M0, R_ZERO, op);
		emit_sw(e, REG_M0, REG_ENV, CC_FIELD(cc_op));
		t->cc_static = op;
	}
}

/* A guest register is being overwritten: it no longer holds a cc value. */
void cc_reg_written(struct x86_tctx *t, unsigned reg)
{
	for (unsigned i = 0; i < 3; i++)
		if (t->cc_regs[i] == reg)
			t->cc_regs[i] = NOREG;
}

static bool is_incdec(uint32_t op)
{
	return (op >> 2) == CC_INC || (op >> 2) == CC_DEC;
}

/* inc/dec keep CF: the record of the op before stays in place (inc_prev
 * names it) and only the result and cc_op change.  A run of inc/dec keeps the
 * first inc_prev. */
void cc_set_incdec(struct x86_tctx *t, unsigned kind, unsigned size, unsigned res)
{
	struct emit *e = t->e;
	uint32_t op = cc_op_make(kind, size);
	uint32_t *skip;

	if (!t->flags_live)
		return;
	emit_sw(e, res, REG_ENV, CC_FIELD(cc_inc_res));
	if (t->cc_static == CC_UNKNOWN) {
		emit_lw(e, REG_M0, REG_ENV, CC_FIELD(cc_op));
		emit_addiu(e, REG_M1, REG_M0, -(int32_t)(CC_INC << 2));
		emit_sltiu(e, REG_M1, REG_M1, 8);	/* m1 = cc_op is inc/dec */
		skip = emit_here(e);
		emit_bnez(e, REG_M1, NULL);
		emit_nop(e);	/* delay slot */
		emit_sw(e, REG_M0, REG_ENV, CC_FIELD(cc_inc_prev));
		emit_patch_branch(e, skip, emit_here(e));
	} else if (!is_incdec(t->cc_static)) {
		emit_addiu(e, REG_M0, R_ZERO, t->cc_static);
		emit_sw(e, REG_M0, REG_ENV, CC_FIELD(cc_inc_prev));
	}
	if (t->cc_static != op) {
		emit_addiu(e, REG_M0, R_ZERO, op);
		emit_sw(e, REG_M0, REG_ENV, CC_FIELD(cc_op));
		t->cc_static = op;
	}
}

/* Call a C helper that needs only the CPU state pointer; every caller-saved
 * register is clobbered, guest registers survive in s0..s7. */
void tr_call_c(struct x86_tctx *t, enum x86_helper h)
{
	emit_ld(t->e, R_T9, REG_ENV, CC_FIELD(helper[h]));
	emit_jalr(t->e, R_RA, R_T9);
	emit_move(t->e, R_A0, REG_ENV);	/* delay slot */
}

static void emit_sign(struct emit *e, unsigned out, unsigned r, unsigned size)
{
	emit_ext(e, out, r, 8 * size - 1, 1);
}

static void emit_sext(struct emit *e, unsigned dst, unsigned src, unsigned size)
{
	if (size == 1)
		emit_seb(e, dst, src);
	else
		emit_seh(e, dst, src);
}

bool cc_fusable(unsigned kind, unsigned cond, bool have_operands)
{
	cond &= ~1u;
	if (kind == CC_EFLAGS || cond == COND_P)
		return false;
	if (cond == COND_Z || cond == COND_S)
		return true;	/* every other kind records the result */
	if (!have_operands)
		return kind == CC_LOGIC;
	return kind == CC_SUB || kind == CC_LOGIC || (kind == CC_ADD && cond == COND_B);
}

/* How an inline condition came out: 0/1 in `out`, or true iff a register
 * (which the caller gets) is zero, which saves the normalising step. */
enum cond_form { FORM_NONE, FORM_VALUE, FORM_IF_ZERO };

/* Conditions straight from the record: from the registers of the flag
 * setter right before (not clobbered), else from memory when cc_op is known
 * statically.  FORM_NONE if this pair needs the full flags. */
static enum cond_form cond_inline(struct x86_tctx *t, unsigned cond, unsigned out, unsigned *zreg)
{
	struct emit *e = t->e;
	unsigned kind, size, a = REG_M0, b = REG_M1, r = REG_M2;
	bool have = t->cc_regs[1] != NOREG && t->cc_regs[2] != NOREG;

	if ((t->cc_regs_at == t->index + 1 || (t->cc_regs_at == CC_REGS_KEPT && t->fused)) &&
	    cc_fusable(t->cc_regs_op >> 2, cond, have)) {
		kind = t->cc_regs_op >> 2;
		size = 1u << (t->cc_regs_op & 3);
		r = t->cc_regs[0];
		if (have) {
			a = t->cc_regs[1];
			b = t->cc_regs[2];
		}
	} else if (t->fused) {
		e->bad = true;	/* liveness counted on registers that are gone */
		return FORM_NONE;
	} else if (t->cc_static != CC_UNKNOWN && cc_fusable(t->cc_static >> 2, cond, true) &&
		   (!is_incdec(t->cc_static) || cond == COND_Z || cond == COND_S)) {
		kind = t->cc_static >> 2;
		size = 1u << (t->cc_static & 3);
		emit_lw(e, r, REG_ENV, is_incdec(t->cc_static) ? CC_FIELD(cc_inc_res) : CC_FIELD(cc_dst));
		if (!is_incdec(t->cc_static)) {
			emit_lw(e, a, REG_ENV, CC_FIELD(cc_src1));
			emit_lw(e, b, REG_ENV, CC_FIELD(cc_src2));
		}
	} else {
		return FORM_NONE;
	}
	*zreg = out;
	if (cond == COND_Z || (kind == CC_LOGIC && cond == COND_BE)) {
		*zreg = r;
		if (size < 4) {
			emit_andi(e, out, r, cc_mask(size));
			*zreg = out;
		}
		return FORM_IF_ZERO;
	}
	if (cond == COND_S) {
		emit_sign(e, out, r, size);
		return FORM_VALUE;
	}
	switch (kind) {
	case CC_SUB:
		if (size < 4 && (cond == COND_L || cond == COND_LE)) {
			emit_sext(e, REG_M0, a, size);
			emit_sext(e, REG_M1, b, size);
			a = REG_M0;
			b = REG_M1;
		}
		switch (cond) {
		case COND_B:
			emit_sltu(e, out, a, b);
			return FORM_VALUE;
		case COND_BE:
			emit_sltu(e, out, b, a);	/* a > b: BE is false */
			return FORM_IF_ZERO;
		case COND_L:
			emit_slt(e, out, a, b);
			return FORM_VALUE;
		case COND_LE:
			emit_slt(e, out, b, a);
			return FORM_IF_ZERO;
		case COND_O:	/* out may be a: it is written last */
			emit_xor(e, REG_M2, a, r);
			emit_xor(e, out, a, b);
			emit_and(e, out, out, REG_M2);
			emit_sign(e, out, out, size);
			return FORM_VALUE;
		}
		return FORM_NONE;
	case CC_ADD:
		if (size < 4) {
			emit_andi(e, REG_M2, r, cc_mask(size));
			r = REG_M2;
		}
		emit_sltu(e, out, r, a);	/* B: the result wrapped below a */
		return FORM_VALUE;
	case CC_LOGIC:
		switch (cond) {
		case COND_B:
		case COND_O:
			emit_move(e, out, R_ZERO);
			return FORM_VALUE;
		case COND_L:
			emit_sign(e, out, r, size);
			return FORM_VALUE;
		case COND_LE:	/* S or Z */
			emit_sign(e, out, r, size);
			if (size < 4) {
				emit_andi(e, REG_M0, r, cc_mask(size));
				r = REG_M0;
			}
			emit_sltiu(e, REG_M0, r, 1);
			emit_or(e, out, out, REG_M0);
			return FORM_VALUE;
		}
		return FORM_NONE;
	}
	return FORM_NONE;
}

/* Conditions from the EFLAGS value in v0. */
static void cond_from_eflags(struct emit *e, unsigned cond, unsigned out)
{
	unsigned f = R_V0;

	switch (cond) {
	case COND_O:
		emit_ext(e, out, f, 11, 1);
		break;
	case COND_B:
		emit_andi(e, out, f, 1);
		break;
	case COND_Z:
		emit_ext(e, out, f, 6, 1);
		break;
	case COND_BE:
		emit_srl(e, REG_M0, f, 6);
		emit_or(e, REG_M0, REG_M0, f);
		emit_andi(e, out, REG_M0, 1);
		break;
	case COND_S:
		emit_ext(e, out, f, 7, 1);
		break;
	case COND_P:
		emit_ext(e, out, f, 2, 1);
		break;
	case COND_L:
	case COND_LE:
		emit_srl(e, REG_M0, f, 4);	/* OF onto SF's bit */
		emit_xor(e, REG_M0, REG_M0, f);
		emit_ext(e, out, REG_M0, 7, 1);
		if (cond == COND_LE) {
			emit_ext(e, REG_M0, f, 6, 1);
			emit_or(e, out, out, REG_M0);
		}
		break;
	}
}

/* Evaluate condition cc (0..15); true iff the returned register is nonzero
 * (*if_nonzero) or zero.  May call C: only guest registers survive, so
 * evaluate conditions before loading other values. */
unsigned cc_branch(struct x86_tctx *t, unsigned cc, unsigned out, bool *if_nonzero)
{
	unsigned cond = cc & ~1u, zreg = out;
	enum cond_form form = cond_inline(t, cond, out, &zreg);

	if (form == FORM_NONE) {
		tr_call_c(t, X86_HELPER_EFLAGS);
		cond_from_eflags(t->e, cond, out);
		form = FORM_VALUE;
	}
	*if_nonzero = (form == FORM_VALUE) != (cc & 1);
	return zreg;
}

/* out = 1 if x86 condition cc holds, else 0. */
void cc_cond(struct x86_tctx *t, unsigned cc, unsigned out)
{
	bool if_nonzero;
	unsigned r = cc_branch(t, cc, out, &if_nonzero);

	if (!if_nonzero)
		emit_sltiu(t->e, out, r, 1);
	else if (cc & 1)
		emit_sltu(t->e, out, R_ZERO, r);	/* a negated zero test: any nonzero value */
	/* else: a 0/1 value already in out */
}

void cc_get_cf(struct x86_tctx *t, unsigned out)
{
	cc_cond(t, COND_B, out);
}
