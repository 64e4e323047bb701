/* Translations as a debugger sees them: the TBs holding a linear address,
 * shown with their guest code and generated MIPS words, and the TB whose
 * code holds a host address. */
#include <stdio.h>

#include "translator/translate.h"

static void show_guest_code(struct x86_cpu *cpu, const struct tb *tb)
{
	struct x86_xlat *x = cpu->xlat;
	uint32_t eip = tb->eip, end = tb->eip + tb->size;

	x->cs_base = tb->cs_base;
	x->code16 = !(tb->flags & X86_HF_CODE32);
	while (eip < end && x86_decode(cpu, x, eip, x->look)) {
		printf("  %08x  %-8s %s\n", tb->cs_base + eip, x->look->mnemonic, x->look->op_str);
		eip += x->look->size;
	}
	if (eip < end)
		printf("  %08x  (no instruction)\n", tb->cs_base + eip);
}

static void show_host_code(const struct tb *tb)
{
	for (uint32_t i = 0; i < tb->code_words; i++)
		printf("%s%08x%s", i % 8 ? " " : "  ", tb->code[i],
		       i % 8 == 7 || i + 1 == tb->code_words ? "\n" : "");
}

unsigned x86_show_tbs(struct x86_cpu *cpu, uint32_t linear)
{
	struct tb_cache *c = cpu->tbs;
	unsigned shown = 0;

	for (unsigned i = 0; i < c->count; i++) {
		const struct tb *tb = &c->tbs[i];
		uint32_t lin = tb->cs_base + tb->eip;

		if (!tb->valid || linear - lin >= tb->size)
			continue;
		printf("TB %u: guest %08x-%08x (physical %08x, CS base %08x, flags %#x)\n", i, lin,
		       lin + tb->size - 1, tb->pc, tb->cs_base, tb->flags);
		show_guest_code(cpu, tb);
		printf("  host code at %p, %u words (exits chained to TB %d, %d):\n",
		       (void *)tb->code, tb->code_words, tb->jmp_dest[0], tb->jmp_dest[1]);
		show_host_code(tb);
		shown++;
	}
	return shown;
}
