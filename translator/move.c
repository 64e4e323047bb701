/* Inline data movement: mov, movzx, movsx, lea, xchg, push, pop, leave, the
 * sign extensions cbw/cwde/cwd/cdq, and the nop forms.  No flags change. */
#include "translator/translate.h"

static bool is_gpr_operand(const cs_x86_op *op)
{
	unsigned idx, size, shift;

	return op->type != X86_OP_REG || opnd_gpr(op->reg, &idx, &size, &shift);
}

/* A dword register destination receives an immediate or a load directly. */
static unsigned dest_or_t0(const cs_x86_op *op)
{
	unsigned r = opnd_dword_reg(op);

	return r != NOREG ? r : R_T0;
}

static bool tr_mov(struct x86_tctx *t)
{
	const cs_x86_op *ops = t->d->operands;

	if (!is_gpr_operand(&ops[0]) || !is_gpr_operand(&ops[1]))
		return false;	/* segment, control, debug registers */
	opnd_write(t, &ops[0], opnd_read(t, &ops[1], dest_or_t0(&ops[0])));
	return true;
}

static void tr_movx(struct x86_tctx *t, bool sign)
{
	const cs_x86_op *ops = t->d->operands;
	unsigned tmp = dest_or_t0(&ops[0]), v = opnd_read(t, &ops[1], tmp);

	if (sign) {
		if (ops[1].size == 1)
			emit_seb(t->e, tmp, v);
		else
			emit_seh(t->e, tmp, v);
		v = tmp;
	}
	opnd_write(t, &ops[0], v);
}

static void tr_lea(struct x86_tctx *t)
{
	const cs_x86_op *ops = t->d->operands;
	unsigned tmp = dest_or_t0(&ops[0]);

	opnd_offset(t, &ops[1], tmp);	/* lea ignores the segment */
	opnd_write(t, &ops[0], tmp);
}

/* Both values are read before either is written. */
static void tr_xchg(struct x86_tctx *t)
{
	const cs_x86_op *ops = t->d->operands;
	unsigned a = opnd_read(t, &ops[0], R_T0), b = opnd_read(t, &ops[1], R_T1);

	emit_move(t->e, R_T2, a);
	emit_move(t->e, R_T3, b);
	opnd_write(t, &ops[0], R_T3);
	opnd_write(t, &ops[1], R_T2);
}

/* push imm8/imm16/imm32 stores a word or dword of the sign-extended value. */
static bool tr_push_op(struct x86_tctx *t)
{
	const cs_x86_op *op = &t->d->operands[0];
	unsigned opsize = t->d->prefix[2] == X86_PREFIX_OPSIZE ? 2 : 4;

	if (!is_gpr_operand(op))
		return false;
	if (op->type == X86_OP_IMM) {
		emit_li32(t->e, R_T0, (int32_t)op->imm);
		tr_push(t, R_T0, opsize);
	} else {
		tr_push(t, opnd_read(t, op, R_T0), op->size);
	}
	return true;
}

/* pop r/m: a memory destination is addressed with the incremented esp. */
static bool tr_pop_op(struct x86_tctx *t)
{
	const cs_x86_op *op = &t->d->operands[0];

	if (!is_gpr_operand(op))
		return false;
	tr_pop(t, R_T0, op->size);
	opnd_write(t, op, R_T0);
	return true;
}

/* esp = ebp (32-bit stack), then pop ebp, or bp with the 0x66 prefix. */
static void tr_leave(struct x86_tctx *t)
{
	bool o16 = t->d->prefix[2] == X86_PREFIX_OPSIZE;

	emit_move(t->e, REG_GUEST(X86_ESP), REG_GUEST(X86_EBP));
	tr_pop(t, R_T0, o16 ? 2 : 4);
	if (o16)
		emit_ins(t->e, REG_GUEST(X86_EBP), R_T0, 0, 16);
	else
		emit_move(t->e, REG_GUEST(X86_EBP), R_T0);
}

static void tr_extend(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	unsigned eax = REG_GUEST(X86_EAX), edx = REG_GUEST(X86_EDX);

	switch (id) {
	case X86_INS_CBW:
		emit_seb(e, R_T0, eax);
		emit_ins(e, eax, R_T0, 0, 16);
		break;
	case X86_INS_CWDE:
		emit_seh(e, eax, eax);
		break;
	case X86_INS_CWD:
		emit_seh(e, R_T0, eax);
		emit_sra(e, R_T0, R_T0, 15);
		emit_ins(e, edx, R_T0, 0, 16);
		break;
	default:
		emit_sra(e, edx, eax, 31);
		break;
	}
}

bool tr_move(struct x86_tctx *t)
{
	unsigned id = t->in->id;

	switch (id) {
	case X86_INS_MOV:
		return t->d->op_count == 2 && tr_mov(t);
	case X86_INS_MOVZX:
	case X86_INS_MOVSX:
		tr_movx(t, id == X86_INS_MOVSX);
		return true;
	case X86_INS_LEA:
		tr_lea(t);
		return true;
	case X86_INS_XCHG:
		tr_xchg(t);
		return true;
	case X86_INS_PUSH:
		return tr_push_op(t);
	case X86_INS_POP:
		return tr_pop_op(t);
	case X86_INS_LEAVE:
		tr_leave(t);
		return true;
	case X86_INS_CBW: case X86_INS_CWDE: case X86_INS_CWD: case X86_INS_CDQ:
		tr_extend(t, id);
		return true;
	case X86_INS_NOP:
		return true;
	}
	return false;
}
