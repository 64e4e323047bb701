/* Interpreted system-ish instructions: cpuid, rdtsc, xlat, popf, cli/sti,
 * pusha/popa and enter.  Ref: Intel SDM Vol. 2. */
#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/sys.h"

/* EFLAGS bits popf may change at CPL 0 (VM, RF and VIF/VIP are kept). */
#define POPF_MASK 0x00247fd5u

static void push(struct x86_cpu *cpu, uint32_t v, unsigned size)
{
	cpu->regs[X86_ESP] -= size;
	interp_store(cpu, cpu->regs[X86_ESP], v, size);
}

static uint32_t pop(struct x86_cpu *cpu, unsigned size)
{
	uint32_t v = interp_load(cpu, cpu->regs[X86_ESP], size);

	cpu->regs[X86_ESP] += size;
	return v;
}

static void do_pusha(struct x86_cpu *cpu, unsigned size)
{
	uint32_t esp = cpu->regs[X86_ESP];

	for (unsigned i = 0; i < 8; i++)
		push(cpu, i == X86_ESP ? esp : cpu->regs[i], size);
}

static void do_popa(struct x86_cpu *cpu, unsigned size)
{
	for (unsigned i = 8; i-- > 0;) {
		uint32_t v = pop(cpu, size);

		if (i == X86_ESP)
			continue;
		if (size == 4)
			cpu->regs[i] = v;
		else
			cpu->regs[i] = (cpu->regs[i] & 0xffff0000u) | (v & 0xffff);
	}
}

static void do_enter(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint32_t alloc = (uint32_t)d->op[0].imm & 0xffff, level = (uint32_t)d->op[1].imm & 31;
	uint32_t frame;

	push(cpu, cpu->regs[X86_EBP], 4);
	frame = cpu->regs[X86_ESP];
	if (level) {
		for (uint32_t i = 1; i < level; i++) {
			cpu->regs[X86_EBP] -= 4;
			push(cpu, interp_load(cpu, cpu->regs[X86_EBP], 4), 4);
		}
		push(cpu, frame, 4);
	}
	cpu->regs[X86_EBP] = frame;
	cpu->regs[X86_ESP] -= alloc;
}

int interp_system(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	uint32_t f;
	uint64_t tsc;

	switch (d->id) {
	case X86_INS_CPUID:
		x86_cpuid(cpu);
		return 0;
	case X86_INS_RDTSC:
		tsc = x86_tsc_read(cpu);
		cpu->regs[X86_EAX] = (uint32_t)tsc;
		cpu->regs[X86_EDX] = (uint32_t)(tsc >> 32);
		return 0;
	case X86_INS_XLATB:
		interp_set_reg(cpu, X86_REG_AL, interp_load(cpu, cpu->regs[X86_EBX] + (cpu->regs[X86_EAX] & 0xff), 1));
		return 0;
	case X86_INS_POPF:
	case X86_INS_POPFD:
		f = pop(cpu, d->opsize);
		if (d->opsize == 2)
			f |= x86_get_eflags(cpu) & 0xffff0000u;
		x86_set_eflags(cpu, (x86_get_eflags(cpu) & ~POPF_MASK) | (f & POPF_MASK));
		return 0;
	case X86_INS_PUSHAL:
	case X86_INS_PUSHAW:
		do_pusha(cpu, d->id == X86_INS_PUSHAL ? 4 : 2);
		return 0;
	case X86_INS_POPAL:
	case X86_INS_POPAW:
		do_popa(cpu, d->id == X86_INS_POPAL ? 4 : 2);
		return 0;
	case X86_INS_ENTER:
		do_enter(cpu, d);
		return 0;
	case X86_INS_CLI:
	case X86_INS_STI:
		cpu->eflags = d->id == X86_INS_STI ? cpu->eflags | X86_IF : cpu->eflags & ~X86_IF;
		return 0;
	}
	return -1;
}
