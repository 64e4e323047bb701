/* Self-modifying code: a routine rewritten between calls (in one page, and
 * straddling a page boundary) must run as rewritten each time; so must an
 * instruction rewritten by an earlier one of its own block. */
#include "plat.h"

/* Room for routines at chosen offsets; written by the guest at run time. */
static uint8_t area[3 * 4096] __attribute__((aligned(4096)));

typedef uint32_t routine(uint32_t);

/* mov eax, imm32; add eax, [esp+4]; ret  at p. */
static routine *make(uint8_t *p, uint32_t imm)
{
	static const uint8_t tail[] = { 0x03, 0x44, 0x24, 0x04, 0xc3 };

	p[0] = 0xb8;
	memcpy(p + 1, &imm, 4);
	memcpy(p + 5, tail, sizeof(tail));
	return (routine *)(void *)p;
}

static uint32_t run(uint8_t *p)
{
	uint32_t sum = 0;
	routine *f = make(p, 0);

	for (uint32_t i = 0; i < 50; i++) {
		sum = sum * 3 + f(i);
		p[1 + (i & 3)] = (uint8_t)(i * 37 + 1);	/* rewrite one immediate byte */
	}
	return sum;
}

/* A routine in the text, called directly (so the caller's exit gets chained
 * to it) and rewritten between calls (so that chain must be undone). */
__asm__(".text\n.globl patched\npatched:\n\tmovl $0, %eax\n\tret\n");
uint32_t patched(void);

static uint32_t run_chained(void)
{
	uint32_t sum = 0;

	for (uint32_t i = 0; i < 50; i++) {
		sum = sum * 3 + patched();
		*(volatile uint32_t *)((uint8_t *)patched + 1) = i * 7 + 1;
	}
	return sum;
}

/* probe(a, b): cmp b, a, then a jump to code whose first instruction first
 * overwrites the flags (so the block with the cmp need not keep them) and is
 * later rewritten to read CF (so that block must be retranslated). */
__asm__(".text\n.globl probe\nprobe:\n"
	"\tmovl 4(%esp), %eax\n\tmovl 8(%esp), %edx\n\txorl %ecx, %ecx\n"
	"\tcmpl %edx, %eax\n\tjmp probe_next\n"
	".globl probe_next\nprobe_next:\n\txorl %eax, %eax\n\tnop\n"
	"\tmovl %ecx, %eax\n\tret\n");
uint32_t probe(uint32_t a, uint32_t b);
extern uint8_t probe_next[];

static uint32_t run_successor(void)
{
	static const uint8_t setb_cl[3] = { 0x0f, 0x92, 0xc1 };
	uint32_t sum = 0;

	for (uint32_t i = 0; i < 16; i++)
		sum = sum * 3 + probe(i, 7);
	memcpy(probe_next, setb_cl, sizeof(setb_cl));
	for (uint32_t i = 0; i < 16; i++)
		sum = sum * 3 + probe(i, 7);
	return sum;
}

/* jloop(n): a conditional branch taken into a body whose second
 * instruction is rewritten: the chained branch must be pointed back at its
 * exit stub when the body is invalidated. */
__asm__(".text\n.globl jloop\njloop:\n"
	"\tmovl 4(%esp), %ecx\n\txorl %eax, %eax\n"
	"jloop_back:\n\tdecl %ecx\n\tjns jloop_body\n\tret\n"
	"jloop_body:\n\tadcl $0, %eax\n"
	".globl jloop_add\njloop_add:\n\taddl $1, %eax\n\tjmp jloop_back\n");
uint32_t jloop(uint32_t n);
extern uint8_t jloop_add[];

static uint32_t run_branch(void)
{
	uint32_t sum = 0;

	for (uint32_t i = 0; i < 20; i++) {
		sum = sum * 5 + jloop(i);
		jloop_add[2] = (uint8_t)(i * 3 + 1);	/* the add's immediate */
	}
	return sum;
}

/* inside(n) and inside_rep(n) store into an instruction later in their own
 * block (inline, and through the interpreter's rep stosb): it must run as
 * stored, though the block was translated before. */
__asm__(".text\n.globl inside\ninside:\n"
	"\tmovl 4(%esp), %ecx\n\tmovl %ecx, inside_imm + 1\n"
	"inside_imm:\n\tmovl $0, %eax\n\taddl $1, %eax\n\tret\n"
	".globl inside_rep\ninside_rep:\n"
	"\tpushl %edi\n\tleal inside_rep_imm + 1, %edi\n\tmovl 8(%esp), %eax\n"
	"\tmovl $1, %ecx\n\trep stosb\n"
	"inside_rep_imm:\n\tmovl $0x100, %eax\n\tpopl %edi\n\tret\n");
uint32_t inside(uint32_t n);
uint32_t inside_rep(uint32_t n);

static uint32_t run_inside(uint32_t (*f)(uint32_t))
{
	uint32_t sum = 0;

	for (uint32_t i = 0; i < 20; i++)
		sum = sum * 3 + f(i * 11 + 1);
	return sum;
}

int main(void)
{
	print_check("smc_chained", run_chained());
	print_check("smc_branch", run_branch());
	print_check("smc_successor", run_successor());
	print_check("smc_page", run(area + 100));
	print_check("smc_straddle", run(area + 4096 - 3));	/* imm crosses into the next page */
	print_check("smc_again", run(area + 100));
	print_check("smc_inside", run_inside(inside));
	print_check("smc_inside_rep", run_inside(inside_rep));
	return 0;
}
