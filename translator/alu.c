/* Inline integer arithmetic: the two-operand ALU group, inc/dec/neg/not,
 * shifts by immediate or cl, imul with two or three operands, setcc, cmovcc.
 * Operands come zero-extended below dword size; flags go to the lazy record. */
#include "translator/flags.h"
#include "translator/translate.h"

static unsigned cond_nibble(const struct x86_tctx *t)
{
	const uint8_t *op = t->d->opcode;

	return (op[0] == 0x0f ? op[1] : op[0]) & 0xf;
}

/* Immediate forms that need no register for the immediate: logic ops with a
 * 16-bit unsigned one (flags need only the result), and add/sub whose flags
 * are dead.  A dword register destination is computed in place. */
static bool tr_binop_imm(struct x86_tctx *t, unsigned id, unsigned a)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	unsigned size = ops[0].size, r = opnd_dword_reg(&ops[0]);
	int64_t imm = ops[1].imm & cc_mask(size);
	bool written = false;

	if (ops[1].type != X86_OP_IMM)
		return false;
	if (size == 4)
		imm = (int32_t)imm;
	if (r == NOREG || id == X86_INS_TEST)
		r = R_T2;
	switch (id) {
	case X86_INS_AND:
	case X86_INS_TEST:
	case X86_INS_OR:
	case X86_INS_XOR:
		if (imm < 0 || imm > 0xffff)
			return false;
		if (id == X86_INS_OR)
			emit_ori(e, r, a, imm);
		else if (id == X86_INS_XOR)
			emit_xori(e, r, a, imm);
		else
			emit_andi(e, r, a, imm);
		written = id != X86_INS_TEST && opnd_write_if_mem(t, &ops[0], r);
		cc_set(t, CC_LOGIC, size, r, NOREG, NOREG, NOREG);
		break;
	case X86_INS_ADD:
	case X86_INS_SUB:
		if (t->flags_live || t->feeds || imm < -32767 || imm > 32767)
			return false;
		emit_addiu(e, r, a, id == X86_INS_ADD ? (int32_t)imm : -(int32_t)imm);
		break;
	default:
		return false;
	}
	if (id != X86_INS_TEST && !written)
		opnd_write(t, &ops[0], r);
	return true;
}

/* add sub adc sbb and or xor cmp test. */
static bool tr_binop(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	unsigned size = ops[0].size, a, b, r = R_T2, cin = NOREG, kind;
	bool written;

	if (t->d->op_count != 2)
		return false;
	if (!t->flags_live && !t->feeds && opnd_dword_reg(&ops[0]) != NOREG &&
	    id != X86_INS_CMP && id != X86_INS_TEST)
		r = opnd_dword_reg(&ops[0]);	/* no record needs the old value */
	if (id == X86_INS_ADC || id == X86_INS_SBB) {
		cin = R_T3;
		cc_get_cf(t, cin);	/* first: it may call C */
	}
	a = opnd_read(t, &ops[0], R_T0);
	if (tr_binop_imm(t, id, a))
		return true;
	b = opnd_read(t, &ops[1], R_T1);
	switch (id) {
	case X86_INS_ADD:
	case X86_INS_ADC:
		emit_addu(e, r, a, b);
		if (cin != NOREG)
			emit_addu(e, r, r, cin);
		kind = id == X86_INS_ADD ? CC_ADD : CC_ADC;
		break;
	case X86_INS_SUB:
	case X86_INS_SBB:
	case X86_INS_CMP:
		if (id != X86_INS_CMP || t->flags_live || t->needs_result)
			emit_subu(e, r, a, b);	/* else only a and b are ever read */
		if (cin != NOREG)
			emit_subu(e, r, r, cin);
		kind = id == X86_INS_SBB ? CC_SBB : CC_SUB;
		break;
	case X86_INS_AND:
	case X86_INS_TEST:
		emit_and(e, r, a, b);
		kind = CC_LOGIC;
		break;
	case X86_INS_OR:
		emit_or(e, r, a, b);
		kind = CC_LOGIC;
		break;
	default:
		emit_xor(e, r, a, b);
		kind = CC_LOGIC;
		break;
	}
	written = id == X86_INS_CMP || id == X86_INS_TEST || opnd_write_if_mem(t, &ops[0], r);
	if (kind == CC_LOGIC)
		cc_set(t, kind, size, r, NOREG, NOREG, NOREG);
	else
		cc_set(t, kind, size, r, a, b, cin);
	if (!written)
		opnd_write(t, &ops[0], r);
	return true;
}

