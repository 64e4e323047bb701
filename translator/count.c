/* Exact guest instruction counting (env.count, off by default): a TB adds
 * its instruction count and notes itself at entry; when it does not run to
 * an exit (a fault or an SMC redo unwinds from it, a stop after port
 * output or an interpreted control transfer leaves early), the loop takes
 * back the instructions that did not run.  An instruction that faults has
 * not run; a rep string instruction is one instruction. */
#include <stddef.h>

#include "translator/translate.h"

#define CPU_FIELD(f) ((int32_t)offsetof(struct x86_cpu, f))

static void emit_add(struct emit *e, int32_t field, int32_t n)
{
	emit_ld(e, REG_M0, REG_ENV, field);
	emit_daddiu(e, REG_M0, REG_M0, n);
	emit_sd(e, REG_M0, REG_ENV, field);
}

/* Nine words: count_tbs += 1, count_insns += (patched by
 * tr_count_finish), count_tb = this TB's index + 1 (always lui+ori, so that
 * the cost per TB is fixed). */
void tr_count_entry(struct x86_tctx *t)
{
	uint32_t tb;

	if (!t->cpu->env.count)
		return;
	tb = (uint32_t)tb_index(t->cpu->tbs, t->tb) + 1;
	emit_add(t->e, CPU_FIELD(count_tbs), 1);
	emit_ld(t->e, REG_M0, REG_ENV, CPU_FIELD(count_insns));
	t->count_at = emit_here(t->e);
	emit_daddiu(t->e, REG_M0, REG_M0, 0);
	emit_sd(t->e, REG_M0, REG_ENV, CPU_FIELD(count_insns));
	emit_lui(t->e, REG_M0, tb >> 16);
	emit_ori(t->e, REG_M0, REG_M0, tb & 0xffff);
	emit_sw(t->e, REG_M0, REG_ENV, CPU_FIELD(count_tb));
}

/* The block's length is known once it is emitted: the instructions in its
 * map (translate.c's emit_insn_map) are those the entry counts. */
void tr_count_finish(struct x86_tctx *t, unsigned emitted)
{
	if (t->cpu->env.count)
		*t->count_at = (*t->count_at & ~0xffffu) | (emitted & 0xffffu);
}

/* The TB leaves after the current instruction, before its end. */
void tr_count_early_exit(struct x86_tctx *t)
{
	if (!t->cpu->env.count)
		return;
	emit_addiu(t->e, REG_M0, R_ZERO, (int32_t)t->index + 1);
	emit_sw(t->e, REG_M0, REG_ENV, CPU_FIELD(count_done));
}

/* The map after tb's code: its instruction count, then per instruction
 * (host word offset << 16 | guest byte offset). */
static const uint32_t *insn_map(const struct tb *tb)
{
	return tb->code + tb->code_words;
}

/* How many of tb's instructions come before the one at eip (all of them if
 * eip is none of them). */
static uint32_t insns_before(const struct tb *tb, uint32_t eip)
{
	const uint32_t *map = insn_map(tb);

	for (uint32_t i = 0; i < map[0]; i++)
		if ((map[1 + i] & 0xffff) == ((eip - tb->eip) & 0xffff))
			return i;
	return map[0];
}

void x86_count_settle(struct x86_cpu *cpu, bool unwound)
{
	if (!cpu->count_tb)
		return;
	const struct tb *tb = &cpu->tbs->tbs[cpu->count_tb - 1];
	uint32_t n = insn_map(tb)[0];
	uint32_t done = unwound ? insns_before(tb, cpu->eip) : cpu->count_done ? cpu->count_done : n;

	if (done < n)
		cpu->count_insns -= n - done;
	cpu->count_tb = cpu->count_done = 0;
}

uint64_t x86_count_now(const struct x86_cpu *cpu)
{
	if (!cpu->count_tb)
		return cpu->count_insns;
	const struct tb *tb = &cpu->tbs->tbs[cpu->count_tb - 1];
	uint32_t n = insn_map(tb)[0], before = insns_before(tb, cpu->eip);

	return before < n ? cpu->count_insns - (n - before - 1) : cpu->count_insns;
}
