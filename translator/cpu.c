/* Creating and destroying a CPU: its memory view, code buffer stubs, TB cache,
 * capstone handle and helper table; the exit request. */
#include "translator/cpu.h"

#include <stdlib.h>
#include <string.h>

#include "translator/flags.h"
#include "translator/host.h"
#include "translator/logcats.h"
#include "translator/prot.h"
#include "translator/sys.h"
#include "translator/translate.h"

/* TBs per byte of code buffer: the pool must not fill long before the
 * buffer does.  Under Linux a TB averages about 300 bytes of MIPS code; a
 * pool of 16384 filled at 2-5 MB of the 32 MB buffer and flushed everything
 * one to three times per shell command (fork, exec and exit retranslating
 * some 23,000 TBs each). */
#define TB_CODE_BYTES 256
#define TB_POOL_MIN 1024
#define INSN_POOL 16384
#define MIN_CODE (16 * 1024)

static uint32_t helper_load(struct x86_cpu *cpu, uint32_t addr, uint32_t size, uint32_t kind)
{
	return softmmu_load(&cpu->mmu, addr, size, (enum softmmu_kind)kind);
}

static void helper_store(struct x86_cpu *cpu, uint32_t addr, uint32_t value, uint32_t size, uint32_t kind)
{
	softmmu_store(&cpu->mmu, addr, value, size, (enum softmmu_kind)kind);
}

/* A store hit a page with translated code: drop the TBs holding that byte;
 * once none is left on the page, stores to it take the fast path again.  If
 * one of them holds the storing instruction (cpu->eip, stored before every
 * call out of generated code) and more after it, the rest of that TB must
 * not run: the instruction runs again alone, and stores then. */
static void code_written(void *opaque, uint32_t addr)
{
	struct x86_cpu *cpu = opaque;
	bool page_has_code, hit_running;

	if (tb_invalidate_range(cpu->tbs, addr, 1, cpu->seg[X86_CS].base + cpu->eip, &page_has_code,
				&hit_running))
		x86_jc_reset(cpu);
	if (!page_has_code)
		softmmu_clear_code(&cpu->mmu, addr & ~(SOFTMMU_PAGE_SIZE - 1));
	if (hit_running && cpu->in_multi_tb)
		x86_redo_alone(cpu);
}

void x86_ram_written(struct x86_cpu *cpu, uint32_t addr, uint32_t len)
{
	uint64_t end = (uint64_t)addr + len;

	for (uint64_t p = addr & ~(SOFTMMU_PAGE_SIZE - 1); p < end; p += SOFTMMU_PAGE_SIZE) {
		uint32_t lo = p > addr ? (uint32_t)p : addr;
		uint32_t hi = p + SOFTMMU_PAGE_SIZE < end ? (uint32_t)(p + SOFTMMU_PAGE_SIZE) : (uint32_t)end;
		bool page_has_code, hit_running;

		if (tb_invalidate_range(cpu->tbs, lo, hi - lo, 0, &page_has_code, &hit_running))
			x86_jc_reset(cpu);
		if (!page_has_code)
			softmmu_clear_code(&cpu->mmu, (uint32_t)p);
	}
}

/* The physical map changed under [base, base + size) (a ROM mapped, PAM,
 * A20): translations made from there are stale. */
static void map_changed(void *opaque, uint32_t base, uint64_t size)
{
	struct x86_cpu *cpu = opaque;

	for (uint64_t done = 0; done < size;) {
		uint32_t n = size - done > 0x80000000u ? 0x80000000u : (uint32_t)(size - done);

		x86_ram_written(cpu, (uint32_t)(base + done), n);
		done += n;
	}
}

/* An access reached a device's memory or unassigned space: the mmio log. */
static void mmio_access(void *opaque, uint32_t phys, const char *device, bool write,
			uint32_t value, unsigned size)
{
	struct x86_cpu *cpu = opaque;

	if (cpu->env.log & X86_LOG_MMIO)
		x86_logf(cpu, "MMIO %s %08x.%u = %0*x  %s\n", write ? "write" : "read ", phys, size,
			 (int)size * 2, value, device ? device : "unassigned");
}

