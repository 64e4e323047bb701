/* The C interpreter's core: decoding an instruction into its descriptor,
 * operand and stack access (segment base + offset) through the softmmu, and
 * dispatch to the families. */
#include "translator/interp.h"

#include "translator/prot.h"
#include "translator/sys.h"
#include "translator/translate.h"

void x86_idesc_fill(struct x86_idesc *d, const cs_insn *in, uint32_t eip, bool code16)
{
	const cs_x86 *x = &in->detail->x86;

	*d = (struct x86_idesc){
		.id = in->id, .eip = eip, .next_eip = code16 ? (eip + in->size) & 0xffff : eip + in->size,
		.rep = (x->prefix[0] == X86_PREFIX_REP || x->prefix[0] == X86_PREFIX_REPNE) ? x->prefix[0] : 0,
		.addr_size = x->addr_size,
		.opsize = (uint8_t)x86_opsize(in, code16),
		.opcode = x->opcode[0] == 0x0f ? x->opcode[1] : x->opcode[0],
		.modrm = x->modrm,
		.nops = x->op_count,
	};
	for (unsigned i = 0; i < x->op_count && i < 4; i++) {
		const cs_x86_op *o = &x->operands[i];
		struct x86_iop *p = &d->op[i];

		p->size = o->size;
		if (o->type == X86_OP_REG) {
			p->type = IOP_REG;
			p->reg = o->reg;
		} else if (o->type == X86_OP_IMM) {
			p->type = IOP_IMM;
			p->imm = o->imm;
		} else if (o->type == X86_OP_MEM) {
			p->type = IOP_MEM;
			p->base = o->mem.base;
			p->index = o->mem.index;
			p->scale = o->mem.scale;
			p->imm = o->mem.disp;
			p->addr16 = x->addr_size == 2;
			p->seg = (uint8_t)x86_mem_segment(o);
		}
	}
}

