/* The capstone handles (32- and 16-bit code) and decode slots a CPU translates with, and the pool of
 * decoded instructions the C interpreter runs from (reset with the code). */
#include "translator/translate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Capstone gets the C library's allocators explicitly: the kernel build's
 * capstone has no default ones. */
static bool capstone_setup_mem(void)
{
	cs_opt_mem mem = {
		.malloc = malloc, .calloc = calloc, .realloc = realloc,
		.free = free, .vsnprintf = vsnprintf,
	};

	return cs_option(0, CS_OPT_MEM, (size_t)&mem) == CS_ERR_OK;
}

bool x86_xlat_init(struct x86_xlat *x, unsigned insn_max)
{
	if (!capstone_setup_mem() || cs_open(CS_ARCH_X86, CS_MODE_32, &x->cs) != CS_ERR_OK ||
	    cs_open(CS_ARCH_X86, CS_MODE_16, &x->cs16) != CS_ERR_OK)
		return false;
	cs_option(x->cs, CS_OPT_DETAIL, CS_OPT_ON);
	cs_option(x->cs16, CS_OPT_DETAIL, CS_OPT_ON);
	for (unsigned i = 0; i < TB_MAX_INSNS; i++) {
		x->slots[i] = cs_malloc(x->cs);
		if (!x->slots[i])
			return false;
	}
	x->look = cs_malloc(x->cs);
	if (!x->look)
		return false;
	for (unsigned i = 0; i < X86_DCACHE_SIZE; i++) {
		x->dcache[i].valid = false;
		x->dcache[i].insn = cs_malloc(x->cs);
		if (!x->dcache[i].insn)
			return false;
	}
	x->insns = calloc(insn_max, sizeof(*x->insns));
	x->insn_max = insn_max;
	x->insn_count = 0;
	return x->insns != NULL;
}

void x86_xlat_free(struct x86_xlat *x)
{
	for (unsigned i = 0; i < TB_MAX_INSNS; i++)
		if (x->slots[i])
			cs_free(x->slots[i], 1);
	if (x->look)
		cs_free(x->look, 1);
	for (unsigned i = 0; i < X86_DCACHE_SIZE; i++)
		if (x->dcache[i].insn)
			cs_free(x->dcache[i].insn, 1);
	if (x->cs)
		cs_close(&x->cs);
	if (x->cs16)
		cs_close(&x->cs16);
	free(x->insns);
}
