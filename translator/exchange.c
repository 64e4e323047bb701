/* Inline dword xadd and cmpxchg (the lock prefix changes nothing on one CPU).
 * Narrower forms and cmpxchg8b stay with the interpreter. */
#include "translator/flags.h"
#include "translator/translate.h"

#define EAX REG_GUEST(X86_EAX)

/* dst, src = dst + src, dst: a memory sum is stored first (it may fault),
 * a register one written last, so xadd r, r doubles; the record last. */
static void tr_xadd(struct x86_tctx *t)
{
	const cs_x86_op *ops = t->d->operands;
	unsigned a = opnd_read(t, &ops[0], R_T0), b = opnd_read(t, &ops[1], R_T1);
	bool written;

	emit_addu(t->e, R_T2, a, b);
	emit_move(t->e, R_T3, a);
	emit_move(t->e, R_T1, b);
	written = opnd_write_if_mem(t, &ops[0], R_T2);
	opnd_write(t, &ops[1], R_T3);
	if (!written)
		opnd_write(t, &ops[0], R_T2);
	cc_set(t, CC_ADD, 4, R_T2, R_T3, R_T1, NOREG);
}

/* Flags as cmp eax, dst; equal: dst = src, else dst is written back with
 * its own value (a read-only destination faults either way) and eax = dst.
 * Stores before eax and the record; T0, T2 and T3 survive both paths for
 * the record. */
static void tr_cmpxchg(struct x86_tctx *t)
{
	struct emit *e = t->e;
	const cs_x86_op *ops = t->d->operands;
	unsigned a = opnd_read(t, &ops[0], R_T0), src;
	uint32_t *differ, *done;

	emit_move(e, R_T0, a);		/* t0 = dst */
	emit_move(e, R_T3, EAX);	/* t3 = eax before */
	emit_subu(e, R_T2, R_T3, R_T0);
	differ = emit_here(e);
	emit_bnez(e, R_T2, NULL);
	emit_nop(e);	/* delay slot */
	src = opnd_read(t, &ops[1], R_T1);
	opnd_write(t, &ops[0], src);
	done = emit_here(e);
	emit_b(e, NULL);
	emit_nop(e);	/* delay slot */
	emit_patch_branch(e, differ, emit_here(e));
	opnd_write_if_mem(t, &ops[0], R_T0);
	emit_move(e, EAX, R_T0);
	emit_patch_branch(e, done, emit_here(e));
	cc_set(t, CC_SUB, 4, R_T2, R_T3, R_T0, NOREG);	/* after the store, which may fault */
}

bool tr_exchange(struct x86_tctx *t)
{
	if (t->d->op_count != 2 || t->d->operands[0].size != 4)
		return false;
	if (t->in->id == X86_INS_XADD) {
		tr_xadd(t);
		return true;
	}
	if (t->in->id == X86_INS_CMPXCHG) {
		tr_cmpxchg(t);
		return true;
	}
	return false;
}
