/* Host exceptions inside generated code are reported by TB and guest
 * instruction (x86_describe_host_pc): translates a small guest whose
 * instructions leave recognisable words in the host code (`mov r32, imm`
 * loads the immediate's upper half with lui into the guest register's host
 * register), finds those words, and prints what the report says about
 * them; tests/translator/run.sh checks the lines.  Also: an address in the
 * stubs, one outside the code buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "translator/cpu.h"
#include "translator/flatguest.h"
#include "translator/tb.h"
#include "translator/x86.h"

#define RAM_SIZE (2u << 20)
#define CODE_SIZE (1u << 20)
#define MIPS_LUI(rt, imm) (017u << 26 | (unsigned)(rt) << 16 | (imm))
#define HOST_S0 16

static const uint8_t guest[] = {
	0xb8, 0x78, 0x56, 0x34, 0x12,	/* 100000 mov eax, 0x12345678 */
	0xb9, 0xf0, 0xde, 0xbc, 0x9a,	/* 100005 mov ecx, 0x9abcdef0 */
	0xba, 0x68, 0x24, 0x57, 0x13,	/* 10000a mov edx, 0x13572468 */
	0xf4,				/* 10000f hlt */
};

static uint32_t port_in(void *opaque, uint16_t port, unsigned size)
{
	(void)opaque, (void)port, (void)size;
	return 0;
}

static bool port_out(void *opaque, uint16_t port, uint32_t value, unsigned size)
{
	(void)opaque, (void)port, (void)value, (void)size;
	return false;
}

/* The host address of the first word w in the TB at guest 0x100000. */
static uint64_t find_word(struct x86_cpu *cpu, uint32_t w)
{
	for (unsigned i = 0; i < cpu->tbs->count; i++) {
		const struct tb *tb = &cpu->tbs->tbs[i];

		for (uint32_t k = 0; tb->valid && tb->eip == 0x100000 && k < tb->code_words; k++)
			if (tb->code[k] == w)
				return (uint64_t)(uintptr_t)&tb->code[k];
	}
	return 0;
}

static void describe(struct x86_cpu *cpu, const char *what, uint64_t pc, const uint64_t *regs)
{
	printf("== %s\n", what);
	if (!pc)
		printf("(word not found)\n");
	else if (!x86_describe_host_pc(cpu, pc, regs))
		printf("(not in the code buffer)\n");
}

int main(void)
{
	struct x86_env env = { .in = port_in, .out = port_out };
	uint64_t host_regs[32] = { 0 };
	struct x86_cpu *cpu;

	env.ram = calloc(1, RAM_SIZE);
	env.ram_size = RAM_SIZE;
	env.code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	env.code_size = CODE_SIZE;
	cpu = env.ram && env.code != MAP_FAILED ? x86_cpu_new(&env) : NULL;
	if (!cpu || !flatguest_load(cpu, guest, sizeof(guest), 0x100000) ||
	    x86_run(cpu) != X86_STOP_HLT) {
		printf("(the guest did not run to its hlt)\n");
		return 1;
	}
	for (int i = 0; i < 8; i++)
		host_regs[HOST_S0 + i] = 0x11111111u * (unsigned)(i + 1);
	describe(cpu, "lui ecx", find_word(cpu, MIPS_LUI(HOST_S0 + 1, 0x9abc)), &host_regs[HOST_S0]);
	describe(cpu, "lui edx", find_word(cpu, MIPS_LUI(HOST_S0 + 2, 0x1357)), NULL);
	describe(cpu, "stubs", (uint64_t)(uintptr_t)env.code, NULL);
	describe(cpu, "outside", (uint64_t)(uintptr_t)env.ram, NULL);
	return 0;
}
