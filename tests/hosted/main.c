/* mimic-hosted: runs a flat 32-bit x86 binary (or, with bios=, a firmware
 * image from reset) on the translator as a Linux program.  Prints the guest's port 0xE9 bytes and exits with its port 0xF4
 * status.  -t USEC asks for an exit from a SIGALRM handler every USEC, as the
 * kernel's timer will; -s prints statistics to stderr at the end, -c counts
 * guest instructions for them. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>

#include "translator/cpu.h"
#include "translator/flatguest.h"
#include "translator/sys.h"

static const char usage[] =
	"usage: %s prog.bin [more.bin...] [load=ADDR] [code=BYTES] [-d in_asm,out_asm,exec] [real16=SEG]\n"
	"       [-t USEC] [-s] [-c] [-1] [fsbase=ADDR] [gsbase=ADDR]\n"
	"       %s bios=ROM [-d ...] [-s] [-c] [-1]   (ROM ends at 4 GB, its last 128 KB at 0xE0000)\n"
	"       (-c counts guest instructions, -1 runs one instruction a TB)\n"
	"       (further images run after the first exits, on the same CPU)\n";

static struct x86_cpu *alarm_cpu;

static void on_alarm(int sig)
{
	(void)sig;
	x86_request_exit(alarm_cpu);
}

static void start_timer(struct x86_cpu *cpu, long usec)
{
	struct itimerval it = { .it_interval = { 0, usec }, .it_value = { 0, usec } };

	alarm_cpu = cpu;
	signal(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void print_stats(const struct x86_cpu *cpu, unsigned requested)
{
	char line[4096];

	x86_format_stats(cpu, line, sizeof(line));
	fprintf(stderr, "stats: %s requested=%u\n", line, requested);
}

#define RAM_SIZE  (64u << 20)

struct runner {
	int status;
};

static uint32_t port_in(void *opaque, uint16_t port, unsigned size)
{
	(void)opaque;
	(void)port;
	return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static bool port_out(void *opaque, uint16_t port, uint32_t value, unsigned size)
{
	struct runner *r = opaque;

	(void)size;
	if (port == FLATGUEST_PORT_PUTC) {
		putchar(value & 0xff);
		return false;
	}
	if (port == FLATGUEST_PORT_EXIT) {
		r->status = flatguest_exit_status(value);
		return true;
	}
	return false;
}

static unsigned log_option(const char *list)
{
	char err[96];
	unsigned log;

	if (!x86_log_parse(list, &log, err, sizeof(err))) {
		fprintf(stderr, "mimic-hosted: %s\n", err);
		exit(2);
	}
	return log;
}

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* FS and GS bases to start from, as an OS would have loaded them. */
static uint32_t fsbase, gsbase;

/* real16=SEG: the image is loaded at SEG:0 and entered there in real mode
 * with CS = DS = ES = SS = SEG, FS = GS = 0, every register 0 (SP too), the
 * IVT at 0. */
static uint32_t real_seg;
static bool real_mode;
static bool one_per_tb;	/* -1 */

/* x86_run, but with -1 every instruction runs alone (x86_set_step): its
 * count (-c) is then the plain sum of one-instruction TBs, the reference
 * for the count of the same run in ordinary TBs. */
static enum x86_stop run_some(struct x86_cpu *cpu)
{
	enum x86_stop stop;

	x86_set_step(cpu, one_per_tb);
	while ((stop = x86_run(cpu)) == X86_STOP_DEBUG && one_per_tb)
		;
	return stop;
}

static void enter_real_mode(struct x86_cpu *cpu, uint16_t sel)
{
	for (unsigned i = 0; i < 6; i++) {
		uint16_t s = i == X86_FS || i == X86_GS ? 0 : sel;

		cpu->seg[i] = (struct x86_seg){ .base = (uint32_t)s << 4, .limit = 0xffff, .sel = s,
						.attr = X86_SEG_P | X86_SEG_S | (i == X86_CS ? 0xb : 0x3) };
	}
	cpu->regs[X86_ESP] = 0;
	cpu->eip = 0;
	cpu->cr[0] = X86_CR0_ET;
	cpu->idt.base = 0;
	cpu->idt.limit = 0x3ff;
	x86_update_hflags(cpu);
}

/* bios=ROM: the image (a multiple of 64 KB) ends at 4 GB and its last
 * 128 KB also show at 0xE0000 (reads of 0xE0000-0xFFFFF go to the ROM,
 * writes are dropped, as a PC's chipset after reset does); the CPU starts
 * from reset.  A triple fault resets it, as a PC's chipset does (at most
 * MAX_RESETS times, so a guest that faults forever still ends). */
#define BIOS_LOW_END 0x100000u
#define BIOS_LOW_MAX 0x20000u
#define MAX_RESETS 8

static enum x86_stop run_bios(struct x86_cpu *cpu, const char *path, unsigned *requested)
{
	size_t len;
	void *image = read_file(path, &len);
	uint32_t low = len < BIOS_LOW_MAX ? (uint32_t)len : BIOS_LOW_MAX;
	unsigned resets = 0;
	enum x86_stop stop;

