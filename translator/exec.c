/* The execution loop: find or translate the TB at CS:eip for the current
 * mode, chain the exit that led here, enter generated code, and turn stops
 * into x86_run's answer.  Around it: the unwinding target of faults (which it
 * delivers) and of stores into the running TB (whose instruction it runs
 * again alone), interrupts between TBs, the #DB trap after each instruction
 * while EFLAGS.TF is set or after a data breakpoint, instruction breakpoints
 * (dregs.c), and the interrupt shadow's one instruction. */
#include <setjmp.h>
#include <stdio.h>

#include "translator/flags.h"
#include "translator/logcats.h"
#include "translator/sys.h"
#include "translator/translate.h"

#define UNWIND_EVENT 1	/* x86_raise */
#define UNWIND_REDO  2	/* a store hit the running TB: its instruction runs again alone */
#define DR6_BS 0x4000u	/* the #DB came from single-stepping (EFLAGS.TF) */
#define VEC_DB 1
#define VEC_UD 6

static const char *mode_name(uint32_t hflags)
{
	if (!(hflags & X86_HF_PE))
		return "real mode";
	if (hflags & X86_HF_VM)
		return "virtual-8086 mode";
	return hflags & X86_HF_CODE32 ? "32-bit protected mode" : "16-bit protected mode";
}

/* Once per address (the last few remembered): what the instruction is. */
static void report_unsupported(struct x86_cpu *cpu, bool raising)
{
	struct x86_xlat *x = cpu->xlat;
	uint32_t lin = cpu->seg[X86_CS].base + cpu->eip;
	cs_insn *in = x->slots[0];
	bool ok;

	for (unsigned i = 0; i < 16; i++)
		if (x->reported[i] == lin + 1)
			return;
	x->reported[x->nreported++ % 16] = lin + 1;
	x->cs_base = cpu->seg[X86_CS].base;
	x->cs_limit = cpu->seg[X86_CS].limit;
	x->code16 = !(cpu->hflags & X86_HF_CODE32);
	x->first_eip = cpu->eip + 1;	/* probe only: the report must not fault */
	ok = x86_decode(cpu, x, cpu->eip, in);
	printf("mimic: unsupported instruction at %08x:", cpu->eip);
	for (unsigned i = 0; i < (ok ? in->size : 0u); i++)
		printf(" %02x", in->bytes[i]);
	if (ok)
		printf("  %s %s", in->mnemonic, in->op_str);
	else
		printf("  (undecodable)");
	printf("  [%04x:%08x, %s, CPL %u]: %s\n", cpu->seg[X86_CS].sel, cpu->eip,
	       mode_name(cpu->hflags), cpu->hflags & X86_HF_CPL_MASK,
	       raising ? "raising #UD in the guest" : "the guest has no #UD handler: stopping");
}

/* Has the guest a #UD handler at all: an IDT that holds the vector, or in
 * real mode an IVT entry that is not 0000:0000 (memory nobody set up)? */
static bool has_ud_handler(struct x86_cpu *cpu)
{
	if (cpu->cr[0] & X86_CR0_PE)
		return cpu->idt.limit >= VEC_UD * 8 + 7;
	return cpu->idt.limit >= VEC_UD * 4 + 3 &&
	       softmmu_load(&cpu->mmu, cpu->idt.base + VEC_UD * 4, 4, SOFTMMU_KERNEL) != 0;
}

