/* The TB builder: decode a block with capstone, find which instructions'
 * flags are read (liveness), emit each instruction, place the code and
 * register the TB.  Blocks end at control transfers, page boundaries, CS's
 * limit and TB_MAX_INSNS. */
#include "translator/translate.h"

#include <stdio.h>
#include <string.h>

#include "translator/flags.h"
#include "translator/host.h"
#include "translator/logcats.h"
#include "translator/prot.h"
#include "translator/sys.h"

#define CPU_FIELD(f) ((int32_t)offsetof(struct x86_cpu, f))

static bool is_segment_or_system_reg(const cs_x86_op *op)
{
	unsigned r = op->reg;

	return op->type == X86_OP_REG &&
	       (r == X86_REG_CS || r == X86_REG_DS || r == X86_REG_ES || r == X86_REG_SS ||
		r == X86_REG_FS || r == X86_REG_GS || (r >= X86_REG_CR0 && r <= X86_REG_CR15) ||
		(r >= X86_REG_DR0 && r <= X86_REG_DR15));
}

/* May the instruction change what the TB key or interrupt taking depend on
 * (segments, CR0/CR3/CR4, EFLAGS.IF/TF/IOPL, CPL, the TLB)? */
static bool changes_mode(const cs_insn *in)
{
	const cs_x86 *d = &in->detail->x86;

	switch (in->id) {
	case X86_INS_POPF: case X86_INS_POPFD: case X86_INS_STI: case X86_INS_LMSW:
	case X86_INS_CLTS: case X86_INS_INVLPG: case X86_INS_WRMSR: case X86_INS_SYSENTER:
	case X86_INS_SYSEXIT: case X86_INS_LDS: case X86_INS_LES: case X86_INS_LFS:
	case X86_INS_LGS: case X86_INS_LSS: case X86_INS_RSM: case X86_INS_HLT:
		return true;
	case X86_INS_MOV: case X86_INS_POP:
		return d->op_count >= 1 && is_segment_or_system_reg(&d->operands[0]);
	}
	return false;
}

bool x86_ends_block(struct x86_xlat *x, const cs_insn *in)
{
	return cs_insn_group(x->cs, in, CS_GRP_JUMP) || cs_insn_group(x->cs, in, CS_GRP_CALL) ||
	       cs_insn_group(x->cs, in, CS_GRP_RET) || cs_insn_group(x->cs, in, CS_GRP_INT) ||
	       cs_insn_group(x->cs, in, CS_GRP_IRET) || changes_mode(in);
}

/* Decode up to max instructions into x->slots; stops after a control transfer
 * or an undecodable byte, and before an instruction on the next linear page,
 * one that ends past CS's limit (x86_decode: it raises #GP when it runs)
 * or at a breakpoint (a one-instruction block ignores those: debug.c).
 * 16-bit code's ip wraps at 64K. */
static unsigned decode_block(struct x86_cpu *cpu, struct x86_xlat *x, uint32_t eip, unsigned max)
{
	uint32_t page = (x->cs_base + eip) >> SOFTMMU_PAGE_BITS;
	unsigned n = 0;

	while (n < max) {
		cs_insn *in = x->slots[n];

		if ((!x->single && x86_breakpoint_at(cpu, eip)) ||
		    !x86_decode(cpu, x, eip, in))
			break;
		n++;
		if (x86_ends_block(x, in))
			break;
		eip += in->size;
		if (x->code16)
			eip &= 0xffff;
		if ((x->cs_base + eip) >> SOFTMMU_PAGE_BITS != page)
			break;
	}
	return n;
}

static void log_in_asm(const struct x86_cpu *cpu, const struct x86_xlat *x, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		x86_logf(cpu, "IN  %08x  %-8s %s\n", (uint32_t)x->slots[i]->address,
			 x->slots[i]->mnemonic, x->slots[i]->op_str);
}

