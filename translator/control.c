/* Control transfer and TB exits: direct exits (chainable), indirect exits
 * through the jump cache, stops, and the jmp/jcc/call/ret/loop family. */
#include <stddef.h>

#include "translator/prot.h"
#include "translator/translate.h"

#define CPU_FIELD(f) ((int32_t)offsetof(struct x86_cpu, f))

static void store_eip_imm(struct x86_tctx *t, uint32_t eip)
{
	emit_li32(t->e, REG_M0, (int32_t)eip);
	emit_sw(t->e, REG_M0, REG_ENV, CPU_FIELD(eip));
}

static void jump_unchained(struct x86_tctx *t)
{
	emit_j(t->e, t->x->stubs.unchained_exit);
	emit_nop(t->e);	/* delay slot */
}

/* A direct exit: a nop pair that chaining turns into `j target`, then the
 * stub that tells the loop which exit was taken (token = link + 1). */
void tr_exit_direct(struct x86_tctx *t, uint32_t target)
{
	struct emit *e = t->e;
	unsigned n = t->exits++;

	if (n >= 2) {
		store_eip_imm(t, target);
		jump_unchained(t);
		return;
	}
	t->tb->jmp_site[n] = emit_here(e);
	emit_nop(e);	/* patched to j <target TB> */
	emit_nop(e);	/* its delay slot */
	store_eip_imm(t, target);
	emit_li32(e, R_V0, (tb_index(t->cpu->tbs, t->tb) << 1 | (int32_t)n) + 1);
	emit_j(e, t->x->stubs.epilogue);
	emit_nop(e);	/* delay slot */
}

/* Probe the jump cache (tag = eip xor the key's id, jumpcache.c) and jump
 * straight to a hit's TB (which stores eip itself if it exits); a miss
 * stores eip and leaves.  A TB of one instruction always goes back to the
 * loop (which traps, or ends a shadow). */
void tr_exit_indirect(struct x86_tctx *t, unsigned reg)
{
	struct emit *e = t->e;
	int32_t jc = CPU_FIELD(jc);
	uint32_t *miss;

	if (t->flags & (X86_HF_SINGLE | X86_HF_SHADOW)) {
		emit_sw(e, reg, REG_ENV, CPU_FIELD(eip));
		jump_unchained(t);
		return;
	}
	emit_andi(e, REG_M0, reg, X86_JC_SIZE - 1);
	emit_dsll(e, REG_M0, REG_M0, 4);
	emit_daddu(e, REG_M0, REG_M0, REG_ENV);	/* m0 = line - jc */
	emit_ld(e, REG_M1, REG_M0, jc + (int32_t)offsetof(struct x86_jc_entry, tag));
	emit_ld(e, REG_M2, REG_ENV, CPU_FIELD(jc_key));
	emit_xor(e, REG_M1, REG_M1, reg);	/* m1 = the line's key << 32 if eip matches */
	miss = emit_here(e);
	emit_bne(e, REG_M1, REG_M2, NULL);
	emit_ld(e, REG_M1, REG_M0, jc + (int32_t)offsetof(struct x86_jc_entry, host));	/* delay slot */
	emit_jr(e, REG_M1);
	emit_nop(e);	/* delay slot */
	emit_patch_branch(e, miss, emit_here(e));
	emit_sw(e, reg, REG_ENV, CPU_FIELD(eip));
	jump_unchained(t);
}

void tr_exit_stop(struct x86_tctx *t, uint32_t eip, enum x86_stop stop)
{
	store_eip_imm(t, eip);
	emit_addiu(t->e, REG_M0, R_ZERO, stop);
	emit_sw(t->e, REG_M0, REG_ENV, CPU_FIELD(stop));
	tr_count_early_exit(t);
	jump_unchained(t);
}

/* Call helper h through sync_call (guest registers in memory) with eip at
 * the current instruction: it may raise a fault.  a1..a3 are its arguments. */
static void call_c_precise_at(struct x86_tctx *t, enum x86_helper h, uint32_t eip)
{
	store_eip_imm(t, eip);
	emit_ld(t->e, R_T9, REG_ENV, CPU_FIELD(helper[h]));
	emit_jal(t->e, t->x->stubs.sync_call);
	emit_nop(t->e);	/* delay slot */
}

void tr_call_c_precise(struct x86_tctx *t, enum x86_helper h)
{
	call_c_precise_at(t, h, t->eip);
}

/* A guest exception at the instruction at eip (x86_raise: never returns). */
void tr_raise_at(struct x86_tctx *t, uint32_t eip, unsigned vector, uint32_t error)
{
	emit_addiu(t->e, R_A1, R_ZERO, vector);
	emit_li32(t->e, R_A2, (int32_t)error);
	call_c_precise_at(t, X86_HELPER_RAISE, eip);
}

