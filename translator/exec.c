/* The execution loop: find or translate the TB at eip, chain the exit that led
 * here, enter generated code, and turn stops into x86_run's answer. */
#include <stdio.h>

#include "translator/flags.h"
#include "translator/logcats.h"
#include "translator/translate.h"

static void report_unsupported(struct x86_cpu *cpu)
{
	struct x86_xlat *x = cpu->xlat;
	uint8_t buf[16];
	const uint8_t *p = buf;
	size_t len = 15;
	uint64_t addr = cpu->eip;
	cs_insn *in = x->slots[0];
	bool ok;

	softmmu_fetch_code(&cpu->mmu, cpu->eip, buf, 15);
	ok = cs_disasm_iter(x->cs, &p, &len, &addr, in);
	printf("mimic: unsupported instruction at %08x:", cpu->eip);
	for (unsigned i = 0; i < (ok ? in->size : 8u); i++)
		printf(" %02x", buf[i]);
	if (ok)
		printf("  %s %s\n", in->mnemonic, in->op_str);
	else
		printf("  (undecodable)\n");
}

static void log_cpu(const struct x86_cpu *cpu)
{
	const uint32_t *r = cpu->regs;

	x86_logf(cpu, "CPU eip=%08x eax=%08x ecx=%08x edx=%08x ebx=%08x esp=%08x ebp=%08x "
		 "esi=%08x edi=%08x eflags=%08x cs=%04x ss=%04x ds=%04x es=%04x\n",
		 cpu->eip, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], x86_get_eflags(cpu),
		 cpu->seg[X86_CS].sel, cpu->seg[X86_SS].sel, cpu->seg[X86_DS].sel,
		 cpu->seg[X86_ES].sel);
}

/* May the exit that led here jump straight into tb next time?  Only within
 * one key (CS base, mode flags), and with paging on only within a linear
 * page (another page may map elsewhere next time). */
static bool may_chain(const struct x86_cpu *cpu, const struct tb *src, const struct tb *dst)
{
	return src->cs_base == dst->cs_base && src->flags == dst->flags &&
	       (!(cpu->cr[0] & X86_CR0_PG) || src->lin_lo == dst->lin_lo);
}

/* The first instruction runs alone (a one-instruction TB, X86_HF_SINGLE,
 * which always returns here) when stepping or when it is at a breakpoint
 * that the run starts from. */
enum x86_stop x86_run(struct x86_cpu *cpu)
{
	struct tb_cache *c = cpu->tbs;
	uint64_t token = 0, token_flushes = 0;
	uint32_t jc_cs_base = cpu->seg[X86_CS].base, jc_flags = cpu->hflags & X86_HF_KEY;
	bool single = cpu->step || x86_breakpoint_at(cpu, cpu->eip);

	x86_jc_reset(cpu);
	for (;;) {
		uint32_t flags = (cpu->hflags | (single ? X86_HF_SINGLE : 0)) & X86_HF_KEY;
		struct tb *tb;
		enum x86_stop stop;

		if (cpu->exit_request) {
			cpu->exit_request = 0;
			return X86_STOP_REQUESTED;
		}
		if (flags != jc_flags || cpu->seg[X86_CS].base != jc_cs_base) {
			x86_jc_reset(cpu);	/* its entries lead to TBs of the old key */
			jc_flags = flags;
			jc_cs_base = cpu->seg[X86_CS].base;
		}
		tb = x86_translate(cpu, cpu->xlat, cpu->eip, flags);
		if (!tb) {
			report_unsupported(cpu);
			return X86_STOP_UNSUPPORTED;
		}
		if (token && token_flushes == c->code.flushes) {
			struct tb *src = &c->tbs[(token - 1) >> 1];

			if (may_chain(cpu, src, tb) && tb_chain(c, src, (token - 1) & 1, tb))
				cpu->stat_chained++;
		}
		if (!single) {
			cpu->jc[cpu->eip & (X86_JC_SIZE - 1)].pc = (int32_t)cpu->eip;
			cpu->jc[cpu->eip & (X86_JC_SIZE - 1)].host = (uint64_t)(uintptr_t)tb->code;
		}
		if (cpu->env.log & X86_LOG_EXEC)
			x86_logf(cpu, "EXEC %04x:%08x\n", cpu->seg[X86_CS].sel, cpu->eip);
		if (cpu->env.log & X86_LOG_CPU)
			log_cpu(cpu);
		cpu->stat_tb_exec++;
		token = cpu->xlat->stubs.enter(cpu, tb->code);
		token_flushes = c->code.flushes;
		if (cpu->stop) {
			stop = (enum x86_stop)cpu->stop;
			cpu->stop = 0;
			if (stop == X86_STOP_UNSUPPORTED)
				report_unsupported(cpu);
			return stop;
		}
		if (cpu->step)
			return X86_STOP_DEBUG;
		single = false;
	}
}