static bool tr_unop(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	const cs_x86_op *op = &t->d->operands[0];
	unsigned size = op->size, a, r = R_T2;
	bool written = false;

	if (t->d->op_count != 1)
		return false;
	if (opnd_dword_reg(op) != NOREG && (id == X86_INS_NOT || (!t->flags_live && !t->feeds)))
		r = opnd_dword_reg(op);	/* no record needs the old value */
	a = opnd_read(t, op, R_T0);
	switch (id) {
	case X86_INS_INC:
	case X86_INS_DEC:
		emit_addiu(e, r, a, id == X86_INS_INC ? 1 : -1);
		written = opnd_write_if_mem(t, op, r);
		cc_set_incdec(t, id == X86_INS_INC ? CC_INC : CC_DEC, size, r);
		break;
	case X86_INS_NEG:
		emit_subu(e, r, R_ZERO, a);
		written = opnd_write_if_mem(t, op, r);
		cc_set(t, CC_SUB, size, r, R_ZERO, a, NOREG);
		break;
	default:
		emit_nor(e, r, a, R_ZERO);
		break;
	}
	if (!written)
		opnd_write(t, op, r);
	return true;
}

/* r = a shifted by count register; src1 = a shifted by count - 1. */
static void emit_shift_var(struct emit *e, unsigned id, unsigned r, unsigned a, unsigned count)
{
	if (id == X86_INS_SHR)
		emit_srlv(e, r, a, count);
	else if (id == X86_INS_SAR)
		emit_srav(e, r, a, count);
	else
		emit_sllv(e, r, a, count);
}

static void emit_shift_imm(struct emit *e, unsigned id, unsigned r, unsigned a, unsigned count)
{
	if (id == X86_INS_SHR)
		emit_srl(e, r, a, count);
	else if (id == X86_INS_SAR)
		emit_sra(e, r, a, count);
	else
		emit_sll(e, r, a, count);
}

/* A byte or word operand for sar, sign-extended into t0. */
static unsigned sar_operand(struct emit *e, unsigned a, unsigned size)
{
	emit_ext(e, R_T0, a, 0, 8 * size);
	if (size == 1)
		emit_seb(e, R_T0, R_T0);
	else
		emit_seh(e, R_T0, R_T0);
	return R_T0;
}

/* Shift by a nonzero constant; the record's src1 (the operand shifted by
 * count - 1) only when someone needs the flags. */
static bool tr_shift_imm(struct x86_tctx *t, unsigned id, unsigned count)
{
	struct emit *e = t->e;
	const cs_x86_op *op = &t->d->operands[0];
	unsigned size = op->size, r = R_T2, a, kind;
	bool record = t->flags_live || t->feeds, written = false;

	if (!record && opnd_dword_reg(op) != NOREG)
		r = opnd_dword_reg(op);
	a = opnd_read(t, op, R_T0);
	if (id == X86_INS_SAR && size < 4)
		a = sar_operand(e, a, size);
	emit_shift_imm(e, id, r, a, count);
	if (record) {
		emit_shift_imm(e, id, R_T1, a, count - 1);
		written = opnd_write_if_mem(t, op, r);
		kind = id == X86_INS_SHR ? CC_SHR : id == X86_INS_SAR ? CC_SAR : CC_SHL;
		cc_set(t, kind, size, r, R_T1, NOREG, NOREG);
	}
	if (!written)
		opnd_write(t, op, r);
	return true;
}

