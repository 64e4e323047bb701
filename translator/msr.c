/* The model-specific registers of this 686: TSC, APIC base, the SYSENTER
 * trio, and the read-as-zero platform/microcode IDs kernels probe on family
 * 6.  Any other index is #GP(0), as on hardware.  Ref: Intel SDM Vol. 4. */
#include "translator/prot.h"

#include "translator/sys.h"

#define MSR_TSC            0x010u
#define MSR_PLATFORM_ID    0x017u
#define MSR_APIC_BASE      0x01bu
#define MSR_BIOS_SIGN_ID   0x08bu	/* microcode revision: none loaded */
#define MSR_SYSENTER_CS    0x174u
#define MSR_SYSENTER_ESP   0x175u
#define MSR_SYSENTER_EIP   0x176u

#define APIC_BASE_MASK 0xfffff900u	/* base, global enable, BSP */

uint64_t x86_msr_read(struct x86_cpu *cpu, uint32_t index)
{
	switch (index) {
	case MSR_TSC: return x86_tsc_read(cpu);
	case MSR_PLATFORM_ID: return 0;
	case MSR_APIC_BASE: return cpu->msr_apic_base;
	case MSR_BIOS_SIGN_ID: return 0;
	case MSR_SYSENTER_CS: return cpu->msr_sysenter_cs;
	case MSR_SYSENTER_ESP: return cpu->msr_sysenter_esp;
	case MSR_SYSENTER_EIP: return cpu->msr_sysenter_eip;
	}
	x86_raise(cpu, X86_EXC_GP, 0);
}

void x86_msr_write(struct x86_cpu *cpu, uint32_t index, uint64_t value)
{
	switch (index) {
	case MSR_TSC:
		x86_tsc_set(cpu, value);
		return;
	case MSR_APIC_BASE:
		if (value & ~(uint64_t)APIC_BASE_MASK)
			x86_raise(cpu, X86_EXC_GP, 0);
		cpu->msr_apic_base = value;
		if (cpu->env.apic_base)
			cpu->env.apic_base(cpu->env.opaque, value);
		return;
	case MSR_BIOS_SIGN_ID:
		return;
	case MSR_SYSENTER_CS:
		cpu->msr_sysenter_cs = value & 0xffff;
		return;
	case MSR_SYSENTER_ESP:
		cpu->msr_sysenter_esp = (uint32_t)value;
		return;
	case MSR_SYSENTER_EIP:
		cpu->msr_sysenter_eip = (uint32_t)value;
		return;
	}
	x86_raise(cpu, X86_EXC_GP, 0);
}