/* softmmu refused an access: CR2 gets the linear address, then #PF. */
static void page_fault(void *opaque, uint32_t lin, uint32_t error_code)
{
	struct x86_cpu *cpu = opaque;

	cpu->cr[2] = lin;
	x86_raise(cpu, X86_EXC_PF, error_code);
}

static bool setup_code(struct x86_cpu *cpu)
{
	struct code_region *r = &cpu->tbs->code;
	struct emit e;

	if (!code_region_init(r, cpu->env.code, cpu->env.code_size, MIN_CODE))
		return false;
	emit_init(&e, r->base, r->end);
	if (!stubs_emit(&cpu->xlat->stubs, &e))
		return false;
	host_sync_code(r->base, (size_t)(e.ptr - r->base) * 4);
	code_region_seal_stubs(r, e.ptr);
	return true;
}

static unsigned tb_pool_size(size_t code_size)
{
	size_t n = code_size / TB_CODE_BYTES;

	return n < TB_POOL_MIN ? TB_POOL_MIN : (unsigned)n;
}

struct x86_cpu *x86_cpu_new(const struct x86_env *env)
{
	struct x86_cpu *cpu = calloc(1, sizeof(*cpu));

	if (!cpu)
		return NULL;
	cpu->env = *env;
	cpu->tbs = calloc(1, sizeof(*cpu->tbs));
	cpu->xlat = calloc(1, sizeof(*cpu->xlat));
	if (!cpu->tbs || !cpu->xlat || !softmmu_init(&cpu->mmu, env->ram, env->ram_size) ||
	    !tb_cache_init(cpu->tbs, tb_pool_size(env->code_size)) || !x86_xlat_init(cpu->xlat, INSN_POOL) ||
	    !setup_code(cpu)) {
		x86_cpu_free(cpu);
		return NULL;
	}
	cpu->mmu.code_write = code_written;
	cpu->mmu.map_changed = map_changed;
	cpu->mmu.page_fault = page_fault;
	cpu->mmu.mmio_access = mmio_access;
	cpu->mmu.watch_hit = x86_dr_watch_hit;
	cpu->mmu.opaque = cpu;
	cpu->helper[X86_HELPER_EFLAGS] = (uint64_t)(uintptr_t)x86_cc_eflags;
	cpu->helper[X86_HELPER_INTERP] = (uint64_t)(uintptr_t)x86_interp;
	cpu->helper[X86_HELPER_LOAD] = (uint64_t)(uintptr_t)helper_load;
	cpu->helper[X86_HELPER_STORE] = (uint64_t)(uintptr_t)helper_store;
	cpu->helper[X86_HELPER_IN] = (uint64_t)(uintptr_t)x86_port_in;
	cpu->helper[X86_HELPER_OUT] = (uint64_t)(uintptr_t)x86_port_out;
	cpu->helper[X86_HELPER_RAISE] = (uint64_t)(uintptr_t)x86_raise;
	cpu->helper[X86_HELPER_UNSUPPORTED] = (uint64_t)(uintptr_t)x86_unsupported;
	x86_jc_init(cpu);
	x86_set_eflags(cpu, 0x2);
	return cpu;
}

void x86_cpu_free(struct x86_cpu *cpu)
{
	if (!cpu)
		return;
	if (cpu->xlat)
		x86_xlat_free(cpu->xlat);
	if (cpu->tbs)
		tb_cache_free(cpu->tbs);
	softmmu_free(&cpu->mmu);
	free(cpu->xlat);
	free(cpu->tbs);
	free(cpu);
}

void x86_request_exit(struct x86_cpu *cpu)
{
	cpu->exit_request = 1;
}

const char *x86_stop_name(enum x86_stop stop)
{
	switch (stop) {
	case X86_STOP_EXIT: return "exit";
	case X86_STOP_HLT: return "hlt";
	case X86_STOP_UNSUPPORTED: return "unsupported instruction";
	case X86_STOP_FAULT: return "fault";
	case X86_STOP_REQUESTED: return "exit requested";
	case X86_STOP_TRIPLE_FAULT: return "triple fault";
	case X86_STOP_DEBUG: return "breakpoint or step";
	}
	return "?";
}
