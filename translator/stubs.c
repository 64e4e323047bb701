/* Prologue, epilogue and call thunks, generated once per code buffer.  The
 * memory thunks keep every register but m0/m1/ra so that a TLB miss in the
 * middle of an instruction's sequence disturbs nothing, and store the guest
 * registers before calling C, which may unwind to x86_run (a fault). */
#include "translator/stubs.h"

#include <stddef.h>

#include "translator/cpu.h"

#define GREG(i) ((int32_t)offsetof(struct x86_cpu, regs[i]))

/* Saved by the prologue: guest registers' homes, the state register, gp, ra. */
static const unsigned callee_saved[] = {
	R_S0, R_S1, R_S2, R_S3, R_S4, R_S5, R_S6, R_S7, R_S8, R_GP, R_RA,
};
#define ENTRY_FRAME 96

/* Kept by the memory thunks: everything a translation may hold across them. */
static const unsigned thunk_saved[] = {
	R_AT, R_V0, R_V1, R_A0, R_A1, R_A2, R_A3, R_A4, R_A5, R_A6, R_A7,
	R_T0, R_T1, R_T2, R_T3, R_RA,
};
#define THUNK_FRAME 128

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void save_regs(struct emit *e, const unsigned *regs, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		emit_sd(e, regs[i], R_SP, 8 * i);
}

static void load_regs(struct emit *e, const unsigned *regs, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		emit_ld(e, regs[i], R_SP, 8 * i);
}

static void store_guest(struct emit *e)
{
	for (unsigned i = 0; i < 8; i++)
		emit_sw(e, REG_GUEST(i), REG_ENV, GREG(i));
}

static void load_guest(struct emit *e)
{
	for (unsigned i = 0; i < 8; i++)
		emit_lw(e, REG_GUEST(i), REG_ENV, GREG(i));
}

static void emit_helper_addr(struct emit *e, unsigned rt, enum x86_helper h)
{
	emit_ld(e, rt, REG_ENV, (int32_t)offsetof(struct x86_cpu, helper[h]));
}

/* enter(cpu, code): save the C caller's registers, load guest state, jump. */
static void emit_enter(struct x86_stubs *s, struct emit *e)
{
	s->enter = (uint64_t (*)(void *, uint32_t *))(void *)emit_here(e);
	emit_daddiu(e, R_SP, R_SP, -ENTRY_FRAME);
	save_regs(e, callee_saved, N(callee_saved));
	emit_move(e, REG_ENV, R_A0);
	load_guest(e);
	emit_jr(e, R_A1);
	emit_nop(e);	/* delay slot */
}

static void emit_epilogue(struct x86_stubs *s, struct emit *e)
{
	s->unchained_exit = emit_here(e);
	emit_move(e, R_V0, R_ZERO);
	s->epilogue = emit_here(e);
	store_guest(e);
	load_regs(e, callee_saved, N(callee_saved));
	emit_jr(e, R_RA);
	emit_daddiu(e, R_SP, R_SP, ENTRY_FRAME);	/* delay slot */
}

/* The guest registers go to memory too: the access may raise a fault, which
 * unwinds to x86_run with the state in cpu. */
static void emit_mem_thunk(struct emit *e, bool store, unsigned size, enum softmmu_kind kind)
{
	emit_daddiu(e, R_SP, R_SP, -THUNK_FRAME);
	save_regs(e, thunk_saved, N(thunk_saved));
	store_guest(e);
	emit_move(e, R_A0, REG_ENV);
	emit_move(e, R_A1, REG_M0);
	if (store) {
		emit_move(e, R_A2, REG_M1);
		emit_addiu(e, R_A3, R_ZERO, size);
		emit_addiu(e, R_A4, R_ZERO, kind);
		emit_helper_addr(e, R_T9, X86_HELPER_STORE);
	} else {
		emit_addiu(e, R_A2, R_ZERO, size);
		emit_addiu(e, R_A3, R_ZERO, kind);
		emit_helper_addr(e, R_T9, X86_HELPER_LOAD);
	}
	emit_jalr(e, R_RA, R_T9);
	emit_nop(e);	/* delay slot */
	emit_move(e, REG_M1, R_V0);	/* loads: the value */
	load_regs(e, thunk_saved, N(thunk_saved));
	emit_jr(e, R_RA);
	emit_daddiu(e, R_SP, R_SP, THUNK_FRAME);	/* delay slot */
}

/* sync_call: the C helper sees and may change the guest registers. */
static void emit_sync_call(struct x86_stubs *s, struct emit *e)
{
	s->sync_call = emit_here(e);
	emit_daddiu(e, R_SP, R_SP, -16);
	emit_sd(e, R_RA, R_SP, 0);
	store_guest(e);
	emit_jalr(e, R_RA, R_T9);
	emit_move(e, R_A0, REG_ENV);	/* delay slot */
	load_guest(e);
	emit_ld(e, R_RA, R_SP, 0);
	emit_jr(e, R_RA);
	emit_daddiu(e, R_SP, R_SP, 16);	/* delay slot */
}

bool stubs_emit(struct x86_stubs *s, struct emit *e)
{
	emit_enter(s, e);
	emit_epilogue(s, e);
	for (unsigned k = SOFTMMU_KERNEL; k <= SOFTMMU_USER; k++)
		for (unsigned l = 0; l < 3; l++) {
			s->load[k][l] = emit_here(e);
			emit_mem_thunk(e, false, 1u << l, k);
			s->store[k][l] = emit_here(e);
			emit_mem_thunk(e, true, 1u << l, k);
		}
	emit_sync_call(s, e);
	return !e->full && !e->bad;
}
