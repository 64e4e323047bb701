/* Control and debug registers: writes with their reserved-bit and
 * combination checks, and what a write changes (the softmmu's view of
 * paging, the TLB, hflags).  Ref: Intel SDM Vol. 3, 2.5 and 17.2. */
#include "translator/prot.h"

#include "translator/sys.h"

/* CR0 bits a 686 keeps; ET is hardwired to 1. */
#define CR0_WRITABLE (X86_CR0_PE | X86_CR0_MP | X86_CR0_EM | X86_CR0_TS | X86_CR0_NE | \
		      X86_CR0_WP | X86_CR0_AM | X86_CR0_NW | X86_CR0_CD | X86_CR0_PG)
/* CR4 bits of the features CPUID advertises (and DE, TSD, which need no
 * feature bit beyond DE's aliasing rule); anything else is #GP. */
#define CR4_VALID (X86_CR4_TSD | X86_CR4_DE | X86_CR4_PSE | X86_CR4_PGE)
#define DR6_FIXED 0xffff0ff0u
#define DR7_FIXED 0x00000400u
#define CR3_MASK  0xfffff018u	/* page directory base, PWT, PCD */

static void paging_changed(struct x86_cpu *cpu)
{
	softmmu_set_paging(&cpu->mmu, cpu->cr[0], cpu->cr[3], cpu->cr[4]);
}

void x86_cr_write(struct x86_cpu *cpu, unsigned n, uint32_t value)
{
	uint32_t old;

	switch (n) {
	case 0:
		value = (value & CR0_WRITABLE) | X86_CR0_ET;
		if (((value & X86_CR0_PG) && !(value & X86_CR0_PE)) ||
		    ((value & X86_CR0_NW) && !(value & X86_CR0_CD)))
			x86_raise(cpu, X86_EXC_GP, 0);
		old = cpu->cr[0];
		cpu->cr[0] = value;
		if ((old ^ value) & (X86_CR0_PE | X86_CR0_PG | X86_CR0_WP))
			paging_changed(cpu);
		break;
	case 2:
		cpu->cr[2] = value;
		return;
	case 3:
		cpu->cr[3] = value & CR3_MASK;
		paging_changed(cpu);
		return;
	case 4:
		if (value & ~CR4_VALID)
			x86_raise(cpu, X86_EXC_GP, 0);
		old = cpu->cr[4];
		cpu->cr[4] = value;
		if ((old ^ value) & (X86_CR4_PSE | X86_CR4_PGE))
			paging_changed(cpu);
		return;
	default:
		x86_raise(cpu, X86_EXC_UD, X86_NO_ERROR);
	}
	x86_update_hflags(cpu);
}

/* DR4/DR5 are DR6/DR7 unless CR4.DE makes them #UD. */
static unsigned dr_index(struct x86_cpu *cpu, unsigned n)
{
	if (n == 4 || n == 5) {
		if (cpu->cr[4] & X86_CR4_DE)
			x86_raise(cpu, X86_EXC_UD, X86_NO_ERROR);
		return n + 2;
	}
	return n;
}

uint32_t x86_dr_read(struct x86_cpu *cpu, unsigned n)
{
	return cpu->dr[dr_index(cpu, n)];
}

void x86_dr_write(struct x86_cpu *cpu, unsigned n, uint32_t value)
{
	n = dr_index(cpu, n);
	if (n == 6)
		value |= DR6_FIXED;
	else if (n == 7)
		value = (value | DR7_FIXED) & ~0x0000d800u;
	cpu->dr[n] = value;
	if (n != 6)
		x86_dr_arm(cpu);
}
