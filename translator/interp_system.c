/* Interpreted system-ish instructions: cpuid, rdtsc, xlat, popf, cli/sti,
 * pusha/popa and enter.  Ref: Intel SDM Vol. 2. */
#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/sys.h"


static void do_pusha(struct x86_cpu *cpu, unsigned size)
{
	uint32_t sp = interp_sp(cpu);

	for (unsigned i = 0; i < 8; i++)
		interp_store(cpu, interp_stack_addr(cpu, sp - size * (i + 1), size, true), cpu->regs[i], size);
	interp_set_sp(cpu, sp - 8 * size);
}

static void do_popa(struct x86_cpu *cpu, unsigned size)
{
	uint32_t sp = interp_sp(cpu), v[8];

	for (unsigned i = 0; i < 8; i++)
		v[7 - i] = interp_load(cpu, interp_stack_addr(cpu, sp + size * i, size, false), size);
	for (unsigned i = 0; i < 8; i++) {
		if (i == X86_ESP)
			continue;
		if (size == 4)
			cpu->regs[i] = v[i];
		else
			cpu->regs[i] = (cpu->regs[i] & 0xffff0000u) | (v[i] & 0xffff);
	}
	interp_set_sp(cpu, sp + 8 * size);
}

/* Frame pointers are copied from the old frame (ebp, or bp with a 16-bit
 * stack); registers change after every store. */
static void do_enter(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint32_t alloc = (uint32_t)d->op[0].imm & 0xffff, level = (uint32_t)d->op[1].imm & 31;
	unsigned size = d->opsize;
	uint32_t sp = interp_sp(cpu) - size, bp = cpu->regs[X86_EBP], frame = sp;

	interp_store(cpu, interp_stack_addr(cpu, sp, size, true), bp, size);
	if (level) {
		for (uint32_t i = 1; i < level; i++) {
			bp -= size;
			sp -= size;
			uint32_t v = interp_load(cpu, interp_stack_addr(cpu, bp, size, false), size);

			interp_store(cpu, interp_stack_addr(cpu, sp, size, true), v, size);
		}
		sp -= size;
		interp_store(cpu, interp_stack_addr(cpu, sp, size, true), frame, size);
	}
	if (size == 4)
		cpu->regs[X86_EBP] = frame;
	else
		cpu->regs[X86_EBP] = (cpu->regs[X86_EBP] & 0xffff0000u) | (frame & 0xffff);
	interp_set_sp(cpu, sp - alloc);
}

/* xlat: [ebx + al] (bx with 16-bit addressing) through DS or the override. */
static uint32_t xlat_addr(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint32_t off = cpu->regs[X86_EBX] + (cpu->regs[X86_EAX] & 0xff);

	unsigned seg = d->nops && d->op[0].type == IOP_MEM ? d->op[0].seg : X86_DS;

	if (d->addr_size == 2)
		off &= 0xffff;
	x86_seg_access(cpu, seg, off, 1, false);
	return off + interp_seg_base(cpu, seg);
}

int interp_system(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	switch (d->id) {
	case X86_INS_CPUID:
		x86_cpuid(cpu);
		return 0;
	case X86_INS_XLATB:
		interp_set_reg(cpu, X86_REG_AL, interp_load(cpu, xlat_addr(cpu, d), 1));
		return 0;
	case X86_INS_PUSHAL:
	case X86_INS_PUSHAW:
		do_pusha(cpu, d->opsize);
		return 0;
	case X86_INS_POPAL:
	case X86_INS_POPAW:
		do_popa(cpu, d->opsize);
		return 0;
	case X86_INS_ENTER:
		do_enter(cpu, d);
		return 0;
	}
	return -1;
}
