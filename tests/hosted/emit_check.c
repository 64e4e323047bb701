/* emit-check: every emitter mnemonic once, printed as "assembler text|word"
 * so that tests/translator/run.sh can compare with GNU as on the same text. */
#include <stdio.h>

#include "translator/emit.h"

static uint32_t buf[4];
static struct emit e;

static void start(void)
{
	emit_init(&e, buf, buf + 4);
}

static void show(const char *text)
{
	printf("%s|%08x\n", text, e.bad || e.ptr != buf + 1 ? 0xffffffffu : buf[0]);
}

#define CHECK(text, call) do { start(); call; show(text); } while (0)

int main(void)
{
	CHECK("addu $3,$4,$5", emit_addu(&e, 3, 4, 5));
	CHECK("addiu $3,$4,-2", emit_addiu(&e, 3, 4, -2));
	CHECK("daddu $3,$4,$5", emit_daddu(&e, 3, 4, 5));
	CHECK("daddiu $29,$29,-96", emit_daddiu(&e, 29, 29, -96));
	CHECK("subu $6,$7,$8", emit_subu(&e, 6, 7, 8));
	CHECK("dsubu $6,$7,$8", emit_dsubu(&e, 6, 7, 8));
	CHECK("and $9,$10,$11", emit_and(&e, 9, 10, 11));
	CHECK("andi $9,$10,0xff00", emit_andi(&e, 9, 10, 0xff00));
	CHECK("or $12,$13,$14", emit_or(&e, 12, 13, 14));
	CHECK("ori $12,$13,0x8001", emit_ori(&e, 12, 13, 0x8001));
	CHECK("xor $15,$16,$17", emit_xor(&e, 15, 16, 17));
	CHECK("xori $15,$16,1", emit_xori(&e, 15, 16, 1));
	CHECK("nor $18,$19,$0", emit_nor(&e, 18, 19, 0));
	CHECK("lui $20,0xedb8", emit_lui(&e, 20, 0xedb8));
	CHECK("slt $21,$22,$23", emit_slt(&e, 21, 22, 23));
	CHECK("sltu $21,$22,$23", emit_sltu(&e, 21, 22, 23));
	CHECK("slti $24,$25,-7", emit_slti(&e, 24, 25, -7));
	CHECK("sltiu $24,$25,1", emit_sltiu(&e, 24, 25, 1));
	CHECK("movn $2,$3,$4", emit_movn(&e, 2, 3, 4));
	CHECK("movz $2,$3,$4", emit_movz(&e, 2, 3, 4));
	CHECK("mul $5,$6,$7", emit_mul(&e, 5, 6, 7));
	CHECK("clz $5,$6", emit_clz(&e, 5, 6));
	CHECK("mult $5,$6", emit_mult(&e, 5, 6));
	CHECK("multu $5,$6", emit_multu(&e, 5, 6));
	CHECK("dmult $5,$6", emit_dmult(&e, 5, 6));
	CHECK("dmultu $5,$6", emit_dmultu(&e, 5, 6));
	CHECK("ddiv $0,$12,$13", emit_ddiv(&e, 12, 13));
	CHECK("ddivu $0,$12,$13", emit_ddivu(&e, 12, 13));
	CHECK("mflo $8", emit_mflo(&e, 8));
	CHECK("mfhi $8", emit_mfhi(&e, 8));
	CHECK("sll $1,$2,31", emit_sll(&e, 1, 2, 31));
	CHECK("srl $1,$2,12", emit_srl(&e, 1, 2, 12));
	CHECK("sra $1,$2,1", emit_sra(&e, 1, 2, 1));
	CHECK("rotr $1,$2,16", emit_rotr(&e, 1, 2, 16));
	CHECK("sllv $1,$2,$3", emit_sllv(&e, 1, 2, 3));
	CHECK("srlv $1,$2,$3", emit_srlv(&e, 1, 2, 3));
	CHECK("srav $1,$2,$3", emit_srav(&e, 1, 2, 3));
	CHECK("dsll $4,$5,4", emit_dsll(&e, 4, 5, 4));
	CHECK("dsrl $4,$5,4", emit_dsrl(&e, 4, 5, 4));
	CHECK("dsll32 $4,$5,0", emit_dsll32(&e, 4, 5, 0));
	CHECK("dsrl32 $4,$5,0", emit_dsrl32(&e, 4, 5, 0));
	CHECK("ext $24,$1,12,8", emit_ext(&e, 24, 1, 12, 8));
	CHECK("ins $31,$0,2,10", emit_ins(&e, 31, 0, 2, 10));
	CHECK("dext $24,$1,0,32", emit_dext(&e, 24, 1, 0, 32));
	CHECK("wsbh $6,$7", emit_wsbh(&e, 6, 7));
	CHECK("seb $6,$7", emit_seb(&e, 6, 7));
	CHECK("seh $6,$7", emit_seh(&e, 6, 7));
	CHECK("lb $2,-4($30)", emit_lb(&e, 2, 30, -4));
	CHECK("lbu $2,4($30)", emit_lbu(&e, 2, 30, 4));
	CHECK("lh $2,6($30)", emit_lh(&e, 2, 30, 6));
	CHECK("lhu $2,8($30)", emit_lhu(&e, 2, 30, 8));
	CHECK("lw $2,12($30)", emit_lw(&e, 2, 30, 12));
	CHECK("lwu $2,16($30)", emit_lwu(&e, 2, 30, 16));
	CHECK("ld $2,24($30)", emit_ld(&e, 2, 30, 24));
	CHECK("sb $2,1($30)", emit_sb(&e, 2, 30, 1));
	CHECK("sh $2,2($30)", emit_sh(&e, 2, 30, 2));
	CHECK("sw $2,32($30)", emit_sw(&e, 2, 30, 32));
	CHECK("sd $2,40($30)", emit_sd(&e, 2, 30, 40));
	CHECK("jr $31", emit_jr(&e, 31));
	CHECK("jalr $31,$25", emit_jalr(&e, 31, 25));
	CHECK("sync", emit_sync(&e));
	CHECK("move $4,$30", emit_move(&e, 4, 30));
	/* Out of range: must be refused, not truncated. */
	CHECK("(refused) addiu 40000", emit_addiu(&e, 1, 1, 40000));
	CHECK("(refused) ext past bit 31", emit_ext(&e, 1, 1, 30, 4));
	return 0;
}
