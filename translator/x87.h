/* The x87 FPU's architectural state and the interpreter family that runs
 * its instructions (D8-DF, fwait).  Arithmetic is in x87_float.h. */
#ifndef MIMIC_TRANSLATOR_X87_H
#define MIMIC_TRANSLATOR_X87_H

#include <stdbool.h>
#include <stdint.h>

#include "translator/x87_float.h"

struct x87_state {
	struct x87_f80 r[8];	/* physical registers R0..R7; ST(i) is R[(TOP + i) & 7] */
	uint16_t cw;		/* control word */
	uint16_t sw;		/* status word, TOP included */
	uint8_t empty;		/* bit i: R[i] is empty (tag 11) */
	uint16_t fop;		/* last non-control instruction: opcode bits 10..0 */
	uint32_t fip, fdp;	/* its offset and its memory operand's offset */
	uint16_t fcs, fds;	/* and their selectors */
};

/* The state FNINIT leaves, and the one after RESET (control word 0x0040,
 * every register +0.0). */
void x87_init(struct x87_state *s);
void x87_reset(struct x87_state *s);

/* A loaded control word as the x87 keeps it: bit 6 set, 7 and 13-15 clear. */
uint16_t x87_control_word(uint32_t v);

/* The full tag word (valid 00, zero 01, special 10, empty 11 per R[i]). */
uint16_t x87_tag_word(const struct x87_state *s);

struct x86_cpu;
struct x86_idesc;

/* Whether capstone's instruction id is one the x87 family runs. */
bool x87_handles(unsigned id);

/* FNSTENV/FLDENV images (14 or 28 bytes) at linear address addr, in the
 * real-mode or protected-mode layout; FNSAVE/FRSTOR add the registers. */
void x87_store_env(struct x86_cpu *cpu, uint32_t addr, bool size32);
void x87_load_env(struct x86_cpu *cpu, uint32_t addr, bool size32);
void x87_save(struct x86_cpu *cpu, uint32_t addr, bool size32);
void x87_restore(struct x86_cpu *cpu, uint32_t addr, bool size32);

#endif
