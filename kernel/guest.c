/* The kernel's embedding of the translator, shared by every machine built
 * on it: guest RAM from the page pool (XKPHYS), the code buffer in KSEG0 (so
 * generated code can jal into kernel helpers), the host console as the
 * guest's, the log= and guest_ram= options, and the run loop that hands
 * the debuggers (debugger.c: monitor, gdb) the stops that are theirs. */
#include "kernel/guest.h"

#include <stdio.h>
#include <string.h>

#include "devices/devlog.h"
#include "kernel/cache.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/debugger.h"
#include "kernel/kmem.h"
#include "kernel/logring.h"
#include "kernel/postmortem.h"
#include "kernel/power.h"
#include "translator/cpu.h"
#include "translator/flatguest.h"
#include "translator/host.h"

#define GUEST_RAM_DEFAULT_MB 128
/* make run's Linux boot fills 31 MB of translated code by its prompt, so
 * 32 MB flushed everything soon after.  64 MB fits KSEG0's low RAM with
 * room to spare (the LEFI low range is 240 MB: firmware's 2 MB, the image,
 * the initrd and the 64 MB heap take the rest) and stays in one 256 MB
 * j-region below 0x10000000, where the stubs are reached by j/jal (C helpers
 * go through jalr).  It is taken before guest RAM, which may live anywhere. */
#define CODE_BUFFER_SIZE (64u << 20)

void host_sync_code(void *start, size_t len)
{
	cache_sync_code(start, len);
}

static void console_put(void *opaque, uint8_t byte)
{
	(void)opaque;
	debugger_guest_output(byte);
}

struct byte_sink guest_console_sink(void)
{
	return (struct byte_sink){ console_put, NULL };
}

void guest_pump_console(struct uart_state *uart)
{
	int c;

	while (debugger_console_is_guests() && uart_rx_space(uart) > 0 &&
	       (c = console_getc()) >= 0)
		uart_receive(uart, (uint8_t)c);
}

bool guest_interrupted(void)
{
	return debugger_interrupted();
}

unsigned guest_log_flags(void)
{
	const char *v = config_get("log");
	char err[96];
	unsigned f;

	if (!v)
		return 0;
	if (!x86_log_parse(v, &f, err, sizeof(err))) {
		printf("mimic: log=%s: %s\n", v, err);
		machine_exit(EXIT_USAGE);
	}
	return f;
}

uint64_t guest_ram_bytes(void)
{
	uint64_t mb = GUEST_RAM_DEFAULT_MB;

	config_get_u64("guest_ram", &mb);
	return mb << 20;
}

static void log_write(void *opaque, const char *text, size_t len)
{
	(void)opaque;
	logring_write(text, len);
}

struct x86_cpu *guest_create(struct x86_env *env, uint64_t ram_size)
{
	const char *logto = config_get("logto");

	if (logto && strcmp(logto, "ring") && strcmp(logto, "console")) {
		printf("mimic: logto=%s: say 'ring' or 'console'\n", logto);
		machine_exit(EXIT_USAGE);
	}
	logring_to_console(logto && !strcmp(logto, "console"));
	devlog_set_detail_sink(logring_write);
	env->log_write = log_write;
	env->ram_size = ram_size;
	env->code = kmem_alloc(CODE_BUFFER_SIZE, KMEM_LOW);
	env->ram = kmem_alloc(ram_size, KMEM_ANY);
	env->code_size = CODE_BUFFER_SIZE;
	struct x86_cpu *cpu = env->ram && env->code ? x86_cpu_new(env) : NULL;

	if (!cpu) {
		printf("mimic: not enough host memory for %llu MB of guest RAM and the code buffer\n",
		       (unsigned long long)(ram_size >> 20));
		machine_exit(EXIT_USAGE);
	}
	return cpu;
}

void guest_load_flat(struct x86_cpu *cpu, const void *image, size_t len, uint32_t load)
{
	if (flatguest_load(cpu, image, len, load))
		return;
	printf("mimic: the guest image (%zu bytes) does not fit at %#x in %llu MB of guest RAM\n",
	       len, (unsigned)load, (unsigned long long)(cpu->env.ram_size >> 20));
	machine_exit(EXIT_USAGE);
}

/* Says why the guest stopped and ends the run with the matching code. */
__attribute__((noreturn)) static void end_run(struct x86_cpu *cpu, enum x86_stop stop,
					      const struct debugport_state *debug)
{
	if (stop == X86_STOP_EXIT && debug->exit_requested) {
		debugger_run_ends((int)debug->exit_status);
		machine_exit((int)debug->exit_status);
	}
	debugger_run_ends(0);
	printf("\nmimic: guest stopped: %s at eip %08x", x86_stop_name(stop), cpu->eip);
	if (stop == X86_STOP_FAULT)
		printf(" (exception vector %u)", cpu->fault_vector);
	printf("\n");
	machine_exit(stop == X86_STOP_HLT ? EXIT_OK : EXIT_GUEST_FAILURE);
}

void guest_run(struct x86_cpu *cpu, const struct guest_hooks *hooks,
	       const struct debugport_state *debug)
{
	enum debugger_verdict v;

	postmortem_watch(cpu);
	v = debugger_start(cpu);

	while (v != DEBUGGER_QUIT) {
		enum x86_stop stop = x86_run(cpu);

		v = debugger_stopped(cpu, stop);
		if (v == DEBUGGER_PASS && stop != X86_STOP_REQUESTED &&
		    !(hooks->stopped && hooks->stopped(hooks->opaque, stop)))
			end_run(cpu, stop, debug);
		if (hooks->service)
			hooks->service(hooks->opaque);
	}
	printf("\nmimic: quit\n");
	machine_exit(EXIT_OK);
}
