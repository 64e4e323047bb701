/* Interpreted bit instructions: bt/bts/btr/btc (with the memory bit-string
 * addressing), bsf/bsr, bswap.  Ref: Intel SDM Vol. 2, "BT", "BSF", "BSR". */
#include "translator/flags.h"
#include "translator/interp.h"

static int do_bt(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	unsigned size = d->op[0].size, bits = 8 * size;
	uint32_t off = interp_read(cpu, &d->op[1]), v, bit;
	uint32_t f = x86_cc_eflags(cpu) & ~X86_CF;
	struct x86_iop where = d->op[0];

	if (where.type == IOP_MEM && d->op[1].type == IOP_REG) {
		/* A register offset addresses a bit string: signed, any distance. */
		int32_t soff = size == 2 ? (int16_t)off : (int32_t)off;

		where.imm += (int64_t)(soff >> (size == 2 ? 4 : 5)) * size;
	}
	bit = off & (bits - 1);
	v = interp_read(cpu, &where);
	if (v >> bit & 1)
		f |= X86_CF;
	switch (d->id) {
	case X86_INS_BTS:
		interp_write(cpu, &where, v | 1u << bit);
		break;
	case X86_INS_BTR:
		interp_write(cpu, &where, v & ~(1u << bit));
		break;
	case X86_INS_BTC:
		interp_write(cpu, &where, v ^ 1u << bit);
		break;
	}
	x86_cc_set(cpu, f);
	return 0;
}

/* A zero source sets ZF and leaves the destination as it was. */
static int do_bitscan(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint32_t src = interp_read(cpu, &d->op[1]);
	uint32_t f = x86_cc_eflags(cpu) & ~X86_ZF;
	unsigned i;

	if (src == 0) {
		x86_cc_set(cpu, f | X86_ZF);
		return 0;
	}
	if (d->id == X86_INS_BSF)
		for (i = 0; !(src >> i & 1); i++)
			;
	else
		for (i = 31; !(src >> i & 1); i--)
			;
	interp_write(cpu, &d->op[0], i);
	x86_cc_set(cpu, f);
	return 0;
}

static int do_bswap(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint32_t v = interp_read(cpu, &d->op[0]);

	v = v >> 24 | (v >> 8 & 0xff00) | (v << 8 & 0xff0000) | v << 24;
	interp_write(cpu, &d->op[0], v);
	return 0;
}

int interp_bits(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	switch (d->id) {
	case X86_INS_BT: case X86_INS_BTS: case X86_INS_BTR: case X86_INS_BTC:
		return do_bt(cpu, d);
	case X86_INS_BSF: case X86_INS_BSR:
		return do_bitscan(cpu, d);
	case X86_INS_BSWAP:
		return do_bswap(cpu, d);
	}
	return -1;
}
