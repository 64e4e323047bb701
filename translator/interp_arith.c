/* Interpreted arithmetic: one-operand mul/imul, div/idiv (#DE), rotates and
 * rcl/rcr, shld/shrd, the BCD adjusts, xadd, cmpxchg, cmpxchg8b.
 * Ref: Intel SDM Vol. 2 pseudocode of each instruction. */
#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/translate.h"

#define EAX X86_REG_EAX
#define EDX X86_REG_EDX

static uint32_t mask_of(unsigned size)
{
	return cc_mask(size);
}

static int32_t sext(uint32_t v, unsigned size)
{
	return size == 1 ? (int8_t)v : size == 2 ? (int16_t)v : (int32_t)v;
}

/* The accumulator pair for a size: AX for bytes, DX:AX, EDX:EAX. */
static uint64_t acc_wide(struct x86_cpu *cpu, unsigned size)
{
	if (size == 1)
		return cpu->regs[X86_EAX] & 0xffff;
	if (size == 2)
		return (cpu->regs[X86_EDX] & 0xffff) << 16 | (cpu->regs[X86_EAX] & 0xffff);
	return (uint64_t)cpu->regs[X86_EDX] << 32 | cpu->regs[X86_EAX];
}

static void set_acc_pair(struct x86_cpu *cpu, unsigned size, uint32_t lo, uint32_t hi)
{
	if (size == 1) {
		interp_set_reg(cpu, X86_REG_AL, lo);
		interp_set_reg(cpu, X86_REG_AH, hi);
	} else if (size == 2) {
		interp_set_reg(cpu, X86_REG_AX, lo);
		interp_set_reg(cpu, X86_REG_DX, hi);
	} else {
		cpu->regs[X86_EAX] = lo;
		cpu->regs[X86_EDX] = hi;
	}
}

static int do_mul(struct x86_cpu *cpu, const struct x86_idesc *d, bool sign)
{
	unsigned size = d->op[0].size, bits = 8 * size;
	uint32_t src = interp_read(cpu, &d->op[0]), a = cpu->regs[X86_EAX] & mask_of(size);
	uint64_t p;
	bool over;

	if (sign) {
		int64_t sp = (int64_t)sext(a, size) * sext(src, size);

		p = (uint64_t)sp;
		over = sp != sext((uint32_t)sp & mask_of(size), size);
	} else {
		p = (uint64_t)a * src;
		over = (p >> bits) != 0;
	}
	set_acc_pair(cpu, size, (uint32_t)p & mask_of(size), (uint32_t)(p >> bits) & mask_of(size));
	x86_cc_record(cpu, CC_MUL, size, (uint32_t)p, over, 0, 0);
	return 0;
}

static int do_div(struct x86_cpu *cpu, const struct x86_idesc *d, bool sign)
{
	unsigned size = d->op[0].size, bits = 8 * size;
	uint32_t src = interp_read(cpu, &d->op[0]);
	uint64_t n = acc_wide(cpu, size);

	if (src == 0)
		return interp_fault(cpu, d, 0);
	if (sign) {
		int64_t sn = size == 4 ? (int64_t)n : (int64_t)sext((uint32_t)n, 2 * size);
		int64_t sd = sext(src, size), q, r;

		if (sn == INT64_MIN && sd == -1)
			return interp_fault(cpu, d, 0);
		q = sn / sd;
		r = sn % sd;
		if (q > (int64_t)(mask_of(size) >> 1) || q < -(int64_t)(mask_of(size) >> 1) - 1)
			return interp_fault(cpu, d, 0);
		set_acc_pair(cpu, size, (uint32_t)q & mask_of(size), (uint32_t)r & mask_of(size));
	} else {
		uint64_t q = n / src, r = n % src;

		if (q >> bits)
			return interp_fault(cpu, d, 0);
		set_acc_pair(cpu, size, (uint32_t)q, (uint32_t)r);
	}
	return 0;
}

static unsigned count_of(struct x86_cpu *cpu, const struct x86_idesc *d, unsigned i)
{
	return (d->nops > i ? interp_read(cpu, &d->op[i]) : 1) & 31;
}

