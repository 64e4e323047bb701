/* MIPS64r2 code emitter: format encoders, one function per mnemonic, and a few
 * pseudo-instructions built from them.  Ref: MIPS64 Architecture Vol. II (rev 6.x
 * keeps the r2 encodings used here). */
#ifndef MIMIC_TRANSLATOR_EMIT_H
#define MIMIC_TRANSLATOR_EMIT_H

#include <stdbool.h>
#include <stdint.h>

/* Host registers by ABI name (n64). */
enum {
	R_ZERO = 0, R_AT = 1, R_V0 = 2, R_V1 = 3,
	R_A0 = 4, R_A1 = 5, R_A2 = 6, R_A3 = 7, R_A4 = 8, R_A5 = 9, R_A6 = 10, R_A7 = 11,
	R_T0 = 12, R_T1 = 13, R_T2 = 14, R_T3 = 15,
	R_S0 = 16, R_S1 = 17, R_S2 = 18, R_S3 = 19, R_S4 = 20, R_S5 = 21, R_S6 = 22, R_S7 = 23,
	R_T8 = 24, R_T9 = 25, R_K0 = 26, R_K1 = 27, R_GP = 28, R_SP = 29, R_S8 = 30, R_RA = 31,
};

/* A code buffer being written.  Overflow sets the sticky `full` flag and
 * discards further words; the caller checks it once per translation block. */
struct emit {
	uint32_t *start;
	uint32_t *ptr;
	uint32_t *end;
	bool full;
	bool bad;	/* an operand was out of range: a translator bug */
};

void emit_init(struct emit *e, uint32_t *start, uint32_t *end);
void emit_word(struct emit *e, uint32_t w);
uint32_t *emit_here(struct emit *e);

/* Branch fix-ups: a branch emitted with offset 0 and patched later. */
void emit_patch_branch(struct emit *e, uint32_t *branch, uint32_t *target);
bool emit_jump_reaches(const uint32_t *at, const void *target);
uint32_t emit_j_word(const uint32_t *at, const void *target);

/* Format encoders. */
void emit_r(struct emit *e, unsigned op, unsigned rs, unsigned rt, unsigned rd,
	    unsigned sa, unsigned funct);
void emit_i(struct emit *e, unsigned op, unsigned rs, unsigned rt, int32_t imm);
void emit_iu(struct emit *e, unsigned op, unsigned rs, unsigned rt, uint32_t imm);

/* Arithmetic and logic. */
void emit_addu(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_addiu(struct emit *e, unsigned rt, unsigned rs, int32_t imm);
void emit_daddu(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_daddiu(struct emit *e, unsigned rt, unsigned rs, int32_t imm);
void emit_subu(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_dsubu(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_and(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_andi(struct emit *e, unsigned rt, unsigned rs, uint32_t imm);
void emit_or(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_ori(struct emit *e, unsigned rt, unsigned rs, uint32_t imm);
void emit_xor(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_xori(struct emit *e, unsigned rt, unsigned rs, uint32_t imm);
void emit_nor(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_lui(struct emit *e, unsigned rt, uint32_t imm);
void emit_slt(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_sltu(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_slti(struct emit *e, unsigned rt, unsigned rs, int32_t imm);
void emit_sltiu(struct emit *e, unsigned rt, unsigned rs, int32_t imm);
void emit_movn(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_movz(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_mul(struct emit *e, unsigned rd, unsigned rs, unsigned rt);
void emit_clz(struct emit *e, unsigned rd, unsigned rs);
void emit_mult(struct emit *e, unsigned rs, unsigned rt);
void emit_multu(struct emit *e, unsigned rs, unsigned rt);
void emit_ddiv(struct emit *e, unsigned rs, unsigned rt);
void emit_ddivu(struct emit *e, unsigned rs, unsigned rt);
void emit_dmult(struct emit *e, unsigned rs, unsigned rt);
void emit_dmultu(struct emit *e, unsigned rs, unsigned rt);
void emit_mflo(struct emit *e, unsigned rd);
void emit_mfhi(struct emit *e, unsigned rd);

/* Shifts and bit fields. */
void emit_sll(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_srl(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_sra(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_rotr(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_sllv(struct emit *e, unsigned rd, unsigned rt, unsigned rs);
void emit_srlv(struct emit *e, unsigned rd, unsigned rt, unsigned rs);
void emit_srav(struct emit *e, unsigned rd, unsigned rt, unsigned rs);
void emit_dsll(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_dsrl(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_dsll32(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_dsrl32(struct emit *e, unsigned rd, unsigned rt, unsigned sa);
void emit_ext(struct emit *e, unsigned rt, unsigned rs, unsigned pos, unsigned size);
void emit_ins(struct emit *e, unsigned rt, unsigned rs, unsigned pos, unsigned size);
void emit_dext(struct emit *e, unsigned rt, unsigned rs, unsigned pos, unsigned size);
void emit_wsbh(struct emit *e, unsigned rd, unsigned rt);
void emit_seb(struct emit *e, unsigned rd, unsigned rt);
void emit_seh(struct emit *e, unsigned rd, unsigned rt);

/* Loads and stores. */
void emit_lb(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_lbu(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_lh(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_lhu(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_lw(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_lwu(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_ld(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_sb(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_sh(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_sw(struct emit *e, unsigned rt, unsigned base, int32_t off);
void emit_sd(struct emit *e, unsigned rt, unsigned base, int32_t off);

/* Control transfer.  Branches take the branch target; 0 leaves a fix-up. */
void emit_beq(struct emit *e, unsigned rs, unsigned rt, uint32_t *target);
void emit_bne(struct emit *e, unsigned rs, unsigned rt, uint32_t *target);
void emit_bltz(struct emit *e, unsigned rs, uint32_t *target);
void emit_bgez(struct emit *e, unsigned rs, uint32_t *target);
void emit_j(struct emit *e, const void *target);
void emit_jal(struct emit *e, const void *target);
void emit_jr(struct emit *e, unsigned rs);
void emit_jalr(struct emit *e, unsigned rd, unsigned rs);
void emit_sync(struct emit *e);

/* Pseudo-instructions. */
void emit_nop(struct emit *e);
void emit_move(struct emit *e, unsigned rd, unsigned rs);
void emit_b(struct emit *e, uint32_t *target);
void emit_beqz(struct emit *e, unsigned rs, uint32_t *target);
void emit_bnez(struct emit *e, unsigned rs, uint32_t *target);
void emit_li32(struct emit *e, unsigned rt, int32_t value);
void emit_li64(struct emit *e, unsigned rt, uint64_t value);

#endif