void tr_raise(struct x86_tctx *t, unsigned vector, uint32_t error)
{
	tr_raise_at(t, t->eip, vector, error);
}

/* An instruction mimic cannot run: reported, and #UD in the guest. */
void tr_unsupported(struct x86_tctx *t)
{
	tr_call_c_precise(t, X86_HELPER_UNSUPPORTED);
	t->ended = true;
}

/* Hand the instruction to the C interpreter, with guest registers synced.
 * It returns nonzero when it set eip itself (a control transfer); after an
 * instruction that may change the mode, the TB ends. */
void tr_call_interp(struct x86_tctx *t)
{
	struct emit *e = t->e;
	struct x86_xlat *x = t->x;
	uint32_t *cont;

	if (x->insn_count == x->insn_max) {
		e->full = true;	/* flush and retranslate, like a full code buffer */
		return;
	}
	x86_idesc_fill(&x->insns[x->insn_count], t->in, t->eip, t->code16);
	emit_li32(e, R_A1, (int32_t)x->insn_count++);
	tr_call_c_precise(t, X86_HELPER_INTERP);
	cont = emit_here(e);
	emit_beqz(e, R_V0, NULL);
	emit_nop(e);	/* delay slot */
	tr_count_early_exit(t);
	jump_unchained(t);
	emit_patch_branch(e, cont, emit_here(e));
	cc_forget(t);
	if (x86_ends_block(x, t->in)) {
		store_eip_imm(t, t->next_eip);
		jump_unchained(t);
		t->ended = true;
	}
}

/* Capstone gives rel targets unwrapped; with a 16-bit operand size the new
 * eip wraps at 64K. */
uint32_t x86_branch_target(const cs_insn *in, bool code16)
{
	uint32_t target = (uint32_t)in->detail->x86.operands[0].imm;

	return x86_opsize(in, code16) == 2 ? target & 0xffff : target;
}

static uint32_t branch_target(const struct x86_tctx *t)
{
	return x86_branch_target(t->in, t->code16);
}

static unsigned cond_of(const struct x86_tctx *t)
{
	const uint8_t *op = t->d->opcode;

	return (op[0] == 0x0f ? op[1] : op[0]) & 0xf;
}

/* Two exits: not taken (exit 0) falls through, taken (exit 1) after it;
 * taken when reg is nonzero, or zero.  A target past CS's limit makes the
 * taken path #GP(0) at the branch. */
static void branch_on(struct x86_tctx *t, unsigned reg, bool if_nonzero, uint32_t target)
{
	uint32_t *taken = emit_here(t->e);

	if (if_nonzero)
		emit_bnez(t->e, reg, NULL);
	else
		emit_beqz(t->e, reg, NULL);
	emit_nop(t->e);	/* delay slot */
	tr_exit_direct(t, t->next_eip);
	emit_patch_branch(t->e, taken, emit_here(t->e));
	if (target > t->x->cs_limit) {
		tr_raise(t, X86_EXC_GP, 0);
		return;
	}
	if (t->exits == 1)
		t->tb->jmp_branch = taken;	/* chaining may send it to the target directly */
	tr_exit_direct(t, target);
}

static bool is_jcc(unsigned id)
{
	switch (id) {
	case X86_INS_JO: case X86_INS_JNO: case X86_INS_JB: case X86_INS_JAE:
	case X86_INS_JE: case X86_INS_JNE: case X86_INS_JBE: case X86_INS_JA:
	case X86_INS_JS: case X86_INS_JNS: case X86_INS_JP: case X86_INS_JNP:
	case X86_INS_JL: case X86_INS_JGE: case X86_INS_JLE: case X86_INS_JG:
		return true;
	}
	return false;
}

/* A rel branch's target past CS's limit (in the TB's key): taken, the
 * branch raises #GP(0) itself.  (The flags a fused jcc reads are stored
 * anyway: liveness finds nothing to decode at such a target.) */
static bool target_past_limit(const struct x86_tctx *t)
{
	return branch_target(t) > t->x->cs_limit;
}

/* A near transfer to reg (sign-extended, or a 16-bit value) past CS's
 * limit raises #GP(0) at the branch, out of line, before it changes
 * anything.  The limit is part of the TB's key: a target that cannot pass
 * it (flat code) costs nothing.  Uses m0, m1. */
static void check_indirect_target(struct x86_tctx *t, unsigned reg, bool o16)
{
	struct emit *e = t->e;
	uint32_t *past;

	if (t->x->cs_limit >= (o16 ? 0xffffu : 0xffffffffu))
		return;
	emit_li32(e, REG_M1, (int32_t)t->x->cs_limit);
	emit_sltu(e, REG_M0, REG_M1, reg);	/* both sign-extended: an unsigned 32-bit compare */
	past = emit_here(e);
	emit_bnez(e, REG_M0, NULL);
	emit_nop(e);	/* delay slot */
	mem_fault_out_of_line(t, past, X86_EXC_GP);
}

