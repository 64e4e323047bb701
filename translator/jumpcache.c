/* The jump cache: guest eip -> host code of its TB, probed inline by
 * indirect exits (tr_exit_indirect).  Lines of every key share one table;
 * each line's tag holds the id of its TB's key, so a change of key (a
 * syscall, an interrupt, a far jump) costs no flush.  An id stands for one
 * (mode flags, CS base, CS limit) under one state of the guest's page
 * mappings; forgetting ids makes every line miss without touching it. */
#include "translator/translate.h"

/* A line's tag for eip under the key whose id is in the upper half of
 * key: generated code xors it with the sign-extended eip it jumps to and
 * compares the result with cpu->jc_key. */
static uint64_t line_tag(uint64_t key, uint32_t eip)
{
	return key ^ (uint64_t)(int64_t)(int32_t)eip;
}

/* Lines whose low tag bits index another line: they never hit. */
static void clear_lines(struct x86_cpu *cpu)
{
	for (unsigned i = 0; i < X86_JC_SIZE; i++) {
		cpu->jc[i].tag = line_tag(0, ~i);
		cpu->jc[i].host = (uint64_t)(uintptr_t)cpu->xlat->stubs.unchained_exit;
	}
}

static void forget_keys(struct x86_cpu *cpu)
{
	for (unsigned i = 0; i < X86_JC_KEYS; i++)
		cpu->jc_keys[i].id = 0;
}

/* An id no line holds yet.  Ids are never reused, except after the 32-bit
 * count wraps: then the lines are cleared and every key forgotten. */
static uint32_t fresh_id(struct x86_cpu *cpu)
{
	if (cpu->jc_last_id == UINT32_MAX) {
		clear_lines(cpu);
		forget_keys(cpu);
		cpu->jc_last_id = 0;
	}
	return ++cpu->jc_last_id;
}

void x86_jc_init(struct x86_cpu *cpu)
{
	clear_lines(cpu);
	forget_keys(cpu);
	cpu->jc_last_id = 0;
	cpu->jc_key = (uint64_t)fresh_id(cpu) << 32;
	cpu->jc_tlb_seen = cpu->mmu.tlb_flushes + cpu->mmu.page_flushes;
}

/* Every line now misses, for the code running now too (its probes compare
 * with jc_key, which no line holds). */
void x86_jc_reset(struct x86_cpu *cpu)
{
	forget_keys(cpu);
	cpu->jc_key = (uint64_t)fresh_id(cpu) << 32;
	cpu->stat_jc_resets++;
}

static bool key_is(const struct x86_jc_key *k, uint32_t flags, const struct x86_seg *cs)
{
	return k->id && k->flags == flags && k->cs_base == cs->base && k->cs_limit == cs->limit;
}

/* A line leads to a TB through a linear address: a TLB flush (CR3 write,
 * invlpg, paging or map changes) may have moved the page under it. */
void x86_jc_select(struct x86_cpu *cpu, uint32_t flags)
{
	const struct x86_seg *cs = &cpu->seg[X86_CS];
	uint64_t tlb = cpu->mmu.tlb_flushes + cpu->mmu.page_flushes;
	struct x86_jc_key *k = &cpu->jc_keys[cpu->jc_cur];

	if (tlb != cpu->jc_tlb_seen) {
		cpu->jc_tlb_seen = tlb;
		x86_jc_reset(cpu);
	}
	if (!key_is(k, flags, cs)) {
		unsigned i = 0;

		while (i < X86_JC_KEYS && !key_is(&cpu->jc_keys[i], flags, cs))
			i++;
		if (i == X86_JC_KEYS) {
			i = cpu->jc_victim++ % X86_JC_KEYS;
			cpu->jc_keys[i] = (struct x86_jc_key){
				.flags = flags, .cs_base = cs->base, .cs_limit = cs->limit,
			};
			cpu->jc_keys[i].id = fresh_id(cpu);
		}
		cpu->jc_cur = i;
		k = &cpu->jc_keys[i];
	}
	cpu->jc_key = (uint64_t)k->id << 32;
}

void x86_jc_fill(struct x86_cpu *cpu, uint32_t eip, const uint32_t *code)
{
	struct x86_jc_entry *line = &cpu->jc[eip & (X86_JC_SIZE - 1)];

	line->tag = line_tag(cpu->jc_key, eip);
	line->host = (uint64_t)(uintptr_t)code;
}
