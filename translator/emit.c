/* MIPS64r2 code emitter: octal opcode map, format encoders and one function per
 * mnemonic.  Out-of-range operands set `bad` instead of truncating silently.
 * Ref: MIPS64 Architecture For Programmers Vol. II, opcode tables in appendix A. */
#include "translator/emit.h"

/* Major opcodes (bits 31..26). */
enum {
	OP_SPECIAL = 000, OP_REGIMM = 001, OP_J = 002, OP_JAL = 003,
	OP_BEQ = 004, OP_BNE = 005,
	OP_ADDIU = 011, OP_SLTI = 012, OP_SLTIU = 013, OP_ANDI = 014, OP_ORI = 015,
	OP_XORI = 016, OP_LUI = 017, OP_DADDIU = 031, OP_SPECIAL2 = 034, OP_SPECIAL3 = 037,
	OP_LB = 040, OP_LH = 041, OP_LW = 043, OP_LBU = 044, OP_LHU = 045, OP_LWU = 047,
	OP_SB = 050, OP_SH = 051, OP_SW = 053, OP_LD = 067, OP_SD = 077,
};

/* SPECIAL function field (bits 5..0). */
enum {
	FN_SLL = 000, FN_SRL = 002, FN_SRA = 003, FN_SLLV = 004, FN_SRLV = 006, FN_SRAV = 007,
	FN_JR = 010, FN_JALR = 011, FN_MOVZ = 012, FN_MOVN = 013, FN_SYNC = 017,
	FN_MFHI = 020, FN_MFLO = 022, FN_MULT = 030, FN_MULTU = 031,
	FN_DMULT = 034, FN_DMULTU = 035, FN_DDIV = 036, FN_DDIVU = 037,
	FN_ADDU = 041, FN_SUBU = 043, FN_AND = 044, FN_OR = 045, FN_XOR = 046, FN_NOR = 047,
	FN_SLT = 052, FN_SLTU = 053, FN_DADDU = 055, FN_DSUBU = 057,
	FN_DSLL = 070, FN_DSRL = 072, FN_DSLL32 = 074, FN_DSRL32 = 076,
};

/* REGIMM rt field, SPECIAL2 and SPECIAL3 function fields. */
enum { RI_BLTZ = 000, RI_BGEZ = 001 };
enum { FN2_MUL = 002, FN2_CLZ = 040 };
enum { FN3_EXT = 000, FN3_DEXT = 003, FN3_INS = 004, FN3_BSHFL = 040 };
enum { BSHFL_WSBH = 002, BSHFL_SEB = 020, BSHFL_SEH = 030 };

void emit_init(struct emit *e, uint32_t *start, uint32_t *end)
{
	e->start = start;
	e->ptr = start;
	e->end = end;
	e->full = false;
	e->bad = false;
}

void emit_word(struct emit *e, uint32_t w)
{
	if (e->ptr >= e->end) {
		e->full = true;
		return;
	}
	*e->ptr++ = w;
}

uint32_t *emit_here(struct emit *e)
{
	return e->ptr;
}

static bool fits_s16(int64_t v)
{
	return v >= -32768 && v <= 32767;
}

static void check(struct emit *e, bool ok)
{
	if (!ok)
		e->bad = true;
}

void emit_r(struct emit *e, unsigned op, unsigned rs, unsigned rt, unsigned rd,
	    unsigned sa, unsigned funct)
{
	check(e, rs < 32 && rt < 32 && rd < 32 && sa < 32);
	emit_word(e, op << 26 | rs << 21 | rt << 16 | rd << 11 | sa << 6 | funct);
}

void emit_i(struct emit *e, unsigned op, unsigned rs, unsigned rt, int32_t imm)
{
	check(e, fits_s16(imm));
	emit_word(e, op << 26 | rs << 21 | rt << 16 | (imm & 0xffff));
}

void emit_iu(struct emit *e, unsigned op, unsigned rs, unsigned rt, uint32_t imm)
{
	check(e, imm <= 0xffff);
	emit_word(e, op << 26 | rs << 21 | rt << 16 | (imm & 0xffff));
}

/* A branch at `branch` reaching `target`: 16-bit word offset from the delay slot. */
void emit_patch_branch(struct emit *e, uint32_t *branch, uint32_t *target)
{
	int64_t off = target - (branch + 1);

	if (branch >= e->end || branch < e->start)
		return;	/* the branch itself was dropped: buffer full */
	check(e, fits_s16(off));
	*branch = (*branch & 0xffff0000u) | (off & 0xffff);
}

/* j/jal reach only their own 256 MB region (that of the delay slot). */
bool emit_jump_reaches(const uint32_t *at, const void *target)
{
	uintptr_t slot = (uintptr_t)(at + 1), t = (uintptr_t)target;

	return (slot >> 28) == (t >> 28) && (t & 3) == 0;
}

uint32_t emit_j_word(const uint32_t *at, const void *target)
{
	(void)at;
	return OP_J << 26 | (((uintptr_t)target >> 2) & 0x3ffffff);
}

