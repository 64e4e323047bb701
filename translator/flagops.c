/* Inline flag instructions: clc stc cmc sahf lahf pushf (in v86 mode only
 * with IOPL 3).  Each starts from the arithmetic flags the C helper
 * derives; popf (which may change IF) and cli/sti stay with the
 * interpreter. */
#include <stddef.h>

#include "translator/flags.h"
#include "translator/translate.h"

#define EAX REG_GUEST(X86_EAX)

/* pushf in virtual-8086 mode needs IOPL 3, else #GP(0) (IOPL is not in
 * the TB's key: checked when it runs). */
static void v86_iopl_check(struct x86_tctx *t)
{
	struct emit *e = t->e;
	uint32_t *allowed;

	emit_lw(e, R_T0, REG_ENV, (int32_t)offsetof(struct x86_cpu, eflags));
	emit_andi(e, R_T0, R_T0, X86_IOPL);
	emit_xori(e, R_T0, R_T0, X86_IOPL);	/* t0 = 0 if IOPL is 3 */
	allowed = emit_here(e);
	emit_beqz(e, R_T0, NULL);
	emit_nop(e);	/* delay slot */
	tr_raise(t, 13, 0);
	emit_patch_branch(e, allowed, emit_here(e));
}

bool tr_flagops(struct x86_tctx *t)
{
	struct emit *e = t->e;
	unsigned id = t->in->id;

	switch (id) {
	case X86_INS_CLC: case X86_INS_STC: case X86_INS_CMC: case X86_INS_SAHF:
	case X86_INS_LAHF: case X86_INS_PUSHF: case X86_INS_PUSHFD:
		break;
	default:
		return false;
	}
	if ((id == X86_INS_PUSHF || id == X86_INS_PUSHFD) && (t->flags & X86_HF_VM))
		v86_iopl_check(t);
	tr_call_c(t, X86_HELPER_EFLAGS);	/* v0 = CF PF AF ZF SF OF */
	switch (id) {
	case X86_INS_CLC:
		emit_ins(e, R_V0, R_ZERO, 0, 1);
		break;
	case X86_INS_STC:
		emit_ori(e, R_V0, R_V0, X86_CF);
		break;
	case X86_INS_CMC:
		emit_xori(e, R_V0, R_V0, X86_CF);
		break;
	case X86_INS_SAHF:	/* SF ZF AF PF CF from AH; OF stays */
		emit_ext(e, R_T0, EAX, 8, 8);
		emit_andi(e, R_T0, R_T0, X86_SF | X86_ZF | X86_AF | X86_PF | X86_CF);
		emit_andi(e, R_V0, R_V0, X86_OF);
		emit_or(e, R_V0, R_V0, R_T0);
		break;
	case X86_INS_LAHF:	/* AH = SF ZF 0 AF 0 PF 1 CF */
		emit_andi(e, R_T0, R_V0, X86_SF | X86_ZF | X86_AF | X86_PF | X86_CF);
		emit_ori(e, R_T0, R_T0, 0x2);
		emit_ins(e, EAX, R_T0, 8, 8);
		cc_reg_written(t, EAX);
		return true;
	default:		/* pushf: the rest of EFLAGS, without RF and VM */
		emit_lw(e, R_T0, REG_ENV, (int32_t)offsetof(struct x86_cpu, eflags));
		emit_or(e, R_T0, R_T0, R_V0);
		emit_li32(e, R_T1, 0x00fcffff);
		emit_and(e, R_T0, R_T0, R_T1);
		tr_push(t, R_T0, x86_opsize(t->in, t->code16));
		return true;
	}
	cc_set(t, CC_EFLAGS, 4, NOREG, R_V0, NOREG, NOREG);
	return true;
}
