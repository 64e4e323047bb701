/* What CPUID says: one coherent 686-class Intel CPU (family 6, model 3)
 * advertising only what mimic does: x87 FPU, PSE, TSC, MSR, CX8, the local
 * APIC (devices/lapic.c, the machine's), SEP, PGE, CMOV.  No
 * VME/DE/PAE/MCE/MTRR/PAT/MMX/FXSR/SSE.  Ref: Intel SDM
 * Vol. 2, CPUID. */
#include "translator/sys.h"

#define CPUID_MAX_LEAF 1u

#define FEAT_FPU  (1u << 0)
#define FEAT_PSE  (1u << 3)
#define FEAT_TSC  (1u << 4)
#define FEAT_MSR  (1u << 5)
#define FEAT_CX8  (1u << 8)
#define FEAT_APIC (1u << 9)
#define FEAT_SEP  (1u << 11)
#define FEAT_PGE  (1u << 13)
#define FEAT_CMOV (1u << 15)

void x86_cpuid(struct x86_cpu *cpu)
{
	uint32_t *r = cpu->regs;
	uint32_t leaf = r[X86_EAX];

	/* Past the last leaf (extended ones included) the CPU answers with
	 * its highest basic leaf, as Intel's do. */
	if (leaf > CPUID_MAX_LEAF)
		leaf = CPUID_MAX_LEAF;
	if (leaf == 0) {
		r[X86_EAX] = CPUID_MAX_LEAF;
		r[X86_EBX] = 0x756e6547;	/* "Genu" */
		r[X86_EDX] = 0x49656e69;	/* "ineI" */
		r[X86_ECX] = 0x6c65746e;	/* "ntel" */
		return;
	}
	r[X86_EAX] = X86_CPUID_SIGNATURE;
	r[X86_EBX] = 0;
	r[X86_ECX] = 0;
	r[X86_EDX] = FEAT_FPU | FEAT_PSE | FEAT_TSC | FEAT_MSR | FEAT_CX8 | FEAT_APIC | FEAT_SEP |
		     FEAT_PGE | FEAT_CMOV;
}
