/* Segment checks on ordinary data and stack accesses: the offsets each
 * segment register lets reads and writes reach (limit, expand-down, the
 * B bit's upper bound, type and null selectors), kept in cpu->seg_bounds
 * for generated code, and the same check for the interpreter.  #SS(0)
 * through SS, else #GP(0).  Ref: Intel SDM Vol. 3 5.3 (limit checking),
 * 5.4 (type checking), 3.4.5.1 (expand-down). */
#include "translator/prot.h"

#include "translator/sys.h"

static struct x86_seg_bounds bounds_of(const struct x86_seg *s, bool protected_mode)
{
	unsigned type = s->attr & X86_SEG_TYPE;
	int64_t lo = 0, hi = s->limit;
	bool readable = true, writable = true;

	if (protected_mode) {
		if (!(s->attr & X86_SEG_P) || !(s->attr & X86_SEG_S)) {
			readable = writable = false;	/* null (or never valid) */
		} else if (type & SEG_TYPE_CODE) {
			readable = type & SEG_TYPE_READABLE;
			writable = false;
		} else {
			writable = type & SEG_TYPE_WRITABLE;
		}
	}
	if (!(type & SEG_TYPE_CODE) && (type & SEG_TYPE_EXPANDDOWN) && (s->attr & X86_SEG_S)) {
		/* Offsets above the limit, up to 4G - 1 (B set) or 64K - 1. */
		lo = (int64_t)s->limit + 1;
		hi = s->attr & X86_SEG_DB ? 0xffffffff : 0xffff;
	}
	return (struct x86_seg_bounds){
		.lo = lo,
		.span = { readable ? hi - lo : X86_SEG_NO_ACCESS, writable ? hi - lo : X86_SEG_NO_ACCESS },
	};
}

uint32_t x86_seg_bounds_update(struct x86_cpu *cpu)
{
	bool protected_mode = (cpu->cr[0] & X86_CR0_PE) && !(cpu->eflags & X86_VM);
	uint32_t check = 0;

	for (unsigned i = 0; i < 6; i++) {
		struct x86_seg_bounds *b = &cpu->seg_bounds[i];

		*b = bounds_of(&cpu->seg[i], protected_mode);
		if (b->lo != 0 || b->span[0] != 0xffffffff || b->span[1] != 0xffffffff)
			check |= X86_HF_SEGCHK(i);
	}
	return check;
}

bool x86_seg_allows(const struct x86_cpu *cpu, unsigned seg, uint32_t off, uint32_t len, bool write)
{
	const struct x86_seg_bounds *b = &cpu->seg_bounds[seg];
	int64_t d = (int64_t)off - b->lo;

	return !(cpu->hflags & X86_HF_SEGCHK(seg)) || (d >= 0 && d + (int64_t)len - 1 <= b->span[write]);
}

void x86_seg_access(struct x86_cpu *cpu, unsigned seg, uint32_t off, unsigned size, bool write)
{
	if (!x86_seg_allows(cpu, seg, off, size, write))
		x86_raise(cpu, seg == X86_SS ? X86_EXC_SS : X86_EXC_GP, 0);
}
