/* Self-tests of the host side: each prints what it measured and ends the
 * run with 0 (pass) or 1 (fail); "fault" and "panic" end through the
 * host failure report.
 * The boot tests check the printed figures against the host where they can
 * (capstone against objdump, echo against a host checksum). */
#include "kernel/selftest.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "kernel/cache.h"
#include "kernel/console.h"
#include "kernel/kmem.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/timer.h"

static int selftest_panic(void)
{
	panic("selftest panic: %d is not %d", 1, 2);
}

static int selftest_fault(void)
{
	volatile uintptr_t unmapped = 8;	/* kuseg, no TLB entry */

	printf("selftest fault: loading from unmapped address 0x8\n");
	return (int)*(volatile uint32_t *)unmapped;	/* TLB refill: never returns */
}

/* 200 ticks, plus any periods the host skipped (QEMU's thread held up), must
 * take 200 periods of Count within 10%, and the kernel must spend them
 * asleep in `wait`: an idle that did not sleep would return thousands of
 * times.  A tick taken between the loop's test and `wait` makes that wait
 * last until the next one, so fewer waits than ticks is no error. */
static int selftest_timer(void)
{
	const uint64_t n = 200;
	uint64_t t0 = timer_ticks(), m0 = timer_missed_ticks(), c0 = timer_count64();
	uint64_t waits = 0;

	while (timer_ticks() - t0 < n) {
		timer_idle();
		waits++;
	}
	uint64_t counts = timer_count64() - c0, missed = timer_missed_ticks() - m0;
	uint64_t want = (n + missed) * timer_count_hz() / TIMER_TICK_HZ;
	printf("selftest timer: %llu ticks (+%llu missed) in %llu counts (want %llu), %llu waits\n",
	       (unsigned long long)n, (unsigned long long)missed, (unsigned long long)counts,
	       (unsigned long long)want, (unsigned long long)waits);
	return counts > want * 9 / 10 && counts < want * 11 / 10 &&
	       waits >= n / 2 && waits <= n + n / 10 ? 0 : 1;
}

/* MIPS encodings used to build the test function. */
#define MIPS_ADDIU_V0(imm) (0x24020000u | ((imm) & 0xffff))	/* addiu v0, zero, imm */
#define MIPS_JR_RA         0x03e00008u
#define MIPS_NOP           0u

static int call_generated(uint32_t *code, int value)
{
	code[0] = MIPS_ADDIU_V0(value);
	code[1] = MIPS_JR_RA;
	code[2] = MIPS_NOP;				/* delay slot */
	cache_sync_code(code, 3 * sizeof(uint32_t));
	int (*fn)(void) = (int (*)(void))(uintptr_t)code;
	int got;
	__asm__ volatile("jalr.hb %1\n\tnop\n\tmove %0, $2"
			 : "=r"(got) : "r"(fn)
			 : "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9",
			   "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25",
			   "$31", "memory");
	return got;
}

/* Writes a function that returns 42, runs it, rewrites it in place to
 * return 1234 and runs it again: stale instructions would return 42. */
static int selftest_codegen(void)
{
	uint32_t *code = kmem_alloc(4096, KMEM_LOW);

	if (!code) {
		printf("selftest codegen: no code memory\n");
		return 1;
	}
	int first = call_generated(code, 42);
	int second = call_generated(code, 1234);
	printf("selftest codegen: code at %p returned %d, rewritten returned %d\n",
	       (void *)code, first, second);
	return first == 42 && second == 1234 ? 0 : 1;
}

static const struct {
	int mode;
	const char *bytes;
	size_t len;
} decode_cases[] = {
	{ CS_MODE_32, "\x8b\x44\x24\x04", 4 },
	{ CS_MODE_32, "\x0f\xb6\x8c\x88\x78\x56\x34\x12", 8 },
	{ CS_MODE_32, "\xf3\xa5", 2 },
	{ CS_MODE_32, "\xe8\xfb\xff\xff\xff", 5 },
	{ CS_MODE_16, "\xb8\x34\x12", 3 },
	{ CS_MODE_16, "\xcd\x10", 2 },
	{ CS_MODE_16, "\x66\x0f\xb7\x46\xfe", 5 },
	{ CS_MODE_16, "\xea\x5b\xe0\x00\xf0", 5 },
};

/* Decodes known bytes at address 0x1000 and prints "decode <bits> <hex> :
 * <text> | <operand count>": the boot test compares the text with objdump's
 * disassembly of the same bytes. */
static int selftest_capstone(void)
{
	int bad = 0;

	for (size_t i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
		csh h;
		cs_insn *insn;
		int bits = decode_cases[i].mode == CS_MODE_32 ? 32 : 16;

		if (cs_open(CS_ARCH_X86, decode_cases[i].mode, &h) != CS_ERR_OK) {
			printf("selftest capstone: cs_open failed\n");
			return 1;
		}
		cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
		size_t n = cs_disasm(h, (const uint8_t *)decode_cases[i].bytes,
				     decode_cases[i].len, 0x1000, 1, &insn);
		printf("decode %d ", bits);
		for (size_t b = 0; b < decode_cases[i].len; b++)
			printf("%02x", (uint8_t)decode_cases[i].bytes[b]);
		if (n == 1 && insn->size == decode_cases[i].len) {
			printf(" : %s %s | %u operands\n", insn->mnemonic, insn->op_str,
			       insn->detail->x86.op_count);
		} else {
			printf(" : decode failed\n");
			bad++;
		}
		if (n)
			cs_free(insn, n);
		cs_close(&h);
	}
	return bad ? 1 : 0;
}

/* Reads one line from the console and prints its length and FNV-1a hash, so
 * the test can prove that a pasted line arrives whole. */
static int selftest_echo(void)
{
	uint32_t hash = 2166136261u;
	size_t len = 0;
	int c;

	printf("selftest echo: ready\n");
	fflush(stdout);
	for (;;) {
		while ((c = console_getc()) < 0)
			timer_idle();
		if (c == '\r' || c == '\n')
			break;
		hash = (hash ^ (uint8_t)c) * 16777619u;
		len++;
	}
	printf("selftest echo: %zu bytes, fnv1a %08x, %lu overruns\n", len,
	       (unsigned)hash, console_overruns());
	return console_overruns() ? 1 : 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} selftests[] = {
	{ "fault", selftest_fault },
	{ "panic", selftest_panic },
	{ "timer", selftest_timer },
	{ "codegen", selftest_codegen },
	{ "capstone", selftest_capstone },
	{ "echo", selftest_echo },
};

void selftest_run(const char *name)
{
	for (size_t i = 0; i < sizeof(selftests) / sizeof(selftests[0]); i++) {
		if (strcmp(selftests[i].name, name))
			continue;
		int r = selftests[i].fn();
		printf("selftest %s: %s\n", name, r ? "FAILED" : "passed");
		machine_exit(r);
	}
	printf("mimic: no selftest named '%s' (fault, panic, timer, codegen, capstone, echo)\n", name);
	machine_exit(EXIT_USAGE);
}