static void emit_branch(struct emit *e, uint32_t word, uint32_t *target)
{
	uint32_t *at = e->ptr;

	emit_word(e, word);
	if (target)
		emit_patch_branch(e, at, target);
}

void emit_addu(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_ADDU); }
void emit_daddu(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_DADDU); }
void emit_subu(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_SUBU); }
void emit_dsubu(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_DSUBU); }
void emit_and(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_AND); }
void emit_or(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_OR); }
void emit_xor(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_XOR); }
void emit_nor(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_NOR); }
void emit_slt(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_SLT); }
void emit_sltu(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_SLTU); }
void emit_movn(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_MOVN); }
void emit_movz(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_MOVZ); }
void emit_mul(struct emit *e, unsigned rd, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL2, rs, rt, rd, 0, FN2_MUL); }
void emit_clz(struct emit *e, unsigned rd, unsigned rs) { emit_r(e, OP_SPECIAL2, rs, rd, rd, 0, FN2_CLZ); }
void emit_mult(struct emit *e, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, 0, 0, FN_MULT); }
void emit_multu(struct emit *e, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, 0, 0, FN_MULTU); }
void emit_ddiv(struct emit *e, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, 0, 0, FN_DDIV); }
void emit_ddivu(struct emit *e, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, 0, 0, FN_DDIVU); }
void emit_dmult(struct emit *e, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, 0, 0, FN_DMULT); }
void emit_dmultu(struct emit *e, unsigned rs, unsigned rt) { emit_r(e, OP_SPECIAL, rs, rt, 0, 0, FN_DMULTU); }
void emit_mflo(struct emit *e, unsigned rd) { emit_r(e, OP_SPECIAL, 0, 0, rd, 0, FN_MFLO); }
void emit_mfhi(struct emit *e, unsigned rd) { emit_r(e, OP_SPECIAL, 0, 0, rd, 0, FN_MFHI); }

void emit_addiu(struct emit *e, unsigned rt, unsigned rs, int32_t imm) { emit_i(e, OP_ADDIU, rs, rt, imm); }
void emit_daddiu(struct emit *e, unsigned rt, unsigned rs, int32_t imm) { emit_i(e, OP_DADDIU, rs, rt, imm); }
void emit_slti(struct emit *e, unsigned rt, unsigned rs, int32_t imm) { emit_i(e, OP_SLTI, rs, rt, imm); }
void emit_sltiu(struct emit *e, unsigned rt, unsigned rs, int32_t imm) { emit_i(e, OP_SLTIU, rs, rt, imm); }
void emit_andi(struct emit *e, unsigned rt, unsigned rs, uint32_t imm) { emit_iu(e, OP_ANDI, rs, rt, imm); }
void emit_ori(struct emit *e, unsigned rt, unsigned rs, uint32_t imm) { emit_iu(e, OP_ORI, rs, rt, imm); }
void emit_xori(struct emit *e, unsigned rt, unsigned rs, uint32_t imm) { emit_iu(e, OP_XORI, rs, rt, imm); }
void emit_lui(struct emit *e, unsigned rt, uint32_t imm) { emit_iu(e, OP_LUI, 0, rt, imm); }

void emit_sll(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 0, rt, rd, sa, FN_SLL); }
void emit_srl(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 0, rt, rd, sa, FN_SRL); }
void emit_sra(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 0, rt, rd, sa, FN_SRA); }
void emit_rotr(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 1, rt, rd, sa, FN_SRL); }
void emit_sllv(struct emit *e, unsigned rd, unsigned rt, unsigned rs) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_SLLV); }
void emit_srlv(struct emit *e, unsigned rd, unsigned rt, unsigned rs) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_SRLV); }
void emit_srav(struct emit *e, unsigned rd, unsigned rt, unsigned rs) { emit_r(e, OP_SPECIAL, rs, rt, rd, 0, FN_SRAV); }
void emit_dsll(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 0, rt, rd, sa, FN_DSLL); }
void emit_dsrl(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 0, rt, rd, sa, FN_DSRL); }
void emit_dsll32(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 0, rt, rd, sa, FN_DSLL32); }
void emit_dsrl32(struct emit *e, unsigned rd, unsigned rt, unsigned sa) { emit_r(e, OP_SPECIAL, 0, rt, rd, sa, FN_DSRL32); }

/* ext/ins/dext put the field's msb (or size-1) in rd and its lsb in sa. */
void emit_ext(struct emit *e, unsigned rt, unsigned rs, unsigned pos, unsigned size)
{
	check(e, size >= 1 && pos + size <= 32);
	emit_r(e, OP_SPECIAL3, rs, rt, (size - 1) & 31, pos & 31, FN3_EXT);
}

void emit_ins(struct emit *e, unsigned rt, unsigned rs, unsigned pos, unsigned size)
{
	check(e, size >= 1 && pos + size <= 32);
	emit_r(e, OP_SPECIAL3, rs, rt, (pos + size - 1) & 31, pos & 31, FN3_INS);
}

