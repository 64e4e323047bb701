/* The emulated PC: devices/pc.c's chips on the CPU's port bus, the built-in
 * boot disk as the primary ATA master, COM1 and the debug ports on the host
 * console, guest time from the host timer (pc_devices_update at the
 * devices' deadlines, noticed by the timer tick).  A flat 32-bit image runs
 * on it from its load address. */
#include "kernel/pcmachine.h"

#include <stdio.h>
#include <string.h>

#include "devices/pc.h"
#include "devices/ramdisk.h"
#include "firmware/blobs.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/guest.h"
#include "kernel/timer.h"
#include "translator/cpu.h"

struct pcmachine {
	struct pc_devices pc;	/* ~110 KB: static, not on a stack */
	struct ramdisk bootdisk;
	struct x86_cpu *cpu;
	uint64_t clock_zero_ns;	/* host timer reading at guest time 0 */
	/* Guest ns of the devices' next deadline; the tick interrupt compares
	 * against it, the run loop rewrites it after anything that may move it. */
	volatile uint64_t next_deadline;
};

static struct pcmachine pcm;

static uint64_t guest_now_ns(void *opaque)
{
	struct pcmachine *m = opaque;

	return timer_now_ns() - m->clock_zero_ns;
}

static void refresh_deadline(struct pcmachine *m)
{
	m->next_deadline = pc_devices_next_deadline(&m->pc);
}

/* In the tick interrupt: stop the guest when a device wants service (its
 * deadline passed) or typed bytes wait for COM1. */
static void on_tick(void)
{
	if (!pcm.cpu)
		return;
	if (guest_now_ns(&pcm) >= pcm.next_deadline || console_input_pending())
		x86_request_exit(pcm.cpu);
}

/* Between runs: device time, then typed bytes into COM1. */
static void service(void *opaque)
{
	struct pcmachine *m = opaque;

	if (guest_now_ns(m) >= m->next_deadline)
		pc_devices_update(&m->pc);
	guest_pump_console(&m->pc.com1);
	refresh_deadline(m);
}

static bool is_com1(uint16_t port)
{
	return port >= UART_COM1_BASE && port < UART_COM1_BASE + 8;
}

static uint32_t port_in(void *opaque, uint16_t port, unsigned size)
{
	struct pcmachine *m = opaque;

	if (is_com1(port))
		guest_pump_console(&m->pc.com1);	/* a polling guest sees its input */
	return ioport_read(&m->pc.bus, port, (int)size);
}

static bool port_out(void *opaque, uint16_t port, uint32_t value, unsigned size)
{
	struct pcmachine *m = opaque;

	ioport_write(&m->pc.bus, port, value, (int)size);
	refresh_deadline(m);	/* the write may have (re)programmed a timer */
	return m->pc.debug.exit_requested;
}

/* The machine around a CPU of guest_ram= MB: devices, disk, clock. */
static struct x86_cpu *build(struct pcmachine *m)
{
	struct x86_env env = {
		.in = port_in, .out = port_out, .opaque = m, .log = guest_log_flags(),
	};
	uint64_t ram = guest_ram_bytes();
	const char *dc = config_get("debugcon");

	m->cpu = guest_create(&env, ram);
	m->bootdisk = (struct ramdisk){
		.data = (uint8_t *)firmware_bootdisk,
		.bytes = (uint64_t)(firmware_bootdisk_end - firmware_bootdisk),
	};
	struct pc_config cfg = {
		.clock = { guest_now_ns, m },
		.rtc_epoch_ns = (int64_t)timer_wall_clock_ns(),
		.com1_out = guest_console_sink(),
		.debugcon = guest_console_sink(),
		.seabios_log = dc && !strcmp(dc, "1") ? guest_console_sink()
						      : (struct byte_sink){ NULL, NULL },
		.disk0 = ramdisk_ata(&m->bootdisk),
		.ram_below_4g = ram,
	};
	m->clock_zero_ns = timer_now_ns();
	if (!pc_devices_init(&m->pc, &cfg)) {
		printf("mimic: two PC devices claim one I/O port (a mimic bug)\n");
		machine_exit(EXIT_HOST_FAILURE);
	}
	refresh_deadline(m);
	timer_set_hook(on_tick);
	return m->cpu;
}

void pcmachine_run_flat(const void *image, size_t len, uint32_t load)
{
	struct x86_cpu *cpu = build(&pcm);
	struct guest_hooks hooks = { .service = service, .opaque = &pcm };

	guest_load_flat(cpu, image, len, load);
	printf("guest: %zu bytes at %#x, flat 32-bit protected mode, %llu MB RAM\n",
	       len, (unsigned)load, (unsigned long long)(cpu->env.ram_size >> 20));
	fflush(stdout);
	guest_run(cpu, &hooks, &pcm.pc.debug);
}
