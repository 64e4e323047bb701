/* Flag liveness: which instructions' flag records must reach memory.  A
 * record is needed by a later reader in the block that cannot take it from
 * the setter's registers (cmp/test + jcc/setcc/cmovcc right after it are
 * fused), or at the block's end unless every successor overwrites the flags
 * first, which we check by decoding the successors' first instructions. */
#include "translator/flags.h"
#include "translator/translate.h"

enum flag_effect { FE_NONE, FE_WRITE, FE_READ, FE_INCDEC };

/* Liveness tracks CF apart from the other five: inc and dec set those and
 * pass CF through. */
#define FL_CF    1u
#define FL_OTHER 2u
#define FL_ALL   (FL_CF | FL_OTHER)

#define LOOKAHEAD 8	/* successor instructions examined */

/* FE_WRITE: sets all six arithmetic flags from scratch (translated inline);
 * FE_INCDEC: sets all but CF; FE_NONE: leaves them alone; anything else may
 * read them, conservatively. */
static enum flag_effect flag_effect(const cs_insn *in)
{
	const cs_x86 *d = &in->detail->x86;

	switch (in->id) {
	case X86_INS_ADD: case X86_INS_SUB: case X86_INS_AND: case X86_INS_OR:
	case X86_INS_XOR: case X86_INS_CMP: case X86_INS_TEST: case X86_INS_NEG:
		return FE_WRITE;
	case X86_INS_INC: case X86_INS_DEC:
		return FE_INCDEC;
	case X86_INS_IMUL: case X86_INS_MUL:
		return d->operands[0].size == 4 || (d->op_count >= 2 && d->operands[0].size > 1) ?
		       FE_WRITE : FE_READ;
	case X86_INS_SHL: case X86_INS_SAL: case X86_INS_SHR: case X86_INS_SAR:
		if (d->op_count == 1)
			return FE_WRITE;
		return d->operands[1].type == X86_OP_IMM && (d->operands[1].imm & 31) ? FE_WRITE : FE_READ;
	case X86_INS_MOV: case X86_INS_MOVZX: case X86_INS_MOVSX: case X86_INS_LEA:
	case X86_INS_PUSH: case X86_INS_POP: case X86_INS_NOP: case X86_INS_NOT:
	case X86_INS_XCHG: case X86_INS_CBW: case X86_INS_CWDE: case X86_INS_CWD:
	case X86_INS_CDQ: case X86_INS_LEAVE:
	case X86_INS_BSWAP: case X86_INS_CLD: case X86_INS_STD:
	case X86_INS_JMP: case X86_INS_CALL: case X86_INS_RET: case X86_INS_JECXZ:
		return FE_NONE;	/* block ends: live_out answers for what follows */
	}
	return FE_READ;
}

/* The kind a full flag writer records; only cmp and test keep their
 * operands' registers intact after the instruction. */
static unsigned writer_kind(const cs_insn *in, bool *keeps_operands)
{
	*keeps_operands = in->id == X86_INS_CMP || in->id == X86_INS_TEST;
	switch (in->id) {
	case X86_INS_ADD: return CC_ADD;
	case X86_INS_SUB: case X86_INS_CMP: case X86_INS_NEG: return CC_SUB;
	case X86_INS_IMUL: case X86_INS_MUL: return CC_MUL;
	case X86_INS_SHL: case X86_INS_SAL: return CC_SHL;
	case X86_INS_SHR: return CC_SHR;
	case X86_INS_SAR: return CC_SAR;
	}
	return CC_LOGIC;
}

/* jcc, setcc, cmovcc: their condition nibble, else -1. */
static int reader_cond(const cs_insn *in)
{
	const uint8_t *op = in->detail->x86.opcode;

	if (op[0] >= 0x70 && op[0] <= 0x7f)
		return op[0] & 0xf;
	if (op[0] == 0x0f && ((op[1] & 0xf0) == 0x80 || (op[1] & 0xf0) == 0x90 || (op[1] & 0xf0) == 0x40))
		return op[1] & 0xf;
	return -1;
}

/* Can the reader take its condition from the setter's registers?  Right
 * after it, if they survive; further on, from the copies the setter makes. */
static bool is_fused(const cs_insn *setter, const cs_insn *reader, bool adjacent)
{
	int cond = reader_cond(reader);
	bool keeps;
	unsigned kind;

	if (cond < 0 || flag_effect(setter) != FE_WRITE)
		return false;
	kind = writer_kind(setter, &keeps);
	return cc_fusable(kind, (unsigned)cond, keeps || !adjacent);
}

/* A comparison's below/less conditions come from its operands alone. */
static bool uses_result(const cs_insn *setter, const cs_insn *reader)
{
	unsigned cond = (unsigned)reader_cond(reader) & ~1u;
	bool keeps;

	return writer_kind(setter, &keeps) != CC_SUB || cond == 0 || cond == 4 || cond == 8;
}

/* The setter of the reader at i when only moves, pushes and pops (which
 * keep a0..a2) stand between them, else -1. */
static int setter_of(struct x86_xlat *x, unsigned i)
{
	for (unsigned j = i; j-- > 0;) {
		enum flag_effect fe = flag_effect(x->slots[j]);

		if (fe == FE_WRITE)
			return is_fused(x->slots[j], x->slots[i], j + 1 == i) ? (int)j : -1;
		if (fe != FE_NONE || x86_ends_block(x, x->slots[j]))
			return -1;
	}
	return -1;
}

