/* Interpreted string instructions movs/stos/lods/scas/cmps/ins/outs with
 * rep/repe/repne, 32- or 16-bit addressing, the source through DS (or its
 * override), the destination through ES.  Registers advance after each
 * element, so a fault in the middle restarts where it stopped; rep ins/outs
 * move runs of elements through the embedder's string callbacks at once.
 * Ref: Intel SDM Vol. 2 "REP/REPE/REPZ/REPNE/REPNZ". */
#include <string.h>

#include "translator/flags.h"
#include "translator/interp.h"
#include "translator/sys.h"
#include "translator/translate.h"

enum str_op { STR_MOVS, STR_STOS, STR_LODS, STR_SCAS, STR_CMPS, STR_INS, STR_OUTS };

/* By the opcode byte: A4/A5 movs, A6/A7 cmps, AA/AB stos, AC/AD lods,
 * AE/AF scas, 6C/6D ins, 6E/6F outs; the low bit picks byte or word/dword. */
static int str_op_of(uint8_t opcode)
{
	switch (opcode & 0xfe) {
	case 0xa4: return STR_MOVS;
	case 0xa6: return STR_CMPS;
	case 0xaa: return STR_STOS;
	case 0xac: return STR_LODS;
	case 0xae: return STR_SCAS;
	case 0x6c: return STR_INS;
	case 0x6e: return STR_OUTS;
	}
	return -1;
}

/* Where the string registers are: ESI/EDI/ECX, or SI/DI/CX with 16-bit
 * addressing (their upper halves untouched); the segments and the bases
 * added. */
struct str_regs {
	bool a16;
	unsigned src_seg;
	uint32_t src_base;
	uint32_t dst_base;
};

static uint32_t str_index(const struct x86_cpu *cpu, unsigned r, const struct str_regs *sr)
{
	return sr->a16 ? cpu->regs[r] & 0xffff : cpu->regs[r];
}

static void str_advance(struct x86_cpu *cpu, unsigned r, int32_t step, const struct str_regs *sr)
{
	if (sr->a16)
		cpu->regs[r] = (cpu->regs[r] & 0xffff0000u) | ((cpu->regs[r] + step) & 0xffff);
	else
		cpu->regs[r] += step;
}

/* One element; returns false when a repe/repne condition ends the loop. */
static bool str_step(struct x86_cpu *cpu, enum str_op op, unsigned size, int32_t step, uint8_t rep,
		     const struct str_regs *sr)
{
	uint32_t si = str_index(cpu, X86_ESI, sr) + sr->src_base;
	uint32_t di = str_index(cpu, X86_EDI, sr) + sr->dst_base;
	uint32_t mask = cc_mask(size), a = 0, b = 0;
	uint16_t port = cpu->regs[X86_EDX] & 0xffff;
	bool uses_si = op == STR_MOVS || op == STR_LODS || op == STR_OUTS || op == STR_CMPS;
	bool uses_di = op != STR_LODS && op != STR_OUTS;

	if (uses_si)
		x86_seg_access(cpu, sr->src_seg, str_index(cpu, X86_ESI, sr), size, false);
	if (uses_di)
		x86_seg_access(cpu, X86_ES, str_index(cpu, X86_EDI, sr), size,
			       op != STR_SCAS && op != STR_CMPS);

	switch (op) {
	case STR_MOVS:
		interp_store(cpu, di, interp_load(cpu, si, size), size);
		break;
	case STR_STOS:
		interp_store(cpu, di, cpu->regs[X86_EAX] & mask, size);
		break;
	case STR_LODS:
		interp_set_reg(cpu, size == 1 ? X86_REG_AL : size == 2 ? X86_REG_AX : X86_REG_EAX,
			       interp_load(cpu, si, size));
		break;
	case STR_INS:
		x86_io_check(cpu, port, size);
		interp_probe_store(cpu, di, size);	/* a #PF comes before the device moves */
		interp_store(cpu, di, x86_port_in(cpu, port, size) & mask, size);
		break;
	case STR_OUTS:
		x86_io_check(cpu, port, size);
		x86_port_out(cpu, port, interp_load(cpu, si, size), size);
		break;
	case STR_SCAS:
		a = cpu->regs[X86_EAX] & mask;
		b = interp_load(cpu, di, size);
		break;
	default:	/* CMPS: [esi] - [edi] */
		a = interp_load(cpu, si, size);
		b = interp_load(cpu, di, size);
		break;
	}
	if (uses_si)
		str_advance(cpu, X86_ESI, step, sr);
	if (uses_di)
		str_advance(cpu, X86_EDI, step, sr);
	if (op != STR_SCAS && op != STR_CMPS)
		return true;
	x86_cc_record(cpu, CC_SUB, size, a - b, a, b, 0);
	if (rep == X86_PREFIX_REP)
		return a == b;
	if (rep == X86_PREFIX_REPNE)
		return a != b;
	return true;
}

/* rep movs/stos going up through plain RAM, as one block operation.  A
 * forward element copy equals memmove unless the destination starts inside
 * the source above it (then the pattern repeats): left to the loop. */