uint32_t interp_reg(struct x86_cpu *cpu, unsigned reg)
{
	unsigned idx, size, shift;

	if (!opnd_gpr(reg, &idx, &size, &shift))
		return 0;
	return (cpu->regs[idx] >> shift) & (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
}

void interp_set_reg(struct x86_cpu *cpu, unsigned reg, uint32_t v)
{
	unsigned idx, size, shift;
	uint32_t mask;

	if (!opnd_gpr(reg, &idx, &size, &shift))
		return;
	mask = (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1) << shift;
	cpu->regs[idx] = (cpu->regs[idx] & ~mask) | ((v << shift) & mask);
}

/* #AC(0) for a misaligned word or dword while alignment checking is on
 * (each part of a wider operand is checked on its own). */
static void check_alignment(struct x86_cpu *cpu, uint32_t addr, unsigned size)
{
	if ((cpu->hflags & X86_HF_ALIGNCHK) && (addr & (size - 1)))
		x86_raise(cpu, X86_EXC_AC, 0);
}

uint32_t interp_load(struct x86_cpu *cpu, uint32_t addr, unsigned size)
{
	check_alignment(cpu, addr, size);
	return softmmu_load(&cpu->mmu, addr, size, x86_kind_of(cpu->hflags));
}

void interp_store(struct x86_cpu *cpu, uint32_t addr, uint32_t v, unsigned size)
{
	check_alignment(cpu, addr, size);
	softmmu_store(&cpu->mmu, addr, v, size, x86_kind_of(cpu->hflags));
}

void interp_probe_store(struct x86_cpu *cpu, uint32_t addr, unsigned size)
{
	uint32_t phys, last = addr + size - 1;

	check_alignment(cpu, addr, size);
	softmmu_translate(&cpu->mmu, addr, SOFTMMU_WRITE, x86_kind_of(cpu->hflags), &phys);
	if ((last ^ addr) >> SOFTMMU_PAGE_BITS)
		softmmu_translate(&cpu->mmu, last, SOFTMMU_WRITE, x86_kind_of(cpu->hflags), &phys);
}

uint32_t interp_seg_base(const struct x86_cpu *cpu, unsigned seg)
{
	if ((seg == X86_DS || seg == X86_ES || seg == X86_SS) && !(cpu->hflags & X86_HF_ADDSEG))
		return 0;
	return cpu->seg[seg].base;
}

static uint32_t interp_offset(struct x86_cpu *cpu, const struct x86_iop *op)
{
	uint32_t a = (uint32_t)op->imm;

	if (op->base)
		a += interp_reg(cpu, op->base);
	if (op->index)
		a += interp_reg(cpu, op->index) * op->scale;
	if (op->addr16)
		a &= 0xffff;
	return a;
}

uint32_t interp_ea(struct x86_cpu *cpu, const struct x86_iop *op)
{
	return interp_offset(cpu, op) + interp_seg_base(cpu, op->seg);
}

uint32_t interp_ea_access(struct x86_cpu *cpu, const struct x86_iop *op, unsigned size, bool write)
{
	uint32_t off = interp_offset(cpu, op);

	x86_seg_access(cpu, op->seg, off, size, write);
	return off + interp_seg_base(cpu, op->seg);
}

uint32_t interp_sp(const struct x86_cpu *cpu)
{
	return cpu->hflags & X86_HF_STACK32 ? cpu->regs[X86_ESP] : cpu->regs[X86_ESP] & 0xffff;
}

void interp_set_sp(struct x86_cpu *cpu, uint32_t sp)
{
	if (cpu->hflags & X86_HF_STACK32)
		cpu->regs[X86_ESP] = sp;
	else
		cpu->regs[X86_ESP] = (cpu->regs[X86_ESP] & 0xffff0000u) | (sp & 0xffff);
}

uint32_t interp_stack_addr(struct x86_cpu *cpu, uint32_t sp, unsigned size, bool write)
{
	if (!(cpu->hflags & X86_HF_STACK32))
		sp &= 0xffff;
	x86_seg_access(cpu, X86_SS, sp, size, write);
	return sp + interp_seg_base(cpu, X86_SS);
}

void interp_push(struct x86_cpu *cpu, uint32_t v, unsigned size)
{
	uint32_t sp = interp_sp(cpu) - size;

	interp_store(cpu, interp_stack_addr(cpu, sp, size, true), v, size);
	interp_set_sp(cpu, sp);
}

uint32_t interp_pop(struct x86_cpu *cpu, unsigned size)
{
	uint32_t sp = interp_sp(cpu), v = interp_load(cpu, interp_stack_addr(cpu, sp, size, false), size);

	interp_set_sp(cpu, sp + size);
	return v;
}

uint32_t interp_read(struct x86_cpu *cpu, const struct x86_iop *op)
{
	uint32_t mask = op->size >= 4 ? 0xffffffffu : (1u << (8 * op->size)) - 1;

	switch (op->type) {
	case IOP_REG:
		return interp_reg(cpu, op->reg);
	case IOP_IMM:
		return (uint32_t)op->imm & mask;
	case IOP_MEM:
		return interp_load(cpu, interp_ea_access(cpu, op, op->size, false), op->size);
	}
	return 0;
}

void interp_write(struct x86_cpu *cpu, const struct x86_iop *op, uint32_t v)
{
	if (op->type == IOP_REG)
		interp_set_reg(cpu, op->reg, v);
	else if (op->type == IOP_MEM)
		interp_store(cpu, interp_ea_access(cpu, op, op->size, true), v, op->size);
}

int interp_fault(struct x86_cpu *cpu, const struct x86_idesc *d, unsigned vector)
{
	cpu->eip = d->eip;
	x86_raise(cpu, vector, X86_NO_ERROR);
}

static const uint16_t handled[] = {
	X86_INS_MUL, X86_INS_IMUL, X86_INS_DIV, X86_INS_IDIV,
	X86_INS_ROL, X86_INS_ROR, X86_INS_RCL, X86_INS_RCR, X86_INS_SHLD, X86_INS_SHRD,
	X86_INS_DAA, X86_INS_DAS, X86_INS_AAA, X86_INS_AAS, X86_INS_AAM, X86_INS_AAD,
	X86_INS_XADD, X86_INS_CMPXCHG, X86_INS_CMPXCHG8B,
	X86_INS_BT, X86_INS_BTS, X86_INS_BTR, X86_INS_BTC, X86_INS_BSF, X86_INS_BSR, X86_INS_BSWAP,
	X86_INS_MOVSB, X86_INS_MOVSW, X86_INS_MOVSD, X86_INS_STOSB, X86_INS_STOSW, X86_INS_STOSD,
	X86_INS_LODSB, X86_INS_LODSW, X86_INS_LODSD, X86_INS_SCASB, X86_INS_SCASW, X86_INS_SCASD,
	X86_INS_CMPSB, X86_INS_CMPSW, X86_INS_CMPSD, X86_INS_INSB, X86_INS_INSW, X86_INS_INSD,
	X86_INS_OUTSB, X86_INS_OUTSW, X86_INS_OUTSD,
	X86_INS_CPUID, X86_INS_RDTSC, X86_INS_XLATB,
	X86_INS_POPFD, X86_INS_POPF,
	X86_INS_PUSHAL, X86_INS_PUSHAW, X86_INS_POPAL, X86_INS_POPAW, X86_INS_ENTER,
	X86_INS_CLI, X86_INS_STI,
	X86_INS_MOV, X86_INS_PUSH, X86_INS_POP,
	X86_INS_LDS, X86_INS_LES, X86_INS_LFS, X86_INS_LGS, X86_INS_LSS,
	X86_INS_LJMP, X86_INS_LCALL, X86_INS_RETF, X86_INS_IRET, X86_INS_IRETD,
	X86_INS_INT, X86_INS_INT3, X86_INS_INT1, X86_INS_INTO, X86_INS_BOUND, X86_INS_UD2,
	X86_INS_LGDT, X86_INS_LIDT, X86_INS_SGDT, X86_INS_SIDT, X86_INS_LLDT, X86_INS_LTR,
	X86_INS_SLDT, X86_INS_STR, X86_INS_LAR, X86_INS_LSL, X86_INS_VERR, X86_INS_VERW, X86_INS_ARPL,
	X86_INS_SMSW, X86_INS_LMSW, X86_INS_CLTS, X86_INS_INVLPG, X86_INS_WBINVD, X86_INS_INVD,
	X86_INS_RDMSR, X86_INS_WRMSR, X86_INS_SYSENTER, X86_INS_SYSEXIT, X86_INS_IN, X86_INS_OUT,
};

bool x86_interp_handles(unsigned id)
{
	for (unsigned i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
		if (handled[i] == id)
			return true;
	return x87_handles(id);
}

int x86_interp(struct x86_cpu *cpu, uint64_t index)
{
	const struct x86_idesc *d = &cpu->xlat->insns[index];
	int r;

	cpu->eip = d->eip;	/* a fault raised from here on is this instruction's */
	if ((r = interp_arith(cpu, d)) >= 0)
		return r;
	if ((r = interp_bits(cpu, d)) >= 0)
		return r;
	if ((r = interp_string(cpu, d)) >= 0)
		return r;
	if ((r = interp_system(cpu, d)) >= 0)
		return r;
	if ((r = interp_segment(cpu, d)) >= 0)
		return r;
	if ((r = interp_descriptor(cpu, d)) >= 0)
		return r;
	if ((r = interp_control(cpu, d)) >= 0)
		return r;
	if ((r = interp_x87(cpu, d)) >= 0)
		return r;
	cpu->eip = d->eip;
	x86_unsupported(cpu);
}
