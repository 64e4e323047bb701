/* The execution loop: find or translate the TB at eip, chain the exit that led
 * here, enter generated code, and turn stops into x86_run's answer. */
#include <stdio.h>

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

enum x86_stop x86_run(struct x86_cpu *cpu)
{
	struct tb_cache *c = cpu->tbs;
	uint64_t token = 0, token_flushes = 0;

	for (;;) {
		struct tb *tb;
		enum x86_stop stop;

		if (cpu->exit_request) {
			cpu->exit_request = 0;
			return X86_STOP_REQUESTED;
		}
		tb = x86_translate(cpu, cpu->xlat, cpu->eip);
		if (!tb) {
			report_unsupported(cpu);
			return X86_STOP_UNSUPPORTED;
		}
		if (token && token_flushes == c->code.flushes &&
		    tb_chain(c, &c->tbs[(token - 1) >> 1], (token - 1) & 1, tb))
			cpu->stat_chained++;
		cpu->jc[cpu->eip & (X86_JC_SIZE - 1)].pc = (int32_t)cpu->eip;
		cpu->jc[cpu->eip & (X86_JC_SIZE - 1)].host = (uint64_t)(uintptr_t)tb->code;
		if (cpu->env.log & X86_LOG_EXEC)
			printf("EXEC %08x\n", cpu->eip);
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
	}
}
