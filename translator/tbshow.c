/* Translations as a debugger sees them: the TBs holding a linear address,
 * shown with their guest code and generated MIPS words, and the TB and
 * guest instruction whose code holds a host address (a host exception). */
#include <stdio.h>

#include "translator/translate.h"

static const char *const gpr_names[8] = { "EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI" };

/* The decoder set up for tb's code, only probing the page tables (a fetch
 * fault must not be raised from here). */
static struct x86_xlat *decoder_for(struct x86_cpu *cpu, const struct tb *tb)
{
	struct x86_xlat *x = cpu->xlat;

	x->cs_base = tb->cs_base;
	x->cs_limit = tb->cs_limit;
	x->code16 = !(tb->flags & X86_HF_CODE32);
	x->first_eip = tb->eip + tb->size;	/* no decoded instruction starts there */
	return x;
}

static void show_guest_code(struct x86_cpu *cpu, const struct tb *tb)
{
	struct x86_xlat *x = decoder_for(cpu, tb);
	uint32_t eip = tb->eip, end = tb->eip + tb->size;

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

/* The valid TB whose code holds host address pc, or NULL. */
static const struct tb *tb_at_host(const struct tb_cache *c, uint64_t pc)
{
	for (unsigned i = 0; i < c->count; i++) {
		const struct tb *tb = &c->tbs[i];
		uint64_t start = (uint64_t)(uintptr_t)tb->code;

		if (tb->valid && pc >= start && pc < start + 4ull * tb->code_words)
			return tb;
	}
	return NULL;
}

/* The guest instruction whose code holds host word offset off (the map
 * after the code: see emit_insn_map), or -1 in the exits and slow paths. */
static int insn_at_offset(const struct tb *tb, uint32_t off, uint32_t *eip)
{
	const uint32_t *map = tb->code + tb->code_words;
	uint32_t n = map[0];

	for (uint32_t i = n; i-- > 0;) {
		if (off >= map[1 + i] >> 16) {
			if (off >= map[1 + n] >> 16)
				return -1;
			*eip = tb->eip + (map[1 + i] & 0xffff);
			return (int)i;
		}
	}
	return -1;
}

bool x86_describe_host_pc(struct x86_cpu *cpu, uint64_t pc, const uint64_t *guest_regs)
{
	const struct code_region *r = &cpu->tbs->code;
	const struct tb *tb = tb_at_host(cpu->tbs, pc);
	uint32_t eip;

	if (pc < (uint64_t)(uintptr_t)r->base || pc >= (uint64_t)(uintptr_t)r->end)
		return false;
	if (!tb) {
		printf("in the translator's stubs (prologue, exits, memory and call thunks) at %#llx\n",
		       (unsigned long long)pc);
	} else {
		uint32_t off = (uint32_t)((pc - (uint64_t)(uintptr_t)tb->code) / 4);
		uint32_t lin = tb->cs_base + tb->eip;

		printf("in generated code: host pc %#llx, word %u of the TB for guest %08x-%08x "
		       "(CS base %08x, flags %#x)\n", (unsigned long long)pc, off, lin,
		       lin + tb->size - 1, tb->cs_base, tb->flags);
		if (insn_at_offset(tb, off, &eip) >= 0) {
			struct x86_xlat *x = decoder_for(cpu, tb);

			printf("guest instruction %08x", tb->cs_base + eip);
			if (x86_decode(cpu, x, eip, x->look))
				printf(": %s %s", x->look->mnemonic, x->look->op_str);
			printf("\n");
		} else {
			printf("in the TB's exits or TLB-miss paths, after its last instruction\n");
		}
	}
	if (guest_regs)
		for (int i = 0; i < 8; i++)
			printf("%s=%08x%s", gpr_names[i], (uint32_t)guest_regs[i], i % 4 == 3 ? "\n" : "  ");
	printf("last eip stored: %08x, CS %04x\n", cpu->eip, cpu->seg[X86_CS].sel);
	return true;
}
