/* The debug registers' breakpoints: DR7 enables DR0-DR3 as instruction
 * breakpoints (the loop checks them before each instruction: a #DB fault)
 * or data breakpoints (softmmu watches: a #DB trap after the instruction),
 * each hit named in DR6.  While any is enabled every instruction runs in a
 * TB of its own (hflags), so the loop sees each one.  I/O breakpoints
 * (R/W 10b) and general detect are not implemented.
 * Ref: Intel SDM Vol. 3, 17.2-17.3. */
#include "translator/prot.h"

#include "translator/sys.h"

#define DR7_ENABLES   0xffu	/* L0 G0 ... L3 G3 */
#define DR7_RW_EXEC   0u	/* R/Wn: instruction fetch */
#define DR7_RW_WRITE  1u	/* data writes */
#define DR7_RW_ACCESS 3u	/* data reads and writes */

static bool dr7_enabled(uint32_t dr7, unsigned n)
{
	return (dr7 >> (2 * n)) & 3;
}

static unsigned dr7_rw(uint32_t dr7, unsigned n)
{
	return (dr7 >> (16 + 4 * n)) & 3;
}

/* LENn: 00 1 byte, 01 2, 11 4 (10, 8 bytes, is undefined on a 686). */
static uint32_t dr7_len(uint32_t dr7, unsigned n)
{
	static const uint8_t bytes[4] = { 1, 2, 8, 4 };

	return bytes[(dr7 >> (18 + 4 * n)) & 3];
}

bool x86_dr_armed(const struct x86_cpu *cpu)
{
	return cpu->dr[7] & DR7_ENABLES;
}

void x86_dr_arm(struct x86_cpu *cpu)
{
	uint32_t dr7 = cpu->dr[7];

	for (unsigned n = 0; n < X86_DR_BREAKPOINTS; n++) {
		unsigned rw = dr7_rw(dr7, n);
		uint32_t len = dr7_len(dr7, n);
		bool data = dr7_enabled(dr7, n) && (rw == DR7_RW_WRITE || rw == DR7_RW_ACCESS);

		/* The address is aligned to the length, as the CPU compares it. */
		softmmu_set_watch(&cpu->mmu, n, cpu->dr[n] & ~(len - 1), data ? len : 0,
				  rw == DR7_RW_ACCESS);
	}
	cpu->dr_hits = 0;
	x86_update_hflags(cpu);
}

void x86_dr_check_fetch(struct x86_cpu *cpu)
{
	uint32_t dr7 = cpu->dr[7], lin = cpu->seg[X86_CS].base + cpu->eip, hits = 0;

	if (!(dr7 & DR7_ENABLES) || (cpu->eflags & X86_RF))
		return;
	for (unsigned n = 0; n < X86_DR_BREAKPOINTS; n++)
		if (dr7_enabled(dr7, n) && dr7_rw(dr7, n) == DR7_RW_EXEC && cpu->dr[n] == lin)
			hits |= 1u << n;
	if (hits) {
		cpu->dr[6] |= hits;
		x86_raise(cpu, X86_EXC_DB, X86_NO_ERROR);
	}
}

void x86_dr_watch_hit(void *opaque, unsigned n)
{
	struct x86_cpu *cpu = opaque;

	cpu->dr_hits |= 1u << n;
}