static void log_out_asm(const struct x86_cpu *cpu, const struct tb *tb)
{
	for (uint32_t i = 0; i < tb->code_words; i++)
		x86_logf(cpu, "OUT %016llx  %08x\n", (unsigned long long)(uintptr_t)&tb->code[i],
			 tb->code[i]);
}

/* Every TB starts by honouring x86_request_exit (TB_ENTRY_CHECK_WORDS long;
 * forward chained jumps enter after it), then counts, if asked (count.c). */
static uint32_t *emit_entry_check(struct x86_tctx *t)
{
	uint32_t *branch;

	emit_lw(t->e, REG_M0, REG_ENV, CPU_FIELD(exit_request));
	branch = emit_here(t->e);
	emit_bnez(t->e, REG_M0, NULL);
	emit_nop(t->e);	/* delay slot */
	tr_count_entry(t);
	return branch;
}

static void translate_one(struct x86_tctx *t)
{
	t->ea_valid = false;
	if (tr_control(t) || tr_alu(t) || tr_muldiv(t) || tr_move(t) || tr_bits(t) ||
	    tr_portio(t) || tr_flagops(t) || tr_exchange(t))
		return;
	if (x86_interp_handles(t->in->id)) {
		tr_call_interp(t);
		return;
	}
	tr_unsupported(t);
}

static void emit_block(struct x86_tctx *t, unsigned n, const struct x86_live *live)
{
	uint32_t *request = emit_entry_check(t), *end_pc = NULL;
	unsigned i;

	for (i = 0; i < n && !t->ended; i++) {
		t->x->insn_at[i] = emit_here(t->e);
		t->in = t->x->slots[i];
		t->d = &t->in->detail->x86;
		t->eip = (uint32_t)t->in->address;
		t->next_eip = t->eip + t->in->size;
		if (t->code16)
			t->next_eip &= 0xffff;
		t->flags_live = live->live_after[i];
		t->fused = live->fused[i];
		t->keep = live->keep[i];
		t->feeds = live->feeds[i];
		t->needs_result = live->needs_result[i];
		t->index = i;
		translate_one(t);
		if (t->e->bad) {
			printf("mimic: translator bug: operand out of range translating %08x %s %s\n",
			       t->eip, t->in->mnemonic, t->in->op_str);
			return;
		}
	}
	if (!t->ended) {
		if (n == 0 && x86_breakpoint_at(t->cpu, t->tb->eip)) {
			tr_exit_stop(t, t->tb->eip, X86_STOP_DEBUG);
		} else if (n == 0) {
			t->eip = t->tb->eip;
			tr_unsupported(t);	/* undecodable */
		} else {
			tr_exit_direct(t, t->next_eip);
		}
	}
	t->x->insn_emitted = i;
	tr_count_finish(t, i);
	t->x->insn_at[i] = emit_here(t->e);
	end_pc = emit_here(t->e);
	emit_patch_branch(t->e, request, end_pc);
	emit_li32(t->e, REG_M0, (int32_t)t->tb->eip);
	emit_sw(t->e, REG_M0, REG_ENV, CPU_FIELD(eip));
	emit_j(t->e, t->x->stubs.unchained_exit);
	emit_nop(t->e);	/* delay slot */
	mem_emit_slow_paths(t);
	t->tb->size = n ? 0 : 1;
	for (i = 0; i < n; i++)
		t->tb->size += t->x->slots[i]->size;
}

void x86_flush_all(struct x86_cpu *cpu)
{
	tb_flush(cpu->tbs);
	cpu->xlat->insn_count = 0;
	x86_jc_reset(cpu);
}

/* After the TB's code, a map from host code to guest instructions (for a
 * host exception inside generated code, tbshow.c): the count, then per
 * instruction (host word offset << 16 | guest byte offset), then the host
 * word offset of the exits.  Returns where the map starts. */