_Noreturn void x86_unsupported(struct x86_cpu *cpu)
{
	bool raising = has_ud_handler(cpu);

	report_unsupported(cpu, raising);
	if (!raising) {
		cpu->stop = X86_STOP_UNSUPPORTED;	/* nothing would catch it: stop here */
		longjmp(cpu->unwind, UNWIND_EVENT);
	}
	x86_raise(cpu, VEC_UD, X86_NO_ERROR);
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
 * one key (CS base and limit, mode flags), never into or out of a one-instruction TB
 * (the loop acts after each), and with paging on only within a linear page
 * (another page may map elsewhere next time). */
static bool may_chain(const struct x86_cpu *cpu, const struct tb *src, const struct tb *dst)
{
	return src->cs_base == dst->cs_base && src->cs_limit == dst->cs_limit &&
	       src->flags == dst->flags &&
	       !(src->flags & (X86_HF_SINGLE | X86_HF_SHADOW)) &&
	       (!(cpu->cr[0] & X86_CR0_PG) || src->lin_lo == dst->lin_lo);
}

/* The #DB trap after an instruction that ran with EFLAGS.TF set (stepped)
 * or hit data breakpoints: DR6 says which. */
static void debug_trap(struct x86_cpu *cpu, bool stepped)
{
	cpu->dr[6] |= cpu->dr_hits | (stepped ? DR6_BS : 0);
	cpu->dr_hits = 0;
	x86_deliver(cpu, VEC_DB, X86_EV_TRAP, X86_NO_ERROR, cpu->eip);
}

/* A stop for the debugger: the next run goes past a breakpoint here. */
static enum x86_stop debug_stop(struct x86_cpu *cpu)
{
	cpu->resume_past = true;
	cpu->resume_eip = cpu->eip;
	return X86_STOP_DEBUG;
}

/* The loop proper.  The first instruction runs alone (a one-instruction TB,
 * X86_HF_SINGLE, which always returns here) for an SMC redo, when stepping,
 * or at the breakpoint or step the last run stopped at (other stops, such
 * as a machine's requests for device service, do not pass breakpoints). */
static enum x86_stop run_loop(struct x86_cpu *cpu, bool redo)
{
	struct tb_cache *c = cpu->tbs;
	uint64_t token = 0, token_flushes = 0;

	redo = redo || cpu->step || (cpu->resume_past && cpu->eip == cpu->resume_eip &&
				     x86_breakpoint_at(cpu, cpu->eip));
	for (;;) {
		uint32_t flags, one;
		bool stepping, resuming, hold_trap;
		struct tb *tb;
		enum x86_stop stop;

		if (cpu->exit_request) {
			cpu->exit_request = 0;
			return X86_STOP_REQUESTED;
		}
		if ((cpu->intr || cpu->nmi_pending) && x86_take_interrupt(cpu))
			token = 0;
		if (cpu->halted)
			return X86_STOP_HLT;
		x86_dr_check_fetch(cpu);	/* an instruction breakpoint here: #DB */
		flags = (cpu->hflags & X86_HF_KEY) | (redo ? X86_HF_SINGLE : 0);
		one = flags & (X86_HF_SINGLE | X86_HF_SHADOW);
		stepping = cpu->eflags & X86_TF;
		resuming = cpu->eflags & X86_RF;
		tb = x86_translate(cpu, cpu->xlat, cpu->eip, flags);
		if (!tb)
			x86_unsupported(cpu);	/* a translator limit: #UD, reported */
		if (token && token_flushes == c->code.flushes) {
			struct tb *src = &c->tbs[(token - 1) >> 1];

			if (may_chain(cpu, src, tb) && tb_chain(c, src, (token - 1) & 1, tb))
				cpu->stat_chained++;
		}
		if (!one) {
			x86_jc_select(cpu, flags);	/* after x86_translate, which may flush */
			x86_jc_fill(cpu, cpu->eip, tb->code);
		}
		if (cpu->env.log & X86_LOG_EXEC)
			x86_logf(cpu, "EXEC %04x:%08x\n", cpu->seg[X86_CS].sel, cpu->eip);
		if (cpu->env.log & X86_LOG_CPU)
			log_cpu(cpu);
		cpu->stat_tb_exec++;
		cpu->in_multi_tb = !one;
		token = cpu->xlat->stubs.enter(cpu, tb->code);
		if (cpu->count_tb)
			x86_count_settle(cpu, false);	/* env.count only: cheap when off */
		cpu->in_multi_tb = false;
		cpu->resume_past = false;
		token_flushes = c->code.flushes;
		hold_trap = cpu->ss_loaded;
		cpu->ss_loaded = false;
		if (resuming)
			cpu->eflags &= ~X86_RF;	/* it let one instruction pass its breakpoint */
		if (flags & X86_HF_SHADOW)
			cpu->hflags &= ~X86_HF_SHADOW;	/* the shadowed instruction has run */
		if (cpu->stop) {
			stop = (enum x86_stop)cpu->stop;
			cpu->stop = 0;
			if (stop == X86_STOP_HLT)
				cpu->halted = true;
			return stop == X86_STOP_DEBUG ? debug_stop(cpu) : stop;
		}
		if (one) {
			redo = false;
			if (!hold_trap && (stepping || cpu->dr_hits))
				debug_trap(cpu, stepping);
			token = 0;
		}
		if (cpu->step)
			return debug_stop(cpu);
	}
}

/* A flat binary without an IDT cannot handle any event: the run stops and
 * the embedder reports it.  Anyone else's empty IDT (a firmware's, or a
 * kernel's that wants a reset) escalates as on hardware, to a triple fault. */
static bool no_handler(const struct x86_cpu *cpu)
{
	return cpu->empty_idt_stops && (cpu->cr[0] & X86_CR0_PE) && cpu->idt.limit == 0;
}

enum x86_stop x86_run(struct x86_cpu *cpu)
{
	int why = setjmp(cpu->unwind);

	cpu->in_multi_tb = false;
	x86_count_settle(cpu, why != 0);
	if (why)
		cpu->dr_hits = 0;	/* the instruction did not complete */
	if (why == UNWIND_EVENT) {
		if (cpu->stop) {
			enum x86_stop stop = (enum x86_stop)cpu->stop;

			cpu->stop = 0;
			return stop;
		}
		if (no_handler(cpu)) {
			cpu->fault_vector = cpu->exc_vector;
			return X86_STOP_FAULT;
		}
		x86_deliver(cpu, cpu->exc_vector, X86_EV_FAULT, cpu->exc_error, cpu->eip);
	}
	return run_loop(cpu, why == UNWIND_REDO);
}

void x86_redo_alone(struct x86_cpu *cpu)
{
	longjmp(cpu->unwind, UNWIND_REDO);
}