static unsigned reads_of(enum flag_effect fe)
{
	return fe == FE_READ ? FL_ALL : 0;
}

static unsigned kills_of(enum flag_effect fe)
{
	return fe == FE_WRITE ? FL_ALL : fe == FE_INCDEC ? FL_OTHER : 0;
}

/* Which flags the code at eip reads before overwriting them.  Only bytes on
 * the linear pages [page_lo, page_hi] are examined; they join the dependency
 * range (linear addresses). */
static unsigned live_in(struct x86_cpu *cpu, struct x86_xlat *x, uint32_t eip,
			uint32_t page_lo, uint32_t page_hi, struct x86_live *live)
{
	unsigned need = 0, killed = 0;
	uint32_t last = page_hi | (SOFTMMU_PAGE_SIZE - 1);

	for (unsigned k = 0; k < LOOKAHEAD && killed != FL_ALL; k++) {
		uint32_t lin = x->cs_base + eip;
		enum flag_effect fe;

		if (lin < page_lo || lin > last || x86_breakpoint_at(cpu, eip))
			break;	/* (at a breakpoint a debugger looks at the flags) */
		if (!x86_decode(cpu, x, eip, x->look) || lin + x->look->size - 1 > last)
			break;
		if (lin < live->dep_lo)
			live->dep_lo = lin;
		if (lin + x->look->size > live->dep_hi)
			live->dep_hi = lin + x->look->size;
		fe = flag_effect(x->look);
		need |= reads_of(fe) & ~killed;
		killed |= kills_of(fe);
		if (fe == FE_READ || x86_ends_block(x, x->look))
			break;
		eip += x->look->size;
		if (x->code16)
			eip &= 0xffff;
	}
	return need | (FL_ALL & ~killed);
}

/* The flags live where the block ends: at its successors. */
static unsigned live_out(struct x86_cpu *cpu, struct x86_xlat *x, unsigned n, struct x86_live *live)
{
	const cs_insn *last = x->slots[n - 1];
	const cs_x86 *d = &last->detail->x86;
	uint32_t next = (uint32_t)last->address + last->size, target;
	uint32_t lo = (x->cs_base + (uint32_t)x->slots[0]->address) & ~(SOFTMMU_PAGE_SIZE - 1);
	uint32_t hi = (x->cs_base + next - 1) & ~(SOFTMMU_PAGE_SIZE - 1);
	bool cond = reader_cond(last) >= 0 || last->id == X86_INS_LOOP ||
		    last->id == X86_INS_LOOPE || last->id == X86_INS_LOOPNE ||
		    last->id == X86_INS_JECXZ || last->id == X86_INS_JCXZ;

	if (x->code16)
		next &= 0xffff;
	if (!x86_ends_block(x, last))
		return live_in(cpu, x, next, lo, hi, live);
	if (d->op_count != 1 || d->operands[0].type != X86_OP_IMM ||
	    (last->id != X86_INS_JMP && last->id != X86_INS_CALL && !cond))
		return FL_ALL;	/* ret, indirect, int, hlt...: anyone may look */
	target = x86_branch_target(last, x->code16);
	return live_in(cpu, x, target, lo, hi, live) | (cond ? live_in(cpu, x, next, lo, hi, live) : 0);
}

/* May the instruction access guest memory (and so fault)? */
static bool touches_memory(const cs_insn *in)
{
	const cs_x86 *d = &in->detail->x86;

	switch (in->id) {
	case X86_INS_PUSH: case X86_INS_POP: case X86_INS_LEAVE: case X86_INS_CALL: case X86_INS_RET:
		return true;
	}
	for (unsigned k = 0; k < d->op_count; k++)
		if (d->operands[k].type == X86_OP_MEM)
			return true;
	return false;
}

/* A fault between a setter and its fused reader (or in the reader) leaves
 * the flags in memory for the handler and the instruction run again: the
 * setter records them there too. */
static bool fault_between(struct x86_xlat *x, unsigned setter, unsigned reader)
{
	for (unsigned k = setter + 1; k <= reader; k++)
		if (touches_memory(x->slots[k]))
			return true;
	return false;
}

void flags_liveness(struct x86_cpu *cpu, struct x86_xlat *x, unsigned n, struct x86_live *live)
{
	bool spill[TB_MAX_INSNS] = { false };
	unsigned alive;

	live->dep_lo = 0xffffffffu;
	live->dep_hi = 0;
	if (n == 0)
		return;
	for (unsigned i = 0; i < n; i++) {
		int j = setter_of(x, i);

		live->fused[i] = j >= 0;
		live->feeds[i] = false;
		live->keep[i] = false;
		live->needs_result[i] = false;
		if (j >= 0) {
			spill[j] |= fault_between(x, (unsigned)j, i);
			live->feeds[j] = true;
			live->keep[j] = (unsigned)j + 1 < i;
			live->needs_result[j] = uses_result(x->slots[j], x->slots[i]);
		}
	}
	/* after one instruction the run may stop: a debugger looks */
	alive = x->single ? FL_ALL : live_out(cpu, x, n, live);
	for (unsigned i = n; i-- > 0;) {
		/* a fused reader takes registers, not the memory record */
		enum flag_effect fe = live->fused[i] ? FE_NONE : flag_effect(x->slots[i]);

		live->live_after[i] = alive != 0 || spill[i];
		alive = (alive & ~kills_of(fe)) | reads_of(fe);
	}
}
