/* Benchmarks in the kernel: the tests/bench/ workloads run natively, and a
 * flat benchmark guest run on the translator with a measurement at each of
 * its marks.  Interrupts stay off while measuring so that every Count tick
 * belongs to the work.  The x86 side is tests/bench/; the table, from
 * several runs, is scripts/bench.sh's. */
#include "kernel/bench.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernel/cp0.h"
#include "kernel/guest.h"
#include "kernel/power.h"
#include "kernel/timer.h"
#include "translator/cpu.h"
#include "translator/flatguest.h"
#include "translator/tb.h"

#define BENCH_RAM_SIZE  (32u << 20)
#define BENCH_TEXT_MAX  256

/* tests/bench/<name>.c, each built with workload renamed (tests/bench/bench.mk). */
uint32_t bench_workload_sieve(void);
uint32_t bench_workload_crc32(void);
uint32_t bench_workload_sort(void);
uint32_t bench_workload_strings(void);

static const struct {
	const char *name;
	uint32_t (*run)(void);
} workloads[] = {
	{ "sieve", bench_workload_sieve },
	{ "crc32", bench_workload_crc32 },
	{ "sort", bench_workload_sort },
	{ "strings", bench_workload_strings },
};

/* What the kernel and the translator had done when the guest wrote a mark. */
struct bench_snapshot {
	uint64_t count;
	uint64_t tb_exec;	/* TBs entered from the execution loop */
	uint64_t chained;	/* direct exits patched */
	uint64_t translations;
	uint64_t flushes;
	unsigned tbs;		/* TB pool entries in use */
};

struct bench_guest {
	struct x86_cpu *cpu;
	struct bench_snapshot mark[BENCH_MARKS];
	unsigned marks;
	char text[BENCH_TEXT_MAX];
	unsigned text_len;
	bool exited;
	int status;
};

/* Two runs each: a workload's result must not depend on what ran before. */
static int run_native(void)
{
	int failed = 0;

	for (size_t i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++) {
		uint32_t irq = irq_save();
		uint64_t c0 = timer_count64();
		uint32_t first = workloads[i].run();
		uint64_t c1 = timer_count64();
		uint32_t second = workloads[i].run();
		uint64_t c2 = timer_count64();

		irq_restore(irq);
		printf("bench: native %s result %08x count %llu %llu\n", workloads[i].name,
		       (unsigned)first, (unsigned long long)(c1 - c0), (unsigned long long)(c2 - c1));
		if (first != second) {
			printf("bench: native %s gave %08x, then %08x\n", workloads[i].name,
			       (unsigned)first, (unsigned)second);
			failed = 1;
		}
	}
	return failed;
}

static void take_snapshot(struct bench_guest *g)
{
	struct bench_snapshot *s = &g->mark[g->marks++];

	s->count = timer_count64();
	s->tb_exec = g->cpu->stat_tb_exec;
	s->chained = g->cpu->stat_chained;
	s->translations = g->cpu->tbs->translations;
	s->flushes = g->cpu->tbs->code.flushes;
	s->tbs = g->cpu->tbs->count;
}

static uint32_t bench_in(void *opaque, uint16_t port, unsigned size)
{
	(void)opaque;
	(void)port;
	(void)size;
	return 0xffffffffu;
}

static bool bench_out(void *opaque, uint16_t port, uint32_t value, unsigned size)
{
	struct bench_guest *g = opaque;

	(void)size;
	if (port == BENCH_PORT_MARK && value == g->marks && g->marks < BENCH_MARKS)
		take_snapshot(g);
	else if (port == BENCH_PORT_MARK)
		printf("bench: mark %u out of order\n", (unsigned)value);
	if (port == FLATGUEST_PORT_PUTC && g->text_len < BENCH_TEXT_MAX)
		g->text[g->text_len++] = (char)value;
	if (port == FLATGUEST_PORT_EXIT) {
		g->exited = true;
		g->status = flatguest_exit_status(value);
	}
	return g->exited;
}

/* The guest's TBs, in pool order: the script finds their instructions in
 * the guest's ELF. */
static void print_tbs(const struct tb_cache *c)
{
	for (unsigned i = 0; i < c->count; i++)
		printf("bench: tb %08x %u\n", (unsigned)c->tbs[i].pc, (unsigned)c->tbs[i].size);
}

static int run_guest(const void *image, size_t len)
{
	static struct bench_guest g;
	struct x86_env env = { .in = bench_in, .out = bench_out, .opaque = &g };

	if (!len) {
		printf("bench: bench=guest runs the initrd, and there is none\n");
		return EXIT_USAGE;
	}
	g.cpu = guest_create(&env, BENCH_RAM_SIZE);
	guest_load_flat(g.cpu, image, len, FLATGUEST_LOAD_DEFAULT);
	uint32_t irq = irq_save();
	enum x86_stop stop = x86_run(g.cpu);
	irq_restore(irq);

	printf("%.*s", (int)g.text_len, g.text);
	for (unsigned i = 1; i < g.marks; i++) {
		const struct bench_snapshot *a = &g.mark[i - 1], *b = &g.mark[i];

		printf("bench: guest run %u count %llu loop_entries %llu chains %llu "
		       "translations %llu flushes %llu first_tb %u\n", i,
		       (unsigned long long)(b->count - a->count),
		       (unsigned long long)(b->tb_exec - a->tb_exec),
		       (unsigned long long)(b->chained - a->chained),
		       (unsigned long long)(b->translations - a->translations),
		       (unsigned long long)(b->flushes - a->flushes), a->tbs);
	}
	print_tbs(g.cpu->tbs);
	if (stop != X86_STOP_EXIT || g.marks != BENCH_MARKS) {
		printf("bench: guest stopped (%s) at eip %08x after %u of %u marks\n",
		       x86_stop_name(stop), (unsigned)g.cpu->eip, g.marks, BENCH_MARKS);
		return EXIT_GUEST_FAILURE;
	}
	printf("bench: guest exit %d\n", g.status);
	return g.status;
}

void bench_run(const char *mode, const void *image, size_t len)
{
	if (!strcmp(mode, "native"))
		machine_exit(run_native() ? EXIT_HOST_FAILURE : EXIT_OK);
	if (!strcmp(mode, "guest"))
		machine_exit(run_guest(image, len));
	printf("bench: unknown mode '%s' (native or guest)\n", mode);
	machine_exit(EXIT_USAGE);
}