/* shl/sal/shr/sar.  A zero count changes nothing, flags included. */
static bool tr_shift(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	unsigned size = ops[0].size, a, count = R_T3, kind;
	uint32_t *skip;
	bool written, by_cl = t->d->op_count == 2 && ops[1].type == X86_OP_REG;

	if (t->d->op_count == 2 && !by_cl && (ops[1].imm & 31) == 0)
		return true;
	if (!by_cl)
		return tr_shift_imm(t, id, t->d->op_count == 2 ? ops[1].imm & 31 : 1);
	emit_andi(e, count, REG_GUEST(X86_ECX), 31);
	skip = emit_here(e);
	emit_beqz(e, count, NULL);
	emit_nop(e);	/* delay slot */
	a = opnd_read(t, &ops[0], R_T0);
	if (id == X86_INS_SAR && size < 4)
		a = sar_operand(e, a, size);
	emit_shift_var(e, id, R_T2, a, count);
	emit_addiu(e, R_T1, count, -1);
	emit_shift_var(e, id, R_T1, a, R_T1);
	kind = id == X86_INS_SHR ? CC_SHR : id == X86_INS_SAR ? CC_SAR : CC_SHL;
	written = opnd_write_if_mem(t, &ops[0], R_T2);
	cc_set(t, kind, size, R_T2, R_T1, NOREG, NOREG);
	if (!written)
		opnd_write(t, &ops[0], R_T2);
	emit_patch_branch(e, skip, emit_here(e));
	cc_forget(t);	/* the record may or may not have been made */
	return true;
}

/* imul r, r/m [, imm]: the exact product, then CF = OF = it does not fit. */
static bool tr_imul(struct x86_tctx *t)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	unsigned size = ops[0].size, a, b;

	if (t->d->op_count < 2 || size == 1)
		return false;
	a = opnd_read(t, &ops[1], R_T0);
	b = opnd_read(t, &ops[t->d->op_count == 3 ? 2 : 0], R_T1);
	if (size == 2) {
		emit_seh(e, R_T0, a);
		emit_seh(e, R_T1, b);
		a = R_T0;
		b = R_T1;
	}
	emit_dmult(e, a, b);
	emit_mflo(e, R_T2);		/* t2 = full product */
	if (size == 2)
		emit_seh(e, R_T3, R_T2);
	else
		emit_sll(e, R_T3, R_T2, 0);	/* t3 = low part, sign-extended */
	emit_xor(e, R_T1, R_T2, R_T3);
	emit_sltu(e, R_T1, R_ZERO, R_T1);	/* t1 = high part significant */
	cc_set(t, CC_MUL, size, R_T3, R_T1, NOREG, NOREG);
	opnd_write(t, &ops[0], R_T3);
	return true;
}

static bool is_setcc(const struct x86_tctx *t)
{
	return t->d->opcode[0] == 0x0f && (t->d->opcode[1] & 0xf0) == 0x90;
}

static bool is_cmovcc(const struct x86_tctx *t)
{
	return t->d->opcode[0] == 0x0f && (t->d->opcode[1] & 0xf0) == 0x40;
}

static void tr_setcc(struct x86_tctx *t)
{
	cc_cond(t, cond_nibble(t), R_T0);
	opnd_write(t, &t->d->operands[0], R_T0);
}

/* The source is read whatever the condition, as on hardware. */
static void tr_cmovcc(struct x86_tctx *t)
{
	struct emit *e = t->e;
	unsigned v;
	uint32_t *skip;

	cc_cond(t, cond_nibble(t), R_T0);
	v = opnd_read(t, &t->d->operands[1], R_T1);
	skip = emit_here(e);
	emit_beqz(e, R_T0, NULL);
	emit_nop(e);	/* delay slot */
	opnd_write(t, &t->d->operands[0], v);
	emit_patch_branch(e, skip, emit_here(e));
}

bool tr_alu(struct x86_tctx *t)
{
	unsigned id = t->in->id;

	switch (id) {
	case X86_INS_ADD: case X86_INS_ADC: case X86_INS_SUB: case X86_INS_SBB:
	case X86_INS_AND: case X86_INS_OR: case X86_INS_XOR: case X86_INS_CMP:
	case X86_INS_TEST:
		return tr_binop(t, id);
	case X86_INS_INC: case X86_INS_DEC: case X86_INS_NEG: case X86_INS_NOT:
		return tr_unop(t, id);
	case X86_INS_SHL: case X86_INS_SAL: case X86_INS_SHR: case X86_INS_SAR:
		return tr_shift(t, id);
	case X86_INS_IMUL:
		return tr_imul(t);
	}
	if (is_setcc(t)) {
		tr_setcc(t);
		return true;
	}
	if (is_cmovcc(t)) {
		tr_cmovcc(t);
		return true;
	}
	return false;
}
