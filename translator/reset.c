/* The processor state after RESET (Intel SDM Vol. 3, 9.1.1, table 9-1):
 * real mode at F000:FFF0 with CS base 0xFFFF0000, so the first fetch is at
 * 0xFFFFFFF0 in the firmware ROM.  EDX holds the CPUID signature. */
#include "translator/sys.h"

#include <string.h>

#include "translator/flags.h"
#include "translator/prot.h"

#define RESET_CR0 (X86_CR0_CD | X86_CR0_NW | X86_CR0_ET)
#define RESET_DR6 0xffff0ff0u
#define RESET_DR7 0x00000400u

static struct x86_seg real_seg(uint16_t sel, uint32_t base, unsigned type)
{
	return (struct x86_seg){
		.base = base, .limit = 0xffff, .sel = sel,
		.attr = (uint16_t)(type | X86_SEG_S | X86_SEG_P),
	};
}

void x86_reset(struct x86_cpu *cpu)
{
	memset(cpu->regs, 0, sizeof(cpu->regs));
	cpu->regs[X86_EDX] = X86_CPUID_SIGNATURE;
	cpu->eip = 0xfff0;
	x86_set_eflags(cpu, 0x2);
	for (unsigned i = 0; i < 6; i++)
		cpu->seg[i] = real_seg(0, 0, SEG_TYPE_WRITABLE | SEG_TYPE_ACCESSED);
	cpu->seg[X86_CS] = real_seg(0xf000, 0xffff0000u,
				    SEG_TYPE_CODE | SEG_TYPE_READABLE | SEG_TYPE_ACCESSED);
	memset(cpu->cr, 0, sizeof(cpu->cr));
	cpu->cr[0] = RESET_CR0;
	memset(cpu->dr, 0, sizeof(cpu->dr));
	cpu->dr[6] = RESET_DR6;
	cpu->dr[7] = RESET_DR7;
	cpu->gdt.base = cpu->idt.base = 0;
	cpu->gdt.limit = cpu->idt.limit = 0xffff;
	cpu->ldt = real_seg(0, 0, DESC_LDT);
	cpu->ldt.attr &= ~X86_SEG_S;
	cpu->tr = real_seg(0, 0, DESC_TSS16_BUSY);
	cpu->tr.attr &= ~X86_SEG_S;
	cpu->msr_sysenter_cs = cpu->msr_sysenter_esp = cpu->msr_sysenter_eip = 0;
	cpu->msr_apic_base = X86_APIC_BASE_RESET;
	x86_tsc_set(cpu, 0);
	x87_reset(&cpu->fpu);
	cpu->nmi_pending = cpu->nmi_blocked = cpu->halted = false;
	cpu->empty_idt_stops = false;
	cpu->exc_depth = 0;
	cpu->hflags = 0;
	x86_update_hflags(cpu);
	softmmu_set_paging(&cpu->mmu, cpu->cr[0], cpu->cr[3], cpu->cr[4]);
	softmmu_tlb_flush(&cpu->mmu);
	x86_dr_arm(cpu);	/* DR7 disables them all */
}
