/* mimic-hosted: runs a flat 32-bit x86 binary on the translator as a Linux
 * program.  usage: mimic-hosted prog.bin [load=ADDR] [-d in_asm,out_asm,exec]
 * Prints the guest's port 0xE9 bytes and exits with its port 0xF4 status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "translator/cpu.h"
#include "translator/flatguest.h"

#define RAM_SIZE  (64u << 20)
#define CODE_SIZE (32u << 20)

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

static unsigned parse_log(const char *s)
{
	unsigned log = 0;

	if (strstr(s, "in_asm"))
		log |= X86_LOG_IN_ASM;
	if (strstr(s, "out_asm"))
		log |= X86_LOG_OUT_ASM;
	if (strstr(s, "exec"))
		log |= X86_LOG_EXEC;
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

int main(int argc, char **argv)
{
	struct runner r = { .status = 0 };
	struct x86_env env = { .in = port_in, .out = port_out, .opaque = &r };
	uint32_t load = FLATGUEST_LOAD_DEFAULT;
	const char *path = NULL;
	struct x86_cpu *cpu;
	enum x86_stop stop;
	size_t len;
	void *image;

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "load=", 5))
			load = (uint32_t)strtoul(argv[i] + 5, NULL, 0);
		else if (!strcmp(argv[i], "-d") && i + 1 < argc)
			env.log = parse_log(argv[++i]);
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: %s prog.bin [load=ADDR] [-d in_asm,out_asm,exec]\n", argv[0]);
		return 2;
	}
	image = read_file(path, &len);
	env.ram = calloc(1, RAM_SIZE);
	env.ram_size = RAM_SIZE;
	env.code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	env.code_size = CODE_SIZE;
	if (!image || !env.ram || env.code == MAP_FAILED) {
		fprintf(stderr, "mimic-hosted: cannot read %s or allocate memory\n", path);
		return 2;
	}
	cpu = x86_cpu_new(&env);
	if (!cpu || !flatguest_load(cpu, image, len, load)) {
		fprintf(stderr, "mimic-hosted: cannot set up the CPU or load the image\n");
		return 2;
	}
	stop = x86_run(cpu);
	fflush(stdout);
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