/* rol ror rcl rcr: only CF and OF change, and only for a nonzero count. */
static int do_rotate(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	unsigned size = d->op[0].size, bits = 8 * size, count = count_of(cpu, d, 1);
	uint32_t m = mask_of(size), sign = cc_sign(size), v = interp_read(cpu, &d->op[0]);
	uint32_t f = x86_cc_eflags(cpu), cf = f & X86_CF, of;

	if (count == 0)
		return 0;
	switch (d->id) {
	case X86_INS_ROL:
		count %= bits;
		v = ((v << count) | (uint32_t)((uint64_t)v >> (bits - count))) & m;
		cf = v & 1;
		of = ((v & sign) != 0) ^ cf;
		break;
	case X86_INS_ROR:
		count %= bits;
		v = ((uint32_t)((uint64_t)v >> count) | (uint32_t)((uint64_t)v << (bits - count))) & m;
		cf = (v & sign) != 0;
		of = ((v >> (bits - 1)) ^ (v >> (bits - 2))) & 1;
		break;
	case X86_INS_RCL:
		if (size < 4)
			count %= bits + 1;
		for (unsigned i = 0; i < count; i++) {
			uint32_t out = (v & sign) != 0;

			v = ((v << 1) | cf) & m;
			cf = out;
		}
		of = ((v & sign) != 0) ^ cf;
		break;
	default:	/* RCR */
		if (size < 4)
			count %= bits + 1;
		of = ((v & sign) != 0) ^ cf;
		for (unsigned i = 0; i < count; i++) {
			uint32_t out = v & 1;

			v = (v >> 1) | (cf ? sign : 0);
			cf = out;
		}
		break;
	}
	interp_write(cpu, &d->op[0], v);
	x86_cc_set(cpu, (f & ~(X86_CF | X86_OF)) | (cf ? X86_CF : 0) | (of ? X86_OF : 0));
	return 0;
}

/* shld/shrd as one shift of the 2*size-bit pair; counts past size are left
 * to what the arithmetic gives (the manual leaves them undefined). */
static int do_double_shift(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	unsigned size = d->op[0].size, bits = 8 * size, count = count_of(cpu, d, 2);
	uint32_t m = mask_of(size), sign = cc_sign(size);
	uint64_t dst = interp_read(cpu, &d->op[0]), src = interp_read(cpu, &d->op[1]);
	uint32_t r, cf, of;

	if (count == 0)
		return 0;
	if (d->id == X86_INS_SHLD) {
		uint64_t pair = dst << bits | src;

		r = (uint32_t)((pair << count) >> bits) & m;
		cf = (uint32_t)(((pair << (count - 1)) >> bits) & sign) != 0;
	} else {
		uint64_t pair = src << bits | dst;

		r = (uint32_t)(pair >> count) & m;
		cf = (uint32_t)(pair >> (count - 1)) & 1;
	}
	of = ((r ^ (uint32_t)dst) & sign) != 0;
	interp_write(cpu, &d->op[0], r);
	x86_cc_record(cpu, CC_LOGIC, size, r, 0, 0, 0);
	x86_cc_set(cpu, x86_cc_eflags(cpu) | (cf ? X86_CF : 0) | (of ? X86_OF : 0));
	return 0;
}

/* Flags from AL as a logic result, then CF and AF forced. */
static void set_bcd_flags(struct x86_cpu *cpu, uint32_t al, bool cf, bool af)
{
	x86_cc_record(cpu, CC_LOGIC, 1, al, 0, 0, 0);
	x86_cc_set(cpu, x86_cc_eflags(cpu) | (cf ? X86_CF : 0) | (af ? X86_AF : 0));
}

static int do_bcd(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint32_t f = x86_cc_eflags(cpu), al = cpu->regs[X86_EAX] & 0xff, old = al;
	uint32_t ax = cpu->regs[X86_EAX] & 0xffff, base;
	bool cf = f & X86_CF, af = f & X86_AF, lo = (al & 0xf) > 9 || af;

	switch (d->id) {
	case X86_INS_DAA:
		af = lo;
		if (lo)
			al += 6;
		cf = old > 0x99 || (f & X86_CF);	/* the first stage's carry is overwritten */
		if (cf)
			al += 0x60;
		interp_set_reg(cpu, X86_REG_AL, al);
		set_bcd_flags(cpu, al & 0xff, cf, af);
		return 0;
	case X86_INS_DAS:
		af = lo;
		cf = false;
		if (lo) {
			cf = (f & X86_CF) || al < 6;
			al -= 6;
		}
		if (old > 0x99 || (f & X86_CF)) {
			al -= 0x60;
			cf = true;
		}
		interp_set_reg(cpu, X86_REG_AL, al);
		set_bcd_flags(cpu, al & 0xff, cf, af);
		return 0;
	case X86_INS_AAA:
	case X86_INS_AAS:
		if (lo)
			ax = d->id == X86_INS_AAA ? ax + 0x106 : ax - 0x106;	/* AL +- 6 carries into AH */
		interp_set_reg(cpu, X86_REG_AX, ax & 0xff0f);
		set_bcd_flags(cpu, ax & 0x0f, lo, lo);
		return 0;
	case X86_INS_AAM:
		base = d->nops ? (uint32_t)d->op[0].imm & 0xff : 10;
		if (base == 0)
			return interp_fault(cpu, d, 0);
		interp_set_reg(cpu, X86_REG_AX, (al / base) << 8 | (al % base));
		set_bcd_flags(cpu, al % base, false, false);
		return 0;
	default:	/* AAD */
		base = d->nops ? (uint32_t)d->op[0].imm & 0xff : 10;
		al = (al + (ax >> 8) * base) & 0xff;
		interp_set_reg(cpu, X86_REG_AX, al);
		set_bcd_flags(cpu, al, false, false);
		return 0;
	}
}

