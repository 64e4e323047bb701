/* The kernel's embedding of the translator: guest RAM from the page pool
 * (XKPHYS), the code buffer in KSEG0 (so generated code can jal into kernel
 * helpers), port I/O through the device bus, and the guest's console (port
 * 0xE9 out, COM1 both ways, polled: no guest interrupts yet) on the host's.  The timer interrupt keeps polling the console while the guest
 * runs. */
#include "kernel/guest.h"

#include <stdio.h>
#include <string.h>

#include "devices/debugport.h"
#include "devices/ioport.h"
#include "devices/uart16550.h"
#include "kernel/cache.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/kmem.h"
#include "kernel/monitor.h"
#include "kernel/power.h"
#include "translator/cpu.h"
#include "translator/flatguest.h"
#include "translator/host.h"
#include "translator/x86.h"

#define GUEST_RAM_DEFAULT_MB 128
#define CODE_BUFFER_SIZE (32u << 20)
#define COM1_BASE 0x3f8

struct guest {
	struct ioport_bus bus;
	struct debugport_state debug;
	struct uart_state com1;
	struct x86_cpu *cpu;
	volatile bool quit_requested;
};

static struct guest g;

void host_sync_code(void *start, size_t len)
{
	cache_sync_code(start, len);
}

static void console_sink(void *opaque, uint8_t byte)
{
	(void)opaque;
	console_putc((char)byte);
}

/* Hands typed bytes to COM1 while its receiver has room.  Called when the
 * guest reads COM1, so a polling guest sees its input. */
static void pump_console_input(struct guest *g)
{
	int c;

	while (uart_rx_space(&g->com1) > 0 && (c = console_getc()) >= 0)
		uart_receive(&g->com1, (uint8_t)c);
}

static uint32_t guest_in(void *opaque, uint16_t port, unsigned size)
{
	struct guest *g = opaque;

	if (port >= COM1_BASE && port < COM1_BASE + 8)
		pump_console_input(g);
	return ioport_read(&g->bus, port, (int)size);
}

static bool guest_out(void *opaque, uint16_t port, uint32_t value, unsigned size)
{
	struct guest *g = opaque;

	ioport_write(&g->bus, port, value, (int)size);
	return g->debug.exit_requested;
}

/* Ctrl-A c: stop at the next TB boundary for the monitor; Ctrl-A x: quit. */
static void on_escape(int key)
{
	if (key == 'x' || key == 'X')
		g.quit_requested = true;
	else if (key != 'c' && key != 'C')
		return;
	if (g.cpu)
		x86_request_exit(g.cpu);
}

static unsigned log_flags(void)
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

/* Runs the guest, with the monitor when asked (monitor=1 stops before the
 * first instruction), until it exits, stops on something it cannot do, or
 * the user quits. */
__attribute__((noreturn)) static void run_until_stopped(struct x86_cpu *cpu)
{
	const char *m = config_get("monitor");
	bool go = !(m && !strcmp(m, "1")) || monitor_enter(cpu);
	enum x86_stop stop = X86_STOP_REQUESTED;

	while (go && !g.quit_requested) {
		stop = x86_run(cpu);
		if (stop != X86_STOP_REQUESTED)
			break;
		if (!g.quit_requested)
			go = monitor_enter(cpu);
	}
	if (!go || g.quit_requested) {
		printf("\nmimic: quit\n");
		machine_exit(EXIT_OK);
	}
	if (stop == X86_STOP_EXIT)
		machine_exit((int)g.debug.exit_status);
	printf("\nmimic: guest stopped: %s at eip %08x", x86_stop_name(stop), cpu->eip);
	if (stop == X86_STOP_FAULT)
		printf(" (exception vector %u)", cpu->fault_vector);
	printf("\n");
	machine_exit(stop == X86_STOP_HLT ? EXIT_OK : EXIT_GUEST_FAILURE);
}

struct x86_cpu *guest_create_flat(struct x86_env *env, uint64_t ram_size,
				  const void *image, size_t len, uint32_t load)
{
	env->ram_size = ram_size;
	env->ram = kmem_alloc(ram_size, KMEM_ANY);
	env->code = kmem_alloc(CODE_BUFFER_SIZE, KMEM_LOW);
	env->code_size = CODE_BUFFER_SIZE;
	if (!env->ram || !env->code) {
		printf("mimic: not enough host memory for %llu MB of guest RAM and the code buffer\n",
		       (unsigned long long)(ram_size >> 20));
		machine_exit(EXIT_USAGE);
	}
	struct x86_cpu *cpu = x86_cpu_new(env);
	if (!cpu || !flatguest_load(cpu, image, len, load)) {
		printf("mimic: the guest image (%zu bytes) does not fit at %#x in %llu MB of guest RAM\n",
		       len, (unsigned)load, (unsigned long long)(ram_size >> 20));
		machine_exit(EXIT_USAGE);
	}
	return cpu;
}

void guest_run_flat(const void *image, size_t len, uint32_t load)
{
	uint64_t ram_mb = GUEST_RAM_DEFAULT_MB;
	struct x86_env env = {
		.in = guest_in, .out = guest_out, .opaque = &g, .log = log_flags(),
	};

	config_get_u64("guest_ram", &ram_mb);
	ioport_init(&g.bus);
	debugport_init(&g.debug, (struct byte_sink){ console_sink, NULL },
		       (struct byte_sink){ NULL, NULL });
	debugport_attach(&g.debug, &g.bus);
	uart_init(&g.com1, COM1_BASE, (struct byte_sink){ console_sink, NULL },
		  (struct irq_line){ NULL, NULL, 0 });
	uart_attach(&g.com1, &g.bus);
	struct x86_cpu *cpu = guest_create_flat(&env, ram_mb << 20, image, len, load);
	printf("guest: %zu bytes at %#x, flat 32-bit protected mode, %llu MB RAM\n",
	       len, (unsigned)load, (unsigned long long)ram_mb);
	fflush(stdout);
	g.cpu = cpu;
	console_set_escape_handler(on_escape);
	run_until_stopped(cpu);
}
