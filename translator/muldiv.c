/* Inline one-operand dword mul/imul (edx:eax = eax * src) and div/idiv
 * (eax, edx = edx:eax / src, remainder), with #DE for a zero divisor or a
 * quotient that does not fit.  Narrower forms go to the interpreter. */
#include "translator/flags.h"
#include "translator/translate.h"

#define EAX REG_GUEST(X86_EAX)
#define EDX REG_GUEST(X86_EDX)

/* mult/multu of sign-extended dwords leave hi and lo sign-extended too. */
static void tr_mul(struct x86_tctx *t, bool sign)
{
	struct emit *e = t->e;
	unsigned b = opnd_read(t, &t->d->operands[0], R_T1);

	if (sign)
		emit_mult(e, EAX, b);
	else
		emit_multu(e, EAX, b);
	emit_mflo(e, EAX);
	emit_mfhi(e, EDX);
	if (sign) {
		emit_sra(e, R_T2, EAX, 31);
		emit_xor(e, R_T2, R_T2, EDX);	/* t2 = edx is not just eax's sign */
	} else {
		emit_move(e, R_T2, EDX);
	}
	emit_sltu(e, R_T2, R_ZERO, R_T2);
	cc_set(t, CC_MUL, 4, EAX, R_T2, NOREG, NOREG);
}

/* The 64-bit dividend edx:eax in t0; the divisor, extended, in t1. */
static void tr_div(struct x86_tctx *t, bool sign)
{
	struct emit *e = t->e;
	unsigned b = opnd_read(t, &t->d->operands[0], R_T1);
	uint32_t *zero, *big, *done;

	if (sign)
		emit_move(e, R_T1, b);
	else
		emit_dext(e, R_T1, b, 0, 32);
	zero = emit_here(e);
	emit_beqz(e, R_T1, NULL);
	emit_dsll32(e, R_T0, EDX, 0);	/* delay slot */
	emit_dext(e, R_T2, EAX, 0, 32);
	emit_or(e, R_T0, R_T0, R_T2);
	if (sign)
		emit_ddiv(e, R_T0, R_T1);
	else
		emit_ddivu(e, R_T0, R_T1);
	emit_mflo(e, R_T2);		/* t2 = quotient */
	emit_mfhi(e, R_T3);		/* t3 = remainder */
	if (sign) {
		/* a -1 divisor: the quotient is -dividend (ddiv may not say) */
		emit_addiu(e, REG_M0, R_T1, 1);
		emit_dsubu(e, REG_M1, R_ZERO, R_T0);
		emit_movz(e, R_T2, REG_M1, REG_M0);	/* t2 = -t0 if t1 == -1 */
		emit_movz(e, R_T3, R_ZERO, REG_M0);
		emit_sll(e, REG_M0, R_T2, 0);
		big = emit_here(e);
		emit_bne(e, REG_M0, R_T2, NULL);	/* quotient not a dword */
		emit_nop(e);	/* delay slot */
	} else {
		emit_dsrl32(e, REG_M0, R_T2, 0);
		big = emit_here(e);
		emit_bnez(e, REG_M0, NULL);
		emit_nop(e);	/* delay slot */
	}
	emit_sll(e, EAX, R_T2, 0);
	emit_sll(e, EDX, R_T3, 0);
	done = emit_here(e);
	emit_b(e, NULL);
	emit_nop(e);	/* delay slot */
	emit_patch_branch(e, zero, emit_here(e));
	emit_patch_branch(e, big, emit_here(e));
	tr_raise(t, 0, X86_NO_ERROR);	/* #DE */
	emit_patch_branch(e, done, emit_here(e));
}

bool tr_muldiv(struct x86_tctx *t)
{
	unsigned id = t->in->id;

	if (t->d->op_count != 1 || t->d->operands[0].size != 4)
		return false;
	switch (id) {
	case X86_INS_MUL:
	case X86_INS_IMUL:
		tr_mul(t, id == X86_INS_IMUL);
		return true;
	case X86_INS_DIV:
	case X86_INS_IDIV:
		tr_div(t, id == X86_INS_IDIV);
		return true;
	}
	return false;
}