/* cmpxchg8b's two dwords at a: both pages are checked for the write
 * before either half is stored, so a fault leaves memory as it was. */
static void store_qword(struct x86_cpu *cpu, uint32_t a, uint32_t lo, uint32_t hi)
{
	uint32_t phys;

	softmmu_translate(&cpu->mmu, a, SOFTMMU_WRITE, x86_kind_of(cpu->hflags), &phys);
	softmmu_translate(&cpu->mmu, a + 7, SOFTMMU_WRITE, x86_kind_of(cpu->hflags), &phys);
	interp_store(cpu, a, lo, 4);
	interp_store(cpu, a + 4, hi, 4);
}

/* xadd, cmpxchg, cmpxchg8b.  The memory write comes first (it may fault:
 * then no register or flag has changed), then registers, then flags.  A
 * failed compare writes the destination back with its own value, as the
 * processor does. */
static int do_exchange(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	unsigned size = d->op[0].size;
	uint32_t dst = d->id == X86_INS_CMPXCHG8B ? interp_load(cpu, interp_ea_access(cpu, &d->op[0], 8, true), 4)
						 : interp_read(cpu, &d->op[0]);

	if (d->id == X86_INS_XADD) {
		uint32_t src = interp_read(cpu, &d->op[1]), r = (dst + src) & mask_of(size);

		if (d->op[0].type == IOP_MEM)
			interp_write(cpu, &d->op[0], r);
		interp_write(cpu, &d->op[1], dst);
		if (d->op[0].type != IOP_MEM)
			interp_write(cpu, &d->op[0], r);	/* after: xadd r, r doubles */
		x86_cc_record(cpu, CC_ADD, size, r, dst, src, 0);
	} else if (d->id == X86_INS_CMPXCHG) {
		uint32_t acc = cpu->regs[X86_EAX] & mask_of(size);

		if (acc == dst) {
			interp_write(cpu, &d->op[0], interp_read(cpu, &d->op[1]));
		} else {
			interp_write(cpu, &d->op[0], dst);
			interp_set_reg(cpu, size == 1 ? X86_REG_AL : size == 2 ? X86_REG_AX : EAX, dst);
		}
		x86_cc_record(cpu, CC_SUB, size, acc - dst, acc, dst, 0);
	} else {	/* CMPXCHG8B; dst was read as the low dword */
		uint32_t a = interp_ea(cpu, &d->op[0]), hi = interp_load(cpu, a + 4, 4);
		uint32_t f = x86_cc_eflags(cpu) & ~X86_ZF;

		if (dst == cpu->regs[X86_EAX] && hi == cpu->regs[X86_EDX]) {
			store_qword(cpu, a, cpu->regs[X86_EBX], cpu->regs[X86_ECX]);
			f |= X86_ZF;
		} else {
			store_qword(cpu, a, dst, hi);
			cpu->regs[X86_EAX] = dst;
			cpu->regs[X86_EDX] = hi;
		}
		x86_cc_set(cpu, f);
	}
	return 0;
}

int interp_arith(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	switch (d->id) {
	case X86_INS_MUL:
		return do_mul(cpu, d, false);
	case X86_INS_IMUL:
		return d->nops == 1 ? do_mul(cpu, d, true) : -1;
	case X86_INS_DIV:
	case X86_INS_IDIV:
		return do_div(cpu, d, d->id == X86_INS_IDIV);
	case X86_INS_ROL: case X86_INS_ROR: case X86_INS_RCL: case X86_INS_RCR:
		return do_rotate(cpu, d);
	case X86_INS_SHLD: case X86_INS_SHRD:
		return do_double_shift(cpu, d);
	case X86_INS_DAA: case X86_INS_DAS: case X86_INS_AAA: case X86_INS_AAS:
	case X86_INS_AAM: case X86_INS_AAD:
		return do_bcd(cpu, d);
	case X86_INS_XADD: case X86_INS_CMPXCHG: case X86_INS_CMPXCHG8B:
		return do_exchange(cpu, d);
	}
	return -1;
}