static bool str_block(struct x86_cpu *cpu, enum str_op op, unsigned size)
{
	uint32_t n = cpu->regs[X86_ECX], len = n * size;
	uint32_t src = cpu->regs[X86_ESI], dst = cpu->regs[X86_EDI];
	uint8_t *d, *s;

	if ((cpu->eflags & X86_DF) || n > 0x10000000u / size)
		return false;
	/* The source first: its page walk comes first on the CPU too. */
	s = op == STR_MOVS ? softmmu_host_range(&cpu->mmu, src, len, SOFTMMU_READ, x86_kind_of(cpu->hflags)) : NULL;
	if (op == STR_MOVS && (!s || (dst > src && dst < src + len)))
		return false;
	d = softmmu_host_range(&cpu->mmu, dst, len, SOFTMMU_WRITE, x86_kind_of(cpu->hflags));
	if (!d)
		return false;
	if (op == STR_MOVS) {
		memmove(d, s, len);
		cpu->regs[X86_ESI] = src + len;
	} else if (size == 1) {
		memset(d, (int)(cpu->regs[X86_EAX] & 0xff), len);
	} else {
		for (uint32_t i = 0; i < len; i += size)
			memcpy(d + i, &cpu->regs[X86_EAX], size);
	}
	cpu->regs[X86_EDI] = dst + len;
	cpu->regs[X86_ECX] = 0;
	return true;
}

/* rep ins/outs: the elements up to the next page boundary (or the 64K wrap
 * of a 16-bit index) in one call to the embedder's string callback, when
 * they all lie in plain RAM the segment allows, going up (DF clear), with
 * no I/O permission or alignment check to make and no port log.  Checks
 * come first, so nothing has moved when it declines.  Returns the number of
 * elements moved; 0: the caller moves one element alone. */
static uint32_t str_io_run(struct x86_cpu *cpu, enum str_op op, unsigned size, const struct str_regs *sr)
{
	bool in = op == STR_INS;
	unsigned index = in ? X86_EDI : X86_ESI, seg = in ? X86_ES : sr->src_seg;
	uint32_t off = str_index(cpu, index, sr), lin = off + (in ? sr->dst_base : sr->src_base);
	uint32_t n = str_index(cpu, X86_ECX, sr), room = (SOFTMMU_PAGE_SIZE - (lin & SOFTMMU_PAGE_MASK)) / size;
	uint16_t port = cpu->regs[X86_EDX] & 0xffff;
	uint8_t *host;

	if (!(in ? cpu->env.in_string != NULL : cpu->env.out_string != NULL) || (cpu->eflags & X86_DF) ||
	    (cpu->env.log & X86_LOG_IOPORT) || (cpu->hflags & (X86_HF_IOCHECK | X86_HF_ALIGNCHK)))
		return 0;
	if (sr->a16 && (0x10000 - off) / size < room)
		room = (0x10000 - off) / size;
	if (room < n)
		n = room;
	if (n == 0 || !x86_seg_allows(cpu, seg, off, n * size, in))
		return 0;
	host = softmmu_host_range(&cpu->mmu, lin, n * size, in ? SOFTMMU_WRITE : SOFTMMU_READ,
				  x86_kind_of(cpu->hflags));
	if (!host)
		return 0;
	if (in)
		cpu->env.in_string(cpu->env.opaque, port, size, host, n);
	else
		cpu->env.out_string(cpu->env.opaque, port, size, host, n);
	str_advance(cpu, index, (int32_t)(n * size), sr);
	str_advance(cpu, X86_ECX, -(int32_t)n, sr);
	return n;
}

/* The segment of the operand addressed through (E)SI: DS or its override. */
static unsigned source_segment(const struct x86_idesc *d)
{
	for (unsigned i = 0; i < d->nops && i < 4; i++)
		if (d->op[i].type == IOP_MEM && (d->op[i].base == X86_REG_ESI || d->op[i].base == X86_REG_SI))
			return d->op[i].seg;
	return X86_DS;
}

int interp_string(struct x86_cpu *cpu, const struct x86_idesc *d)
{
	int op = str_op_of(d->opcode);
	unsigned size = (d->opcode & 1) ? d->opsize : 1;
	int32_t step = (cpu->eflags & X86_DF) ? -(int32_t)size : (int32_t)size;
	bool compares = op == STR_SCAS || op == STR_CMPS;
	unsigned src_seg = source_segment(d);
	struct str_regs sr = {
		.a16 = d->addr_size == 2, .src_seg = src_seg, .src_base = interp_seg_base(cpu, src_seg),
		.dst_base = interp_seg_base(cpu, X86_ES),
	};

	if (op < 0 || d->op[0].type == IOP_NONE)
		return -1;
	if (!d->rep) {
		str_step(cpu, op, size, step, 0, &sr);
		return 0;
	}
	if ((op == STR_MOVS || op == STR_STOS) && !sr.a16 && !sr.src_base && !sr.dst_base &&
	    !(cpu->hflags & (X86_HF_SEGCHK(src_seg) | X86_HF_SEGCHK(X86_ES))) && str_block(cpu, op, size))
		return 0;
	while (str_index(cpu, X86_ECX, &sr) != 0) {
		bool go;

		if ((op == STR_INS || op == STR_OUTS) && str_io_run(cpu, op, size, &sr))
			continue;
		go = str_step(cpu, op, size, step, compares ? d->rep : 0, &sr);

		str_advance(cpu, X86_ECX, -1, &sr);
		if (!go)
			break;
	}
	return 0;
}
