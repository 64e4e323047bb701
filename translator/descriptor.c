/* Descriptor tables and linear memory as the CPU's system side reads them:
 * GDT/LDT/IDT entries, the hidden cache a descriptor loads, accessed and
 * busy bits, segment limit checks.  Ref: Intel SDM Vol. 3, 3.4-3.5, 5.3. */
#include "translator/prot.h"

static enum softmmu_kind kind_of(unsigned cpl)
{
	return cpl == 3 ? SOFTMMU_USER : SOFTMMU_KERNEL;
}

uint32_t x86_lin_load(struct x86_cpu *cpu, uint32_t lin, unsigned size, unsigned cpl)
{
	return softmmu_load(&cpu->mmu, lin, size, kind_of(cpl));
}

void x86_lin_store(struct x86_cpu *cpu, uint32_t lin, uint32_t value, unsigned size, unsigned cpl)
{
	softmmu_store(&cpu->mmu, lin, value, size, kind_of(cpl));
}

/* Linear address of sel's descriptor, or false past its table's limit. */
static bool desc_addr(const struct x86_cpu *cpu, uint16_t sel, uint32_t *lin)
{
	uint32_t base = cpu->gdt.base, limit = cpu->gdt.limit;

	if (sel & SEL_TI) {
		if (!(cpu->ldt.attr & X86_SEG_P))
			return false;
		base = cpu->ldt.base;
		limit = cpu->ldt.limit;
	}
	if ((uint32_t)(sel & SEL_INDEX) + 7 > limit)
		return false;
	*lin = base + (sel & SEL_INDEX);
	return true;
}

bool x86_desc_fetch(struct x86_cpu *cpu, uint16_t sel, struct x86_desc *out)
{
	uint32_t lin;

	if (!desc_addr(cpu, sel, &lin))
		return false;
	out->lo = x86_lin_load(cpu, lin, 4, 0);
	out->hi = x86_lin_load(cpu, lin + 4, 4, 0);
	return true;
}

static void desc_update(struct x86_cpu *cpu, uint16_t sel, uint32_t hi_bit, bool set)
{
	uint32_t lin, hi;

	if (!desc_addr(cpu, sel, &lin))
		return;
	hi = x86_lin_load(cpu, lin + 4, 4, 0);
	if (!(hi & hi_bit) == set)
		x86_lin_store(cpu, lin + 4, set ? hi | hi_bit : hi & ~hi_bit, 4, 0);
}

void x86_desc_set_bit(struct x86_cpu *cpu, uint16_t sel, uint32_t hi_bit)
{
	desc_update(cpu, sel, hi_bit, true);
}

void x86_desc_clear_bit(struct x86_cpu *cpu, uint16_t sel, uint32_t hi_bit)
{
	desc_update(cpu, sel, hi_bit, false);
}

struct x86_seg x86_desc_cache(uint16_t sel, struct x86_desc d)
{
	uint32_t limit = (d.lo & 0xffff) | (d.hi & 0x000f0000u);

	if (d.hi & (1u << 23))
		limit = limit << 12 | 0xfff;
	return (struct x86_seg){
		.base = (d.lo >> 16) | (d.hi & 0xff) << 16 | (d.hi & 0xff000000u),
		.limit = limit,
		.sel = sel,
		.attr = (uint16_t)((d.hi >> 8) & 0xf0ff),
	};
}

bool x86_idt_fetch(struct x86_cpu *cpu, unsigned vector, struct x86_desc *out)
{
	if (vector * 8 + 7 > cpu->idt.limit)
		return false;
	out->lo = x86_lin_load(cpu, cpu->idt.base + vector * 8, 4, 0);
	out->hi = x86_lin_load(cpu, cpu->idt.base + vector * 8 + 4, 4, 0);
	return true;
}

bool x86_seg_range_ok(const struct x86_seg *s, uint32_t off, unsigned size)
{
	uint64_t last = (uint64_t)off + size - 1;

	if ((s->attr & X86_SEG_S) && !(s->attr & SEG_TYPE_CODE) && (s->attr & SEG_TYPE_EXPANDDOWN)) {
		uint64_t top = (s->attr & X86_SEG_DB) ? 0xffffffffu : 0xffffu;

		return off > s->limit && last <= top;
	}
	return last <= s->limit;
}
