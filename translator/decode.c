/* Decoding one guest instruction with capstone, through a small cache keyed by
 * address and checked against the bytes: the flag-liveness lookahead decodes
 * the first instructions of blocks that are translated right after. */
#include <string.h>

#include "translator/translate.h"

#include "translator/prot.h"
#include "translator/sys.h"

/* cs_insn, and what the translator reads of cs_detail (groups and the x86
 * part), by assignment so that the copies are aligned and word-wide. */
static void copy_insn(cs_insn *dst, const cs_insn *src)
{
	cs_detail *detail = dst->detail;

	*dst = *src;
	dst->detail = detail;
	memcpy(detail->groups, src->detail->groups, sizeof(detail->groups));
	detail->groups_count = src->detail->groups_count;
	detail->x86 = src->detail->x86;
}

/* Code bytes [lin, lin + n) through the page tables, n <= 15.  The first
 * page of the TB's first instruction is translated as a fetch (it may raise
 * #PF: that fetch runs it); other pages are only probed, unmapped bytes read
 * as 0xff.  Returns how many bytes were mapped. */
static unsigned fetch(struct x86_cpu *cpu, struct x86_xlat *x, uint32_t eip, uint8_t *buf, unsigned n)
{
	uint32_t lin = x->cs_base + eip, phys;
	unsigned done = 0;

	while (done < n) {
		uint32_t a = lin + done;
		unsigned chunk = SOFTMMU_PAGE_SIZE - (a & (SOFTMMU_PAGE_SIZE - 1));

		if (chunk > n - done)
			chunk = n - done;
		if (done == 0 && eip == x->first_eip)
			softmmu_translate(&cpu->mmu, a, SOFTMMU_FETCH, x->kind, &phys);
		else if (!softmmu_probe(&cpu->mmu, a, &phys))
			break;
		softmmu_fetch_code(&cpu->mmu, phys, buf + done, chunk);
		done += chunk;
	}
	memset(buf + done, 0xff, n - done);
	return done;
}

/* capstone names the far indirect jmp and call through an m16:32 pointer
 * (FF /5, FF /3 with a 32-bit operand) jmp and call, as their near forms; its
 * m16:16 forms are ljmp and lcall already.  Every far form gets the far id. */
static void name_far_indirect(cs_insn *in)
{
	const cs_x86 *x = &in->detail->x86;
	unsigned reg = (x->modrm >> 3) & 7;

	if (x->opcode[0] != 0xff || (x->modrm >> 6) == 3)
		return;
	if (in->id == X86_INS_JMP && reg == 5)
		in->id = X86_INS_LJMP;
	else if (in->id == X86_INS_CALL && reg == 3)
		in->id = X86_INS_LCALL;
}

/* Do the instruction's bytes [eip, eip + size) lie within CS's limit (code
 * segments are never expand-down)?  An instruction that crosses it, when
 * it is the one to run (the TB's first), raises #GP(0) before any page
 * fault its bytes past the limit would cause.  Ref: Intel SDM Vol. 3 5.3. */
static bool within_cs_limit(struct x86_cpu *cpu, const struct x86_xlat *x, uint32_t eip,
			    unsigned size)
{
	if ((uint64_t)eip + size - 1 <= x->cs_limit)
		return true;
	if (eip == x->first_eip)
		x86_raise(cpu, X86_EXC_GP, 0);
	return false;
}

/* F3 0F BC / F3 0F BD are TZCNT / LZCNT only on CPUs with BMI1 / LZCNT; on
 * others, such as the one mimic's cpuid describes, the REP prefix is ignored
 * and they are BSF / BSR (Intel SDM vol. 2, TZCNT and LZCNT).  Linux's
 * __ffs() is "rep; bsf", written so on purpose. */
static void as_pre_bmi_cpu(cs_insn *insn)
{
	if (insn->id == X86_INS_TZCNT) {
		insn->id = X86_INS_BSF;
		strcpy(insn->mnemonic, "rep bsf");
	} else if (insn->id == X86_INS_LZCNT) {
		insn->id = X86_INS_BSR;
		strcpy(insn->mnemonic, "rep bsr");
	}
}

bool x86_decode(struct x86_cpu *cpu, struct x86_xlat *x, uint32_t eip, cs_insn *out)
{
	uint32_t lin = x->cs_base + eip;
	struct x86_decoded *c = &x->dcache[(lin ^ (lin >> 6)) & (X86_DCACHE_SIZE - 1)];
	uint8_t buf[16];
	const uint8_t *p = buf;
	size_t len = 15;
	uint64_t addr = eip;
	unsigned mapped = fetch(cpu, x, eip, buf, 15);

	if (c->valid && c->lin == lin && c->code16 == x->code16 && c->insn->address == eip &&
	    !memcmp(c->insn->bytes, buf, c->insn->size)) {
		copy_insn(out, c->insn);
		return within_cs_limit(cpu, x, eip, out->size);
	}
	if (!cs_disasm_iter(x->code16 ? x->cs16 : x->cs, &p, &len, &addr, out) ||
	    !within_cs_limit(cpu, x, eip, out->size))
		return false;
	name_far_indirect(out);
	if (out->size > mapped) {	/* runs into an unmapped page */
		uint32_t phys;

		if (eip == x->first_eip)
			softmmu_translate(&cpu->mmu, lin + mapped, SOFTMMU_FETCH, x->kind, &phys);
		return false;
	}
	as_pre_bmi_cpu(out);
	copy_insn(c->insn, out);
	c->lin = lin;
	c->code16 = x->code16;
	c->valid = true;
	return true;
}
