/* Deriving EFLAGS from the lazy cc_* record, for the flags generated code does
 * not compute inline.  Ref: Intel SDM Vol. 2, each instruction's "Flags Affected". */
#include "translator/flags.h"

static uint32_t parity(uint32_t v)
{
	v &= 0xff;
	v ^= v >> 4;
	v ^= v >> 2;
	v ^= v >> 1;
	return (v & 1) ? 0 : X86_PF;
}

static uint32_t bit(int cond, uint32_t flag)
{
	return cond ? flag : 0;
}

/* The flags of one record (op, dst, src1, src2, aux). */
static uint32_t eflags_of(const struct x86_cpu *cpu, uint32_t op, uint32_t dst)
{
	unsigned size = 1u << (op & 3);
	uint32_t mask = cc_mask(size), sign = cc_sign(size);
	uint32_t r = dst & mask, a = cpu->cc_src1 & mask, b = cpu->cc_src2 & mask;
	uint32_t kind = op >> 2;
	uint32_t cin = (kind == CC_ADC || kind == CC_SBB) ? cpu->cc_aux & 1 : 0;	/* aux is only theirs */
	uint32_t f = bit(r == 0, X86_ZF) | bit(r & sign, X86_SF) | parity(r);
	uint32_t af = (a ^ b ^ r) & X86_AF;

	switch ((enum x86_cc_kind)kind) {
	case CC_EFLAGS:
		return cpu->cc_src1 & X86_ARITH;
	case CC_ADD:
	case CC_ADC:
		return f | af | bit((uint64_t)a + b + cin > mask, X86_CF) |
		       bit(~(a ^ b) & (a ^ r) & sign, X86_OF);
	case CC_SUB:
	case CC_SBB:
		return f | af | bit((uint64_t)a < (uint64_t)b + cin, X86_CF) |
		       bit((a ^ b) & (a ^ r) & sign, X86_OF);
	case CC_LOGIC:
		return f;
	case CC_INC:
		return f | bit((r & 0xf) == 0, X86_AF) | bit(r == sign, X86_OF);
	case CC_DEC:
		return f | bit((r & 0xf) == 0xf, X86_AF) | bit(r == sign - 1, X86_OF);
	case CC_SHL:
		return f | bit(a & sign, X86_CF) | bit(((a ^ r) & sign) != 0, X86_OF);
	case CC_SHR:
		return f | bit(a & 1, X86_CF) | bit(a & sign, X86_OF);
	case CC_SAR:
		return f | bit(a & 1, X86_CF);
	case CC_MUL:
		return f | bit(a & 1, X86_CF | X86_OF);
	}
	return f;
}

uint32_t x86_cc_eflags(const struct x86_cpu *cpu)
{
	uint32_t kind = cpu->cc_op >> 2;

	if (kind == CC_INC || kind == CC_DEC)
		return eflags_of(cpu, cpu->cc_op, cpu->cc_inc_res) |
		       (eflags_of(cpu, cpu->cc_inc_prev, cpu->cc_dst) & X86_CF);
	return eflags_of(cpu, cpu->cc_op, cpu->cc_dst);
}

void x86_cc_record(struct x86_cpu *cpu, enum x86_cc_kind kind, unsigned size,
		   uint32_t dst, uint32_t src1, uint32_t src2, uint32_t aux)
{
	cpu->cc_op = cc_op_make(kind, size);
	cpu->cc_dst = dst;
	cpu->cc_src1 = src1;
	cpu->cc_src2 = src2;
	cpu->cc_aux = aux;
}

void x86_cc_set(struct x86_cpu *cpu, uint32_t arith)
{
	x86_cc_record(cpu, CC_EFLAGS, 4, 0, arith & X86_ARITH, 0, 0);
}

uint32_t x86_get_eflags(const struct x86_cpu *cpu)
{
	return (cpu->eflags & ~X86_ARITH) | x86_cc_eflags(cpu) | 0x2;
}

void x86_set_eflags(struct x86_cpu *cpu, uint32_t value)
{
	cpu->eflags = (value & ~X86_ARITH) | 0x2;
	x86_cc_set(cpu, value);
}
