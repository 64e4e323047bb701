/* The C interpreter for instructions that are rare or too intricate to be
 * worth inline MIPS: generated code calls it with guest registers in memory. */
#ifndef MIMIC_TRANSLATOR_INTERP_H
#define MIMIC_TRANSLATOR_INTERP_H

#include <stdbool.h>
#include <stdint.h>

#include <capstone/capstone.h>

#include "translator/cpu.h"

enum { IOP_NONE, IOP_REG, IOP_IMM, IOP_MEM };

/* An operand, decoded once at translation time. */
struct x86_iop {
	uint8_t type;		/* IOP_* */
	uint8_t size;
	uint8_t scale;
	uint8_t addr16;		/* IOP_MEM with 16-bit addressing: the offset wraps at 64K */
	uint8_t seg;		/* IOP_MEM: the segment (X86_ES..X86_GS) it is addressed through */
	uint16_t reg;		/* capstone x86_reg for IOP_REG */
	uint16_t base;		/* capstone x86_reg or 0, for IOP_MEM */
	uint16_t index;
	int64_t imm;		/* immediate, or displacement for IOP_MEM */
};

struct x86_idesc {
	uint32_t id;		/* capstone X86_INS_* */
	uint32_t eip;
	uint32_t next_eip;
	uint8_t rep;		/* X86_PREFIX_REP / REPNE or 0 */
	uint8_t addr_size;
	uint8_t opsize;		/* effective operand size: 2 or 4 */
	uint8_t opcode;		/* first opcode byte after any 0x0f */
	uint8_t modrm;
	uint8_t nops;
	struct x86_iop op[4];
};

void x86_idesc_fill(struct x86_idesc *d, const cs_insn *in, uint32_t eip, bool code16);
bool x86_interp_handles(unsigned id);

/* Run one instruction; 0 to carry on, else cpu->stop and cpu->eip are set. */
int x86_interp(struct x86_cpu *cpu, uint64_t index);

/* Operand access shared by the interpreter's files. */
/* The linear address of a memory operand, unchecked (invlpg, or a caller
 * that checks with interp_ea_access). */
uint32_t interp_ea(struct x86_cpu *cpu, const struct x86_iop *op);
/* ... for an access of size bytes there: the segment check first
 * (x86_seg_access).  interp_read and interp_write check the operand. */
uint32_t interp_ea_access(struct x86_cpu *cpu, const struct x86_iop *op, unsigned size, bool write);
uint32_t interp_read(struct x86_cpu *cpu, const struct x86_iop *op);
void interp_write(struct x86_cpu *cpu, const struct x86_iop *op, uint32_t v);
uint32_t interp_reg(struct x86_cpu *cpu, unsigned reg);
void interp_set_reg(struct x86_cpu *cpu, unsigned reg, uint32_t v);
uint32_t interp_load(struct x86_cpu *cpu, uint32_t addr, unsigned size);
void interp_store(struct x86_cpu *cpu, uint32_t addr, uint32_t v, unsigned size);
/* The faults interp_store would raise there, without storing (#AC, #PF):
 * for an instruction that must fault before a side effect (ins). */
void interp_probe_store(struct x86_cpu *cpu, uint32_t addr, unsigned size);
/* A fault (no error code) at the instruction: unwinds to x86_run. */
_Noreturn int interp_fault(struct x86_cpu *cpu, const struct x86_idesc *d, unsigned vector);
/* A segment's base as addresses through it get it: DS, ES and SS add
 * nothing while segments are flat (no X86_HF_ADDSEG). */
uint32_t interp_seg_base(const struct x86_cpu *cpu, unsigned seg);

/* The stack: esp, or sp (upper half kept) on a 16-bit stack (SS.B clear). */
uint32_t interp_sp(const struct x86_cpu *cpu);
void interp_set_sp(struct x86_cpu *cpu, uint32_t sp);
/* The linear address of stack offset sp (wrapped to the stack size), for
 * an access of size bytes there: SS is checked first. */
uint32_t interp_stack_addr(struct x86_cpu *cpu, uint32_t sp, unsigned size, bool write);
/* The stack pointer changes after the access, so a fault leaves it as it was. */
void interp_push(struct x86_cpu *cpu, uint32_t v, unsigned size);
uint32_t interp_pop(struct x86_cpu *cpu, unsigned size);

/* Families (interp_*.c): return -1 when the id is not theirs. */
int interp_arith(struct x86_cpu *cpu, const struct x86_idesc *d);
int interp_bits(struct x86_cpu *cpu, const struct x86_idesc *d);
int interp_string(struct x86_cpu *cpu, const struct x86_idesc *d);
int interp_system(struct x86_cpu *cpu, const struct x86_idesc *d);
int interp_segment(struct x86_cpu *cpu, const struct x86_idesc *d);
int interp_descriptor(struct x86_cpu *cpu, const struct x86_idesc *d);
int interp_control(struct x86_cpu *cpu, const struct x86_idesc *d);
int interp_x87(struct x86_cpu *cpu, const struct x86_idesc *d);

#endif