	if (!image || !len || len % 0x10000 || len > 0x1000000 ||
	    !softmmu_map_rom(&cpu->mmu, (uint32_t)(0x100000000ull - len), (uint32_t)len, image, 1) ||
	    !softmmu_map_rom(&cpu->mmu, BIOS_LOW_END - low, low, (uint8_t *)image + len - low, 1)) {
		fprintf(stderr, "mimic-hosted: %s: cannot read or map it (a multiple of 64 KB up to 16 MB)\n", path);
		exit(2);
	}
	softmmu_set_shadow(&cpu->mmu, BIOS_LOW_END - BIOS_LOW_MAX, BIOS_LOW_MAX, false, false);
	x86_reset(cpu);
	for (;;) {
		stop = run_some(cpu);
		if (stop == X86_STOP_REQUESTED)
			(*requested)++;
		else if (stop == X86_STOP_TRIPLE_FAULT && ++resets <= MAX_RESETS)
			x86_reset(cpu);
		else
			return stop;
	}
}

/* Load one image and run it until it stops for good. */
static enum x86_stop run_image(struct x86_cpu *cpu, const char *path, uint32_t load,
			       unsigned *requested)
{
	size_t len;
	void *image = read_file(path, &len);
	enum x86_stop stop;

	if (!image || !flatguest_load(cpu, image, len, load)) {
		fprintf(stderr, "mimic-hosted: cannot read %s or load it at %#x\n", path, load);
		exit(2);
	}
	free(image);
	if (real_mode)
		enter_real_mode(cpu, (uint16_t)real_seg);
	cpu->seg[X86_FS].base = fsbase;
	cpu->seg[X86_GS].base = gsbase;
	while ((stop = run_some(cpu)) == X86_STOP_REQUESTED)
		(*requested)++;
	return stop;
}

int main(int argc, char **argv)
{
	struct runner r = { .status = 0 };
	struct x86_env env = { .in = port_in, .out = port_out, .opaque = &r };
	uint32_t load = FLATGUEST_LOAD_DEFAULT;
	size_t code_size = 32u << 20;
	const char *paths[8], *bios = NULL;
	unsigned npaths = 0, requested = 0;
	struct x86_cpu *cpu;
	enum x86_stop stop = X86_STOP_EXIT;
	long timer_usec = 0;
	bool stats = false;

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "load=", 5))
			load = (uint32_t)strtoul(argv[i] + 5, NULL, 0);
		else if (!strncmp(argv[i], "code=", 5))
			code_size = strtoul(argv[i] + 5, NULL, 0);
		else if (!strcmp(argv[i], "-d") && i + 1 < argc)
			env.log = log_option(argv[++i]);
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			timer_usec = strtol(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-s"))
			stats = true;
		else if (!strcmp(argv[i], "-c"))
			env.count = true;
		else if (!strcmp(argv[i], "-1"))
			one_per_tb = true;
		else if (!strncmp(argv[i], "fsbase=", 7))
			fsbase = (uint32_t)strtoul(argv[i] + 7, NULL, 0);
		else if (!strncmp(argv[i], "gsbase=", 7))
			gsbase = (uint32_t)strtoul(argv[i] + 7, NULL, 0);
		else if (!strncmp(argv[i], "bios=", 5))
			bios = argv[i] + 5;
		else if (!strncmp(argv[i], "real16=", 7)) {
			real_mode = true;
			real_seg = (uint32_t)strtoul(argv[i] + 7, NULL, 0) & 0xffff;
			load = real_seg << 4;
		}
		else if (npaths < sizeof(paths) / sizeof(paths[0]))
			paths[npaths++] = argv[i];
	}
	if (!npaths && !bios) {
		fprintf(stderr, usage, argv[0], argv[0]);
		return 2;
	}
	env.ram = calloc(1, RAM_SIZE);
	env.ram_size = RAM_SIZE;
	env.code = mmap(NULL, code_size, PROT_READ | PROT_WRITE | PROT_EXEC,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	env.code_size = code_size;
	cpu = env.ram && env.code != MAP_FAILED ? x86_cpu_new(&env) : NULL;
	if (!cpu) {
		fprintf(stderr, "mimic-hosted: cannot allocate guest RAM, code buffer or CPU\n");
		return 2;
	}
	if (timer_usec > 0)
		start_timer(cpu, timer_usec);
	/* Several images run one after the other on the same CPU and code cache. */
	if (bios)
		stop = run_bios(cpu, bios, &requested);
	for (unsigned i = 0; i < npaths && stop == X86_STOP_EXIT; i++)
		stop = run_image(cpu, paths[i], load, &requested);
	fflush(stdout);
	if (stats)
		print_stats(cpu, requested);
	if (stop != X86_STOP_EXIT) {
		fprintf(stderr, "mimic-hosted: stopped: %s at eip=%08x", x86_stop_name(stop), cpu->eip);
		if (stop == X86_STOP_FAULT)
			fprintf(stderr, " vector %u", cpu->fault_vector);
		fprintf(stderr, "\n");
		return 1;
	}
	x86_cpu_free(cpu);
	return r.status;
}
