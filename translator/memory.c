/* Guest loads and stores in generated code: the inline software-TLB probe and
 * its call to a slow-path thunk.  Reg use: m0 = TLB line then host address,
 * m1 = tag then addend (or thunk value), m2 = last page touched. */
#include <stddef.h>

#include "translator/translate.h"

#define TLB_OFF ((int32_t)offsetof(struct x86_cpu, mmu.tlb))
#define TLB_LINE_BITS 4	/* sizeof(struct softmmu_tlb_entry) == 16 */

_Static_assert(sizeof(struct softmmu_tlb_entry) == 1u << TLB_LINE_BITS, "TLB line size");

static unsigned log2_size(unsigned size)
{
	return size == 4 ? 2 : size == 2 ? 1 : 0;
}

/* Leaves m0 = host address; branches to the returned fix-up on a miss.  The
 * low address bits below the access size take part in the tag compare, so a
 * misaligned access (which MIPS would trap) goes to the slow path, and an
 * aligned one cannot cross a page. */
static uint32_t *emit_probe(struct x86_tctx *t, unsigned size, unsigned addr, bool store)
{
	struct emit *e = t->e;
	int32_t tag = store ? (int32_t)offsetof(struct softmmu_tlb_entry, write_tag)
			    : (int32_t)offsetof(struct softmmu_tlb_entry, read_tag);
	unsigned l = log2_size(size);
	uint32_t *miss;

	emit_srl(e, REG_M0, addr, SOFTMMU_PAGE_BITS);
	emit_andi(e, REG_M0, REG_M0, SOFTMMU_TLB_SIZE - 1);
	emit_dsll(e, REG_M0, REG_M0, TLB_LINE_BITS);
	emit_daddu(e, REG_M0, REG_M0, REG_ENV);		/* m0 = line - TLB_OFF */
	emit_lw(e, REG_M1, REG_M0, TLB_OFF + tag);	/* m1 = tag */
	emit_move(e, REG_M2, addr);
	emit_ins(e, REG_M2, R_ZERO, l, SOFTMMU_PAGE_BITS - l);	/* m2 = page | misalignment */
	miss = emit_here(e);
	emit_bne(e, REG_M1, REG_M2, NULL);
	emit_ld(e, REG_M1, REG_M0, TLB_OFF + (int32_t)offsetof(struct softmmu_tlb_entry, addend));	/* delay slot */
	emit_dext(e, REG_M0, addr, 0, 32);
	emit_daddu(e, REG_M0, REG_M0, REG_M1);		/* m0 = host address */
	return miss;
}

/* The access itself on a hit; on a miss, the thunk (addr in m0, value in m1). */
static void emit_access(struct x86_tctx *t, unsigned size, unsigned reg, unsigned addr, bool store)
{
	struct emit *e = t->e;
	unsigned l = log2_size(size);
	uint32_t *miss = emit_probe(t, size, addr, store), *done;

	if (store)
		(l == 0 ? emit_sb : l == 1 ? emit_sh : emit_sw)(e, reg, REG_M0, 0);
	else
		(l == 0 ? emit_lbu : l == 1 ? emit_lhu : emit_lw)(e, reg, REG_M0, 0);
	done = emit_here(e);
	emit_b(e, NULL);
	emit_nop(e);	/* delay slot */
	emit_patch_branch(e, miss, emit_here(e));
	emit_move(e, REG_M0, addr);
	emit_jal(e, store ? t->x->stubs.store[l] : t->x->stubs.load[l]);
	emit_move(e, REG_M1, store ? reg : REG_M1);	/* delay slot: value to store */
	if (!store)
		emit_move(e, reg, REG_M1);
	emit_patch_branch(e, done, emit_here(e));
}

void mem_load(struct x86_tctx *t, unsigned size, unsigned dst, unsigned addr)
{
	emit_access(t, size, dst, addr, false);
}

void mem_store(struct x86_tctx *t, unsigned size, unsigned src, unsigned addr)
{
	emit_access(t, size, src, addr, true);
}
