/* The translator's counters as one line of key=value words, for the hosted
 * runner's -s and the kernel's monitor: translation, chaining, the code
 * buffer, the TLB, and events delivered by vector (only those that happened). */
#include <stdio.h>

#include "translator/cpu.h"
#include "translator/tb.h"

/* Appends " prefix_VV=N" for each nonzero counter. */
static size_t format_by_vector(char *buf, size_t len, size_t at, const char *prefix,
			       const uint64_t *counts, unsigned n)
{
	for (unsigned v = 0; v < n; v++) {
		if (!counts[v])
			continue;
		int w = snprintf(buf + (at < len ? at : len), at < len ? len - at : 0, " %s_%02x=%llu",
				 prefix, v, (unsigned long long)counts[v]);
		if (w > 0)
			at += (size_t)w;
	}
	return at;
}

int x86_format_stats(const struct x86_cpu *cpu, char *buf, size_t len)
{
	const struct tb_cache *c = cpu->tbs;
	const struct code_region *r = &c->code;
	size_t at;
	int w = snprintf(buf, len,
			 "translations=%llu translated_insns=%llu flushes=%llu chained=%llu "
			 "invalidations=%llu unchained=%llu tb_exec=%llu code_used_kb=%llu "
			 "code_size_kb=%llu tlb_misses=%llu tlb_flushes=%llu page_flushes=%llu "
			 "code_writes=%llu insns=%llu tbs=%llu jc_resets=%llu",
			 (unsigned long long)c->translations, (unsigned long long)c->translated_insns,
			 (unsigned long long)r->flushes, (unsigned long long)cpu->stat_chained,
			 (unsigned long long)c->invalidations, (unsigned long long)c->unchained,
			 (unsigned long long)cpu->stat_tb_exec,
			 (unsigned long long)((r->ptr - r->tb_start) * 4 / 1024),
			 (unsigned long long)((r->end - r->tb_start) * 4 / 1024),
			 (unsigned long long)cpu->mmu.tlb_misses, (unsigned long long)cpu->mmu.tlb_flushes,
			 (unsigned long long)cpu->mmu.page_flushes, (unsigned long long)cpu->mmu.code_writes,
			 (unsigned long long)x86_count_now(cpu), (unsigned long long)cpu->count_tbs,
			 (unsigned long long)cpu->stat_jc_resets);

	if (w < 0)
		return w;
	at = format_by_vector(buf, len, (size_t)w, "exc", cpu->stat_exceptions, 32);
	at = format_by_vector(buf, len, at, "int", cpu->stat_interrupts, 256);
	return (int)at;
}
