/* Guest loads and stores in generated code: the inline software-TLB probe and
 * its call to a slow-path thunk; segment bound checks and their faults.  Reg use: m0 = TLB line then host address,
 * m1 = tag then addend (or thunk value), m2 = last page touched. */
#include <stddef.h>

#include "translator/prot.h"
#include "translator/translate.h"

#define TLB_LINE_BITS 4	/* sizeof(struct softmmu_tlb_entry) == 16 */

_Static_assert(sizeof(struct softmmu_tlb_entry) == 1u << TLB_LINE_BITS, "TLB line size");
_Static_assert(offsetof(struct x86_cpu, mmu.tlb[SOFTMMU_USER][SOFTMMU_TLB_SIZE]) < 0x8000,
	       "both TLBs within reach of a 16-bit offset from the state register");

/* Offset of the TLB this TB's accesses use, by kind. */
static int32_t tlb_off(const struct x86_tctx *t)
{
	return (int32_t)offsetof(struct x86_cpu, mmu.tlb) +
	       (int32_t)(t->kind * sizeof(((struct softmmu *)0)->tlb[0]));
}

static unsigned log2_size(unsigned size)
{
	return size == 4 ? 2 : size == 2 ? 1 : 0;
}

static void queue_slow_path(struct x86_tctx *t, struct x86_slow_path p)
{
	if (t->nslow == TB_MAX_SLOW_PATHS) {
		t->e->bad = true;
		return;
	}
	t->x->slow[t->nslow++] = p;
}

/* Leaves m0 = host address; branches to the returned fix-up on a miss.  The
 * low address bits below the access size take part in the tag compare, so a
 * misaligned access (which MIPS would trap) goes to the slow path, and an
 * aligned one cannot cross a page. */
static uint32_t *emit_probe(struct x86_tctx *t, unsigned l, unsigned addr, bool store)
{
	struct emit *e = t->e;
	int32_t tag = store ? (int32_t)offsetof(struct softmmu_tlb_entry, write_tag)
			    : (int32_t)offsetof(struct softmmu_tlb_entry, read_tag);
	uint32_t *miss;

	emit_ext(e, REG_M0, addr, SOFTMMU_PAGE_BITS, SOFTMMU_TLB_BITS);
	emit_dsll(e, REG_M0, REG_M0, TLB_LINE_BITS);
	emit_daddu(e, REG_M0, REG_M0, REG_ENV);		/* m0 = line - tlb_off */
	emit_lw(e, REG_M1, REG_M0, tlb_off(t) + tag);	/* m1 = tag */
	emit_move(e, REG_M2, addr);
	emit_ins(e, REG_M2, R_ZERO, l, SOFTMMU_PAGE_BITS - l);	/* m2 = page | misalignment */
	miss = emit_here(e);
	emit_bne(e, REG_M1, REG_M2, NULL);
	emit_ld(e, REG_M1, REG_M0, tlb_off(t) + (int32_t)offsetof(struct softmmu_tlb_entry, addend));	/* delay slot */
	emit_daddu(e, REG_M0, addr, REG_M1);		/* m0 = host address */
	return miss;
}

/* The access on a hit; the miss path is queued for the end of the TB.  With
 * alignment checking (X86_HF_ALIGNCHK) a misaligned word or dword raises
 * #AC(0) out of line first. */
static void emit_access(struct x86_tctx *t, unsigned size, unsigned reg, unsigned addr, bool store)
{
	struct emit *e = t->e;
	unsigned l = log2_size(size);
	uint32_t *miss;

	if ((t->flags & X86_HF_ALIGNCHK) && l) {
		uint32_t *misaligned;

		emit_andi(e, REG_M0, addr, size - 1);
		misaligned = emit_here(e);
		emit_bnez(e, REG_M0, NULL);
		emit_nop(e);	/* delay slot */
		queue_slow_path(t, (struct x86_slow_path){ .branch = misaligned, .eip = t->eip, .fault = X86_EXC_AC });
	}
	miss = emit_probe(t, l, addr, store);

	if (store)
		(l == 0 ? emit_sb : l == 1 ? emit_sh : emit_sw)(e, reg, REG_M0, 0);
	else
		(l == 0 ? emit_lbu : l == 1 ? emit_lhu : emit_lw)(e, reg, REG_M0, 0);
	queue_slow_path(t, (struct x86_slow_path){
		.branch = miss, .resume = emit_here(e), .reg = reg, .addr = addr,
		.log2_size = l, .store = store, .eip = t->eip,
	});
}

