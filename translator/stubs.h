/* Fixed code at the start of the code buffer: the prologue that enters a TB,
 * the epilogue every exit reaches, and the call thunks.  Register roles of
 * generated code are defined here too. */
#ifndef MIMIC_TRANSLATOR_STUBS_H
#define MIMIC_TRANSLATOR_STUBS_H

#include <stdint.h>

#include "translator/emit.h"

/* Register roles in generated code.  k0/k1 are never used (the kernel's
 * interrupt handler owns them); sp stays a valid stack. */
#define REG_ENV R_S8	/* struct x86_cpu * */
#define REG_EA  R_AT	/* effective address of the current memory operand */
#define REG_M0  R_T8	/* scratch of the memory fast path and the thunks */
#define REG_M1  R_T9	/* ... also call target and slow-path value */
#define REG_M2  R_RA	/* ... also return address of thunk calls */
#define REG_GUEST(i) (R_S0 + (i))	/* EAX..EDI live in s0..s7 */

struct x86_stubs {
	uint64_t (*enter)(void *cpu, uint32_t *code);	/* returns the exit token */
	uint32_t *epilogue;	/* v0 = exit token (0 or chainable exit + 1) */
	uint32_t *unchained_exit;	/* epilogue with token 0: cpu->eip already set */
	uint32_t *load[2][3];	/* slow paths by TLB kind and log2 size: addr in m0, value out in m1 */
	uint32_t *store[2][3];	/* addr in m0, value in m1; all other registers kept */
	uint32_t *sync_call;	/* call t9(cpu, a1, a2, a3) with guest registers in memory */
};

/* Emit the stubs at e's position; false if they did not fit. */
bool stubs_emit(struct x86_stubs *s, struct emit *e);

#endif
