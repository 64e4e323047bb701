/* The translator's counters as one line of key=value words, for the hosted
 * runner's -s and the kernel's monitor. */
#include <stdio.h>

#include "translator/cpu.h"
#include "translator/tb.h"

int x86_format_stats(const struct x86_cpu *cpu, char *buf, size_t len)
{
	const struct tb_cache *c = cpu->tbs;

	return snprintf(buf, len,
			"translations=%llu translated_insns=%llu flushes=%llu chained=%llu "
			"invalidations=%llu unchained=%llu tb_exec=%llu tlb_misses=%llu "
			"code_writes=%llu insns=%llu tbs=%llu",
			(unsigned long long)c->translations, (unsigned long long)c->translated_insns,
			(unsigned long long)c->code.flushes, (unsigned long long)cpu->stat_chained,
			(unsigned long long)c->invalidations, (unsigned long long)c->unchained,
			(unsigned long long)cpu->stat_tb_exec, (unsigned long long)cpu->mmu.tlb_misses,
			(unsigned long long)cpu->mmu.code_writes, (unsigned long long)cpu->count_insns,
			(unsigned long long)cpu->count_tbs);
}