void mem_fault_out_of_line(struct x86_tctx *t, uint32_t *branch, unsigned vector)
{
	queue_slow_path(t, (struct x86_slow_path){ .branch = branch, .eip = t->eip, .fault = (uint8_t)vector });
}

/* offset - lo < 0 or offset + size - 1 - lo > span: the fault, out of line.
 * 64-bit arithmetic on the zero-extended offset, so nothing wraps. */
void mem_seg_check(struct x86_tctx *t, unsigned seg, unsigned off, unsigned size, bool write)
{
	struct emit *e = t->e;
	int32_t b = (int32_t)offsetof(struct x86_cpu, seg_bounds[seg]);
	uint32_t *below, *above;

	emit_dext(e, REG_M0, off, 0, 32);
	emit_ld(e, REG_M1, REG_ENV, b + (int32_t)offsetof(struct x86_seg_bounds, lo));
	emit_dsubu(e, REG_M0, REG_M0, REG_M1);		/* m0 = offset - lo */
	below = emit_here(e);
	emit_bltz(e, REG_M0, NULL);
	emit_ld(e, REG_M1, REG_ENV, b + (int32_t)offsetof(struct x86_seg_bounds, span[write]));	/* delay slot */
	if (size > 1)
		emit_daddiu(e, REG_M0, REG_M0, (int32_t)size - 1);	/* m0 = last byte - lo */
	emit_slt(e, REG_M0, REG_M1, REG_M0);		/* m0 = past the span */
	above = emit_here(e);
	emit_bnez(e, REG_M0, NULL);
	emit_nop(e);	/* delay slot */
	queue_slow_path(t, (struct x86_slow_path){
		.branch = below, .branch2 = above, .eip = t->eip,
		.fault = seg == X86_SS ? X86_EXC_SS : X86_EXC_GP,
	});
}

/* Each miss stores its instruction's eip (the thunk may raise a page fault
 * or find the store hitting this TB's code), calls its thunk (address in m0,
 * value in m1) and goes back.  A segment or alignment check's fault raises
 * its exception at its instruction. */
void mem_emit_slow_paths(struct x86_tctx *t)
{
	struct emit *e = t->e;

	for (unsigned i = 0; i < t->nslow; i++) {
		const struct x86_slow_path *p = &t->x->slow[i];

		emit_patch_branch(e, p->branch, emit_here(e));
		if (p->fault) {
			if (p->branch2)
				emit_patch_branch(e, p->branch2, emit_here(e));
			tr_raise_at(t, p->eip, p->fault, 0);
			continue;
		}
		emit_li32(e, REG_M2, (int32_t)p->eip);
		emit_sw(e, REG_M2, REG_ENV, (int32_t)offsetof(struct x86_cpu, eip));
		emit_move(e, REG_M0, p->addr);
		emit_jal(e, p->store ? t->x->stubs.store[t->kind][p->log2_size] : t->x->stubs.load[t->kind][p->log2_size]);
		if (p->store)
			emit_move(e, REG_M1, p->reg);	/* delay slot */
		else
			emit_nop(e);	/* delay slot */
		if (!p->store)
			emit_move(e, p->reg, REG_M1);
		emit_b(e, p->resume);
		emit_nop(e);	/* delay slot */
	}
}

void mem_load(struct x86_tctx *t, unsigned size, unsigned dst, unsigned addr)
{
	emit_access(t, size, dst, addr, false);
}

void mem_store(struct x86_tctx *t, unsigned size, unsigned src, unsigned addr)
{
	emit_access(t, size, src, addr, true);
}
