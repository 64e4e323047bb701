/* Lazy arithmetic flags: an operation records its kind, size and operands in
 * cc_*; EFLAGS bits are derived only when something reads them. */
#ifndef MIMIC_TRANSLATOR_FLAGS_H
#define MIMIC_TRANSLATOR_FLAGS_H

#include <stdint.h>

#include "translator/cpu.h"

/* What cc_dst/cc_src1/cc_src2/cc_aux hold, per kind:
 *   EFLAGS  src1 = the flags themselves
 *   ADD SUB dst = result, src1 = a, src2 = b
 *   ADC SBB as ADD/SUB, aux = carry in
 *   LOGIC   dst = result (CF = OF = 0)
 *   INC DEC inc_res = result; dst/src1/src2/aux stay as the op inc_prev
 *           recorded them, because CF is still that op's
 *   SHL SHR SAR  dst = result, src1 = operand shifted by count-1
 *   MUL     dst = low result, src1 = 1 if the high half is significant */
enum x86_cc_kind {
	CC_EFLAGS, CC_ADD, CC_ADC, CC_SUB, CC_SBB, CC_LOGIC, CC_INC, CC_DEC,
	CC_SHL, CC_SHR, CC_SAR, CC_MUL,
};

#define CC_UNKNOWN 0xffffffffu	/* translator: cc_op not known statically */

/* cc_op = kind << 2 | log2(size in bytes). */
static inline uint32_t cc_op_make(enum x86_cc_kind kind, unsigned size)
{
	return (uint32_t)kind << 2 | (size == 4 ? 2 : size == 2 ? 1 : 0);
}

static inline uint32_t cc_mask(unsigned size)
{
	return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static inline uint32_t cc_sign(unsigned size)
{
	return 1u << (8 * size - 1);
}

uint32_t x86_cc_eflags(const struct x86_cpu *cpu);
void x86_cc_record(struct x86_cpu *cpu, enum x86_cc_kind kind, unsigned size,
		   uint32_t dst, uint32_t src1, uint32_t src2, uint32_t aux);
void x86_cc_set(struct x86_cpu *cpu, uint32_t arith);

/* The whole EFLAGS register, and setting it (arithmetic bits go lazy). */
uint32_t x86_get_eflags(const struct x86_cpu *cpu);
void x86_set_eflags(struct x86_cpu *cpu, uint32_t value);

#endif
