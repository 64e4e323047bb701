/* Inline bit shuffles: bswap, and dword rol/ror/shld/shrd by a constant when
 * nothing reads the flags they would set (else the interpreter runs them);
 * cld/std. */
#include <stddef.h>

#include "translator/translate.h"

/* bswap: swap bytes within halfwords, then the halfwords. */
static void tr_bswap(struct x86_tctx *t)
{
	unsigned r = opnd_dword_reg(&t->d->operands[0]);

	emit_wsbh(t->e, r, r);
	emit_rotr(t->e, r, r, 16);
}

/* rol/ror r/m32, imm with dead flags: one rotr. */
static bool tr_rotate(struct x86_tctx *t, unsigned id)
{
	const cs_x86_op *ops = t->d->operands;
	unsigned count, a;

	if (t->flags_live || t->feeds || ops[0].size != 4 || t->d->op_count != 2 ||
	    ops[1].type != X86_OP_IMM)
		return false;
	count = ops[1].imm & 31;
	if (count == 0)
		return true;
	a = opnd_read(t, &ops[0], R_T0);
	emit_rotr(t->e, R_T2, a, id == X86_INS_ROR ? count : 32 - count);
	opnd_write(t, &ops[0], R_T2);
	return true;
}

/* shld/shrd r/m32, r32, imm with dead flags. */
static bool tr_double_shift(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	unsigned count, a, b;

	if (t->flags_live || t->feeds || ops[0].size != 4 || t->d->op_count != 3 ||
	    ops[2].type != X86_OP_IMM)
		return false;
	count = ops[2].imm & 31;
	if (count == 0)
		return true;
	a = opnd_read(t, &ops[0], R_T0);
	b = opnd_read(t, &ops[1], R_T1);
	if (id == X86_INS_SHLD) {
		emit_sll(e, R_T2, a, count);
		emit_srl(e, R_T3, b, 32 - count);
	} else {
		emit_srl(e, R_T2, a, count);
		emit_sll(e, R_T3, b, 32 - count);
	}
	emit_or(e, R_T2, R_T2, R_T3);
	opnd_write(t, &ops[0], R_T2);
	return true;
}

/* DF lives in cpu->eflags, outside the lazy record. */
static void tr_direction(struct x86_tctx *t, bool set)
{
	struct emit *e = t->e;
	int32_t eflags = (int32_t)offsetof(struct x86_cpu, eflags);

	emit_lw(e, REG_M0, REG_ENV, eflags);
	if (set)
		emit_ori(e, REG_M0, REG_M0, X86_DF);
	else
		emit_ins(e, REG_M0, R_ZERO, 10, 1);	/* DF is bit 10 */
	emit_sw(e, REG_M0, REG_ENV, eflags);
}

bool tr_bits(struct x86_tctx *t)
{
	unsigned id = t->in->id;

	switch (id) {
	case X86_INS_BSWAP:
		if (opnd_dword_reg(&t->d->operands[0]) == NOREG)
			return false;
		tr_bswap(t);
		return true;
	case X86_INS_ROL:
	case X86_INS_ROR:
		return tr_rotate(t, id);
	case X86_INS_SHLD:
	case X86_INS_SHRD:
		return tr_double_shift(t, id);
	case X86_INS_CLD:
	case X86_INS_STD:
		tr_direction(t, id == X86_INS_STD);
		return true;
	}
	return false;
}
