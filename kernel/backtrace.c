/* MIPS code keeps no frame chain, so the call trace is a stack scan: each
 * doubleword that points into kernel text just after a jal/jalr/bal (and its
 * delay slot) is taken as a return address.  Stale frames can show up; the
 * report says so. */
#include "kernel/backtrace.h"

#include <stdio.h>

extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addr[];
extern const uint32_t ksyms_name[];
extern const char ksyms_strings[];
extern const char _image_start[], _etext[], _boot_stack_top[];

#define SCAN_DOUBLEWORDS 512
#define MAX_FRAMES 16

static int in_text(uint64_t a)
{
	return a >= (uint64_t)(uintptr_t)_image_start && a < (uint64_t)(uintptr_t)_etext;
}

void backtrace_print_symbol(uint64_t addr)
{
	uint64_t lo = 0, hi = ksyms_count;

	if (!in_text(addr) || ksyms_count == 0 || addr < ksyms_addr[0]) {
		printf("?");
		return;
	}
	while (hi - lo > 1) {	/* last symbol at or below addr */
		uint64_t mid = (lo + hi) / 2;

		if (ksyms_addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	printf("%s+0x%llx", ksyms_strings + ksyms_name[lo],
	       (unsigned long long)(addr - ksyms_addr[lo]));
}

/* True if the instruction two before ra is a call: jal, jalr, bal/bgezal. */
static int is_return_address(uint64_t ra)
{
	if ((ra & 3) || !in_text(ra - 8))
		return 0;
	uint32_t insn = *(const uint32_t *)(uintptr_t)(ra - 8);
	uint32_t op = insn >> 26;

	if (op == 03)						/* jal */
		return 1;
	if (op == 0 && (insn & 0x3f) == 011)			/* jalr */
		return 1;
	return op == 01 && ((insn >> 16) & 0x1f) == 021;	/* bgezal/bal */
}

void backtrace_print(uint64_t sp)
{
	const uint64_t *p = (const uint64_t *)(uintptr_t)sp;
	const uint64_t *top = (const uint64_t *)(uintptr_t)_boot_stack_top;
	int frames = 0;

	printf("  call trace (stack scan; older entries may be stale):\n");
	if (sp & 7) {
		printf("    sp %016llx is misaligned\n", (unsigned long long)sp);
		return;
	}
	for (int i = 0; i < SCAN_DOUBLEWORDS && frames < MAX_FRAMES; i++, p++) {
		if (p >= top && p < top + SCAN_DOUBLEWORDS)
			break;	/* end of the boot stack */
		if (!is_return_address(*p))
			continue;
		printf("    %016llx  ", (unsigned long long)*p);
		backtrace_print_symbol(*p);
		printf("\n");
		frames++;
	}
}