/* loop/loope/loopne count in ecx, or in cx with the 0x67 prefix.  When
 * the target is past CS's limit, the count goes to t2 and reaches ecx only
 * if the loop ends: taken, it is #GP(0) at the loop with ecx unchanged. */
static void tr_loop(struct x86_tctx *t, unsigned id)
{
	struct emit *e = t->e;
	unsigned ecx = REG_GUEST(X86_ECX);
	bool past = target_past_limit(t);
	unsigned count = past ? R_T2 : ecx;
	uint32_t *taken;

	if (id != X86_INS_LOOP)
		cc_cond(t, id == X86_INS_LOOPE ? 4 : 5, R_T0);	/* ZF / !ZF */
	if (t->d->addr_size == 2) {
		emit_addiu(e, R_T1, ecx, -1);
		if (past)
			emit_move(e, count, ecx);
		emit_ins(e, count, R_T1, 0, 16);
		emit_andi(e, R_T1, count, 0xffff);
		emit_sltu(e, R_T1, R_ZERO, R_T1);
	} else {
		emit_addiu(e, count, ecx, -1);
		emit_sltu(e, R_T1, R_ZERO, count);
	}
	if (id != X86_INS_LOOP)
		emit_and(e, R_T1, R_T1, R_T0);
	if (!past) {
		branch_on(t, R_T1, true, branch_target(t));
		return;
	}
	taken = emit_here(e);
	emit_bnez(e, R_T1, NULL);
	emit_nop(e);	/* delay slot */
	emit_move(e, ecx, count);
	tr_exit_direct(t, t->next_eip);
	emit_patch_branch(e, taken, emit_here(e));
	tr_raise(t, X86_EXC_GP, 0);
}

bool tr_control(struct x86_tctx *t)
{
	struct emit *e = t->e;
	const cs_x86_op *op = &t->d->operands[0];
	unsigned id = t->in->id, v;
	bool o16 = x86_opsize(t->in, t->code16) == 2;	/* 16-bit eip and return address */
	unsigned ra_size = o16 ? 2 : 4;
	uint32_t ret_addr = o16 ? t->next_eip & 0xffff : t->next_eip;

	if (is_jcc(id)) {
		bool if_nonzero;
		unsigned r = cc_branch(t, cond_of(t), R_T0, &if_nonzero);

		branch_on(t, r, if_nonzero, branch_target(t));
	} else if ((id == X86_INS_JMP || id == X86_INS_CALL) && op->type == X86_OP_IMM && target_past_limit(t)) {
		tr_raise(t, X86_EXC_GP, 0);
	} else if (id == X86_INS_JMP && op->type == X86_OP_IMM) {
		tr_exit_direct(t, branch_target(t));
	} else if (id == X86_INS_JMP && t->d->op_count == 1) {
		v = opnd_read(t, op, R_T1);
		check_indirect_target(t, v, o16);
		tr_exit_indirect(t, v);
	} else if (id == X86_INS_CALL && op->type == X86_OP_IMM) {
		emit_li32(e, R_T0, (int32_t)ret_addr);
		tr_push(t, R_T0, ra_size);
		tr_exit_direct(t, branch_target(t));
	} else if (id == X86_INS_CALL && t->d->op_count == 1) {
		v = opnd_read(t, op, R_T1);
		emit_move(e, R_T1, v);
		check_indirect_target(t, R_T1, o16);
		emit_li32(e, R_T0, (int32_t)ret_addr);
		tr_push(t, R_T0, ra_size);
		tr_exit_indirect(t, R_T1);
	} else if (id == X86_INS_RET) {
		tr_pop_load(t, R_T1, ra_size);
		check_indirect_target(t, R_T1, o16);
		tr_sp_add(t, (int32_t)ra_size + (t->d->op_count == 1 ? (int32_t)(op->imm & 0xffff) : 0));
		tr_exit_indirect(t, R_T1);
	} else if (id == X86_INS_LOOP || id == X86_INS_LOOPE || id == X86_INS_LOOPNE) {
		tr_loop(t, id);
	} else if (id == X86_INS_JECXZ || id == X86_INS_JCXZ) {
		if (id == X86_INS_JCXZ) {
			emit_andi(e, R_T0, REG_GUEST(X86_ECX), 0xffff);
			emit_sltiu(e, R_T0, R_T0, 1);
		} else {
			emit_sltiu(e, R_T0, REG_GUEST(X86_ECX), 1);
		}
		branch_on(t, R_T0, true, branch_target(t));
	} else if (id == X86_INS_HLT) {
		if (t->flags & X86_HF_CPL_MASK)
			tr_raise(t, 13, 0);	/* #GP(0) outside ring 0 */
		else
			tr_exit_stop(t, t->next_eip, X86_STOP_HLT);
	} else {
		return false;
	}
	t->ended = true;
	return true;
}
