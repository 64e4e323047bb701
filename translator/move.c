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

/* Both values are read before either is written, a memory one first (its
 * store may fault). */
static void tr_xchg(struct x86_tctx *t)
{
	const cs_x86_op *ops = t->d->operands;
	unsigned a = opnd_read(t, &ops[0], R_T0), b = opnd_read(t, &ops[1], R_T1);
	bool second_first = ops[1].type == X86_OP_MEM;

	emit_move(t->e, R_T2, a);
	emit_move(t->e, R_T3, b);
	if (second_first)
		opnd_write(t, &ops[1], R_T2);
	opnd_write(t, &ops[0], R_T3);
	if (!second_first)
		opnd_write(t, &ops[1], R_T2);
}

/* push imm8/imm16/imm32 stores a word or dword of the sign-extended value. */
static bool tr_push_op(struct x86_tctx *t)
{
	const cs_x86_op *op = &t->d->operands[0];
	unsigned opsize = x86_opsize(t->in, t->code16);

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

/* pop r/m: a memory destination is addressed with the incremented esp; the
 * stack pointer changes only once the store has been done. */
static bool tr_pop_op(struct x86_tctx *t)
{
	const cs_x86_op *op = &t->d->operands[0];
	unsigned esp = REG_GUEST(X86_ESP);

	if (!is_gpr_operand(op))
		return false;
	if (op->type != X86_OP_MEM) {
		tr_pop(t, R_T0, op->size);
		opnd_write(t, op, R_T0);
		return true;
	}
	tr_pop_load(t, R_T0, op->size);
	emit_move(t->e, R_T1, esp);
	tr_sp_add(t, (int32_t)op->size);
	opnd_ea(t, op, REG_EA);
	emit_move(t->e, R_T2, esp);
	emit_move(t->e, esp, R_T1);
	opnd_write(t, op, R_T0);
	emit_move(t->e, esp, R_T2);
	return true;
}

/* esp = ebp (sp = bp on a 16-bit stack), then pop ebp, or bp with a 16-bit
 * operand size; the load comes first. */
static void tr_leave(struct x86_tctx *t)
{
	unsigned size = x86_opsize(t->in, t->code16);
	unsigned ebp = REG_GUEST(X86_EBP);

	mem_load(t, size, R_T0, tr_stack_addr(t, ebp, 0, size, false));
	emit_addiu(t->e, R_V1, ebp, (int32_t)size);
	tr_sp_commit(t);
	if (size == 2)
		emit_ins(t->e, ebp, R_T0, 0, 16);
	else
		emit_move(t->e, ebp, R_T0);
}

/* cbw/cwde (0x98) and cwd/cdq (0x99) by the effective operand size: in
 * 16-bit code capstone names them after the 32-bit forms. */
static void tr_extend(struct x86_tctx *t)
{
	struct emit *e = t->e;
	unsigned eax = REG_GUEST(X86_EAX), edx = REG_GUEST(X86_EDX);
	bool o16 = x86_opsize(t->in, t->code16) == 2;

	if (t->d->opcode[0] == 0x98 && o16) {		/* cbw */
		emit_seb(e, R_T0, eax);
		emit_ins(e, eax, R_T0, 0, 16);
	} else if (t->d->opcode[0] == 0x98) {		/* cwde */
		emit_seh(e, eax, eax);
	} else if (o16) {				/* cwd */
		emit_seh(e, R_T0, eax);
		emit_sra(e, R_T0, R_T0, 15);
		emit_ins(e, edx, R_T0, 0, 16);
	} else {					/* cdq */
		emit_sra(e, edx, eax, 31);
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
		tr_extend(t);
		return true;
	case X86_INS_NOP: case X86_INS_PAUSE:	/* a spin-wait hint */
		return true;
	}
	return false;
}