static uint32_t *emit_insn_map(struct emit *e, const struct x86_xlat *x, const struct tb *tb)
{
	uint32_t *map = emit_here(e);

	emit_word(e, x->insn_emitted);
	for (unsigned i = 0; i < x->insn_emitted; i++)
		emit_word(e, (uint32_t)(x->insn_at[i] - tb->code) << 16 |
			     (uint32_t)(x->slots[i]->address - tb->eip));
	emit_word(e, (uint32_t)(x->insn_at[x->insn_emitted] - tb->code) << 16);
	return map;
}

struct tb *x86_translate(struct x86_cpu *cpu, struct x86_xlat *x, uint32_t eip, uint32_t flags)
{
	struct tb_cache *c = cpu->tbs;
	uint32_t cs_base = cpu->seg[X86_CS].base, lin = cs_base + eip, last;
	struct tb_key key = {
		.cs_base = cs_base, .cs_limit = cpu->seg[X86_CS].limit, .flags = flags, .eip = eip,
	};
	struct tb *tb;
	struct x86_live live;
	unsigned n;

	if (eip > key.cs_limit)
		x86_raise(cpu, X86_EXC_GP, 0);	/* the segment check comes before paging */
	softmmu_translate(&cpu->mmu, lin, SOFTMMU_FETCH, x86_kind_of(flags), &key.pc);	/* may raise #PF */
	tb = tb_lookup(c, &key);
	if (tb)
		return tb;
	x->cs_base = cs_base;
	x->cs_limit = key.cs_limit;
	x->code16 = !(flags & X86_HF_CODE32);
	x->single = flags & X86_HF_SINGLE;
	x->kind = x86_kind_of(flags);
	x->first_eip = eip;
	n = decode_block(cpu, x, eip, flags & (X86_HF_SINGLE | X86_HF_SHADOW) ? 1 : TB_MAX_INSNS);
	flags_liveness(cpu, x, n, &live);
	for (int attempt = 0; attempt < 2; attempt++) {
		struct emit e;
		uint32_t *map;
		struct x86_tctx t = {
			.cpu = cpu, .x = x, .e = &e, .cc_static = CC_UNKNOWN, .flags = flags,
			.code16 = x->code16, .stack16 = !(flags & X86_HF_STACK32),
			.kind = x86_kind_of(flags),
		};

		tb = tb_alloc(c, &key);
		if (!tb) {
			x86_flush_all(cpu);
			continue;
		}
		t.tb = tb;
		tb->code = c->code.ptr;
		emit_init(&e, c->code.ptr, c->code.end);
		emit_block(&t, n, &live);
		map = emit_insn_map(&e, x, tb);
		if (e.bad) {
			tb_abandon(c, tb);
			return NULL;
		}
		if (e.full) {
			tb_abandon(c, tb);
			x86_flush_all(cpu);
			continue;
		}
		tb->code_words = (uint32_t)(map - tb->code);
		c->code.ptr = e.ptr;
		host_sync_code(tb->code, tb->code_words * 4);
		tb->lin_lo = lin & ~(SOFTMMU_PAGE_SIZE - 1);
		tb->page_lo = key.pc & ~(SOFTMMU_PAGE_SIZE - 1);
		tb->page_hi = tb->page_lo;
		if (((lin + tb->size - 1) ^ lin) & ~(SOFTMMU_PAGE_SIZE - 1) &&
		    softmmu_probe(&cpu->mmu, lin + tb->size - 1, &last))
			tb->page_hi = last & ~(SOFTMMU_PAGE_SIZE - 1);	/* its second page */
		tb->dep_lo = live.dep_lo < lin ? live.dep_lo : lin;
		tb->dep_hi = live.dep_hi > lin + tb->size ? live.dep_hi : lin + tb->size;
		softmmu_mark_code(&cpu->mmu, tb->page_lo);
		softmmu_mark_code(&cpu->mmu, tb->page_hi);
		tb_insert(c, tb);
		c->translated_insns += n;
		if (cpu->env.log & X86_LOG_IN_ASM)
			log_in_asm(cpu, x, n);
		if (cpu->env.log & X86_LOG_OUT_ASM)
			log_out_asm(cpu, tb);
		return tb;
	}
	return NULL;
}