void emit_dext(struct emit *e, unsigned rt, unsigned rs, unsigned pos, unsigned size)
{
	check(e, size >= 1 && size <= 32 && pos < 32);
	emit_r(e, OP_SPECIAL3, rs, rt, (size - 1) & 31, pos & 31, FN3_DEXT);
}

void emit_wsbh(struct emit *e, unsigned rd, unsigned rt) { emit_r(e, OP_SPECIAL3, 0, rt, rd, BSHFL_WSBH, FN3_BSHFL); }
void emit_seb(struct emit *e, unsigned rd, unsigned rt) { emit_r(e, OP_SPECIAL3, 0, rt, rd, BSHFL_SEB, FN3_BSHFL); }
void emit_seh(struct emit *e, unsigned rd, unsigned rt) { emit_r(e, OP_SPECIAL3, 0, rt, rd, BSHFL_SEH, FN3_BSHFL); }

void emit_lb(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_LB, base, rt, off); }
void emit_lbu(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_LBU, base, rt, off); }
void emit_lh(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_LH, base, rt, off); }
void emit_lhu(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_LHU, base, rt, off); }
void emit_lw(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_LW, base, rt, off); }
void emit_lwu(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_LWU, base, rt, off); }
void emit_ld(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_LD, base, rt, off); }
void emit_sb(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_SB, base, rt, off); }
void emit_sh(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_SH, base, rt, off); }
void emit_sw(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_SW, base, rt, off); }
void emit_sd(struct emit *e, unsigned rt, unsigned base, int32_t off) { emit_i(e, OP_SD, base, rt, off); }

void emit_beq(struct emit *e, unsigned rs, unsigned rt, uint32_t *target) { emit_branch(e, OP_BEQ << 26 | rs << 21 | rt << 16, target); }
void emit_bne(struct emit *e, unsigned rs, unsigned rt, uint32_t *target) { emit_branch(e, OP_BNE << 26 | rs << 21 | rt << 16, target); }
void emit_bltz(struct emit *e, unsigned rs, uint32_t *target) { emit_branch(e, OP_REGIMM << 26 | rs << 21 | RI_BLTZ << 16, target); }
void emit_bgez(struct emit *e, unsigned rs, uint32_t *target) { emit_branch(e, OP_REGIMM << 26 | rs << 21 | RI_BGEZ << 16, target); }

void emit_j(struct emit *e, const void *target)
{
	check(e, emit_jump_reaches(e->ptr, target));
	emit_word(e, emit_j_word(e->ptr, target));
}

void emit_jal(struct emit *e, const void *target)
{
	check(e, emit_jump_reaches(e->ptr, target));
	emit_word(e, OP_JAL << 26 | (((uintptr_t)target >> 2) & 0x3ffffff));
}

void emit_jr(struct emit *e, unsigned rs) { emit_r(e, OP_SPECIAL, rs, 0, 0, 0, FN_JR); }
void emit_jalr(struct emit *e, unsigned rd, unsigned rs) { emit_r(e, OP_SPECIAL, rs, 0, rd, 0, FN_JALR); }
void emit_sync(struct emit *e) { emit_r(e, OP_SPECIAL, 0, 0, 0, 0, FN_SYNC); }

void emit_nop(struct emit *e) { emit_word(e, 0); }
void emit_move(struct emit *e, unsigned rd, unsigned rs) { emit_or(e, rd, rs, R_ZERO); }
void emit_b(struct emit *e, uint32_t *target) { emit_beq(e, R_ZERO, R_ZERO, target); }
void emit_beqz(struct emit *e, unsigned rs, uint32_t *target) { emit_beq(e, rs, R_ZERO, target); }
void emit_bnez(struct emit *e, unsigned rs, uint32_t *target) { emit_bne(e, rs, R_ZERO, target); }

/* rt = value, sign-extended from 32 bits, in one or two instructions. */
void emit_li32(struct emit *e, unsigned rt, int32_t value)
{
	uint32_t v = (uint32_t)value;

	if (fits_s16(value)) {
		emit_addiu(e, rt, R_ZERO, value);
	} else if (v <= 0xffff) {
		emit_ori(e, rt, R_ZERO, v);
	} else {
		emit_lui(e, rt, v >> 16);
		if (v & 0xffff)
			emit_ori(e, rt, rt, v & 0xffff);
	}
}

/* rt = any 64-bit value: the top half, then 16 bits at a time below it. */
void emit_li64(struct emit *e, unsigned rt, uint64_t value)
{
	if ((uint64_t)(int64_t)(int32_t)value == value) {
		emit_li32(e, rt, (int32_t)value);
		return;
	}
	emit_li32(e, rt, (int32_t)(value >> 32));
	emit_dsll(e, rt, rt, 16);
	emit_ori(e, rt, rt, (value >> 16) & 0xffff);
	emit_dsll(e, rt, rt, 16);
	emit_ori(e, rt, rt, value & 0xffff);
}
