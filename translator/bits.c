/* Inline bit operations: bswap; dword rol/ror/shld/shrd by a constant when
 * nothing reads the flags they would set (else the interpreter runs them);
 * dword bt/bts/btr/btc and bsf/bsr; cld/std. */
#include <stddef.h>

#include "translator/flags.h"
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

/* bt/bts/btr/btc on dwords.  A register bit offset into memory addresses a
 * bit string (the dword at EA + (offset >> 5) * 4).  Only CF changes that
 * is defined (ZF is kept), so live flags start from the derived ones. */
static bool tr_bittest(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	bool flags = t->flags_live || t->feeds;
	unsigned a, n = R_T1;

	if (t->d->op_count != 2 || ops[0].size != 4)
		return false;
	if (flags)
		tr_call_c(t, X86_HELPER_EFLAGS);	/* v0 = the flags, kept by TLB misses */
	if (ops[1].type == X86_OP_IMM) {
		emit_addiu(e, n, R_ZERO, (int32_t)(ops[1].imm & 31));
	} else {
		emit_andi(e, n, opnd_read(t, &ops[1], R_T1), 31);
		if (ops[0].type == X86_OP_MEM) {
			opnd_ea(t, &ops[0], REG_EA);
			emit_sra(e, REG_M0, opnd_read(t, &ops[1], R_T3), 5);
			emit_sll(e, REG_M0, REG_M0, 2);
			emit_addu(e, REG_EA, REG_EA, REG_M0);	/* the dword holding the bit */
		}
	}
	a = opnd_read(t, &ops[0], R_T0);
	emit_srlv(e, R_T2, a, n);
	emit_andi(e, R_T2, R_T2, 1);		/* t2 = the bit */
	if (id != X86_INS_BT) {
		emit_addiu(e, R_T3, R_ZERO, 1);
		emit_sllv(e, R_T3, R_T3, n);	/* t3 = its mask */
		if (id == X86_INS_BTS)
			emit_or(e, R_T3, a, R_T3);
		else if (id == X86_INS_BTC)
			emit_xor(e, R_T3, a, R_T3);
		else {
			emit_nor(e, R_T3, R_T3, R_ZERO);
			emit_and(e, R_T3, a, R_T3);
		}
		opnd_write(t, &ops[0], R_T3);
	}
	if (flags) {
		emit_ins(e, R_V0, R_T2, 0, 1);
		cc_set(t, CC_EFLAGS, 4, NOREG, R_V0, NOREG, NOREG);
	}
	return true;
}

/* bsf/bsr on dwords: a zero source sets ZF and leaves the destination; else
 * ZF is clear.  bsf isolates the lowest set bit (x & -x) for clz. */
static bool tr_bitscan(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	bool flags = t->flags_live || t->feeds;
	unsigned src;
	uint32_t *zero;

	if (t->d->op_count != 2 || ops[0].size != 4)
		return false;
	if (flags)
		tr_call_c(t, X86_HELPER_EFLAGS);
	src = opnd_read(t, &ops[1], R_T1);
	emit_move(e, R_T1, src);
	if (flags) {
		emit_sltiu(e, R_T3, R_T1, 1);
		emit_ins(e, R_V0, R_T3, 6, 1);		/* ZF = source is zero */
		cc_set(t, CC_EFLAGS, 4, NOREG, R_V0, NOREG, NOREG);
	}
	zero = emit_here(e);
	emit_beqz(e, R_T1, NULL);
	emit_nop(e);	/* delay slot */
	if (id == X86_INS_BSF) {
		emit_subu(e, R_T2, R_ZERO, R_T1);
		emit_and(e, R_T1, R_T1, R_T2);	/* t1 = lowest set bit */
	}
	emit_clz(e, R_T2, R_T1);
	emit_addiu(e, R_T3, R_ZERO, 31);
	emit_subu(e, R_T2, R_T3, R_T2);	/* t2 = bit index */
	opnd_write(t, &ops[0], R_T2);
	emit_patch_branch(e, zero, emit_here(e));
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
	case X86_INS_BT: case X86_INS_BTS: case X86_INS_BTR: case X86_INS_BTC:
		return tr_bittest(t, id);
	case X86_INS_BSF: case X86_INS_BSR:
		return tr_bitscan(t, id);
	}
	return false;
}
