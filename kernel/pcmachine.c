/* The emulated PC: devices/pc.c's chips on the CPU's port bus and memory
 * map (firmware ROM below 4 GB and at 0xE0000 behind PAM, A20, the local
 * APIC's page where IA32_APIC_BASE puts it, the I/O APIC's), the local
 * APIC's INTR on the CPU's, guest time from the host timer (pc_devices_update
 * at the devices' deadlines, noticed by the timer tick), hlt as host idle,
 * the reset line and triple faults as a machine reset, COM1 and the debug
 * ports on the host console, the built-in boot disk (or a user's image)
 * as the primary ATA master.  It starts from reset with a firmware image,
 * or runs a flat 32-bit image from its load address. */
#include "kernel/pcmachine.h"

#include <stdio.h>
#include <string.h>

#include "devices/linuxboot.h"
#include "devices/pc.h"
#include "devices/ramdisk.h"
#include "devices/show.h"
#include "firmware/blobs.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/debugger.h"
#include "kernel/guest.h"
#include "kernel/monitor.h"
#include "kernel/power.h"
#include "kernel/textwatch.h"
#include "kernel/timer.h"
#include "libc/bytes.h"
#include "translator/cpu.h"

#define FIRMWARE_UNIT  0x10000u		/* firmware images come in 64 KB units */
#define FIRMWARE_MAX   (16u << 20)	/* the top 16 MB below 4 GB */
#define ISA_BIOS_MAX   0x20000u		/* the image's tail seen below 1 MB */
#define ROM_PRIORITY   1		/* above RAM (priority 0) */
#define APIC_PRIORITY  2		/* the APICs' pages win over anything */
#define LINUXBOOT_ROM  "genroms/linuxboot_dma.bin"
#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA    0xcfc
#define PCI_CONFIG_ENABLE  0x80000000u

struct pcmachine {
	struct pc_devices pc;	/* ~110 KB: static, not on a stack */
	struct ramdisk bootdisk;
	struct x86_cpu *cpu;
	bool has_firmware;	/* started from reset: a reset starts it again */
	bool noreboot;		/* noreboot=1: a reset ends the run instead */
	volatile bool reset_requested;
	bool power_off_requested;	/* the guest entered soft off (S5) */
	uint32_t lapic_mapped;	/* where the local APIC's page is mapped, 0: nowhere */
	bool show_post;		/* post=1: report each POST code with counts */
	struct text_watch until;	/* until=: the run ends when COM1 has said it */
	bool until_seen;
	uint64_t reset_count;	/* host Count at the last reset */
	uint64_t hlt_stops, host_waits;	/* the guest's hlt, the host's wait */
	uint64_t idle_count;	/* host Count spent in those waits */
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

static void port_in_string(void *opaque, uint16_t port, unsigned size, void *buf, uint32_t count)
{
	struct pcmachine *m = opaque;

	if (is_com1(port))
		guest_pump_console(&m->pc.com1);
	ioport_read_string(&m->pc.bus, port, (int)size, buf, count);
}


static const char *port_name(void *opaque, uint16_t port)
{
	struct pcmachine *m = opaque;

	return ioport_owner(&m->pc.bus, port);
}

/* What ran since reset, for post=1 and until=.  Under QEMU's
 * -icount shift=1 the host Count is MIPS instructions, except while the host
 * waits for an interrupt (hlt): that part is given apart, and the counting
 * itself adds COUNT_COST_PER_TB to each TB (translator/count.c).  A second
 * line gives the translator's counters (TBs translated, invalidated by code
 * writes, ...). */
#define COUNT_COST_PER_TB 9
static void report_counts(struct pcmachine *m, const char *label)
{
	uint64_t host = timer_count64() - m->reset_count, tbs = m->cpu->count_tbs;
	uint64_t busy = host - m->idle_count;
	static char stats[4096];	/* events by vector can make it long */

	printf("%s after %llu guest instructions in %llu TBs; host Count %llu: "
	       "%llu idle, %llu running (%llu without the counting); %llu hlt stops, "
	       "%llu host waits\n", label,
	       (unsigned long long)x86_count_now(m->cpu), (unsigned long long)tbs,
	       (unsigned long long)host, (unsigned long long)m->idle_count,
	       (unsigned long long)busy, (unsigned long long)(busy - COUNT_COST_PER_TB * tbs),
	       (unsigned long long)m->hlt_stops, (unsigned long long)m->host_waits);
	x86_format_stats(m->cpu, stats, sizeof(stats));
	printf("%s translator %s\n", label, stats);
}

static void report_post(struct pcmachine *m, uint8_t code)
{
	char label[16];

	snprintf(label, sizeof(label), "post: %02x", code);
	report_counts(m, label);
}

/* COM1's bytes go to the console; with until= they are watched too. */
static void com1_out(void *opaque, uint8_t byte)
{
	struct pcmachine *m = opaque;
	struct byte_sink console = guest_console_sink();

	byte_sink_put(&console, byte);
	if (text_watch_feed(&m->until, byte))
		m->until_seen = true;
}

static bool port_out(void *opaque, uint16_t port, uint32_t value, unsigned size)
{
	struct pcmachine *m = opaque;

	if (port == DEBUGPORT_POST && m->show_post)
		report_post(m, (uint8_t)value);
	ioport_write(&m->pc.bus, port, value, (int)size);
	refresh_deadline(m);	/* the write may have (re)programmed a timer */
	return m->pc.debug.exit_requested || m->reset_requested || m->power_off_requested ||
	       m->until_seen;
}

/* rep outs: count writes as port_out makes them (POST codes one by one).
 * The translator does not stop a run for rep outs, element by element
 * either, so nothing is returned. */
static void port_out_string(void *opaque, uint16_t port, unsigned size, const void *buf,
			    uint32_t count)
{
	struct pcmachine *m = opaque;
	const uint8_t *p = buf;

	if (port == DEBUGPORT_POST && m->show_post) {
		for (uint32_t i = 0; i < count; i++)
			port_out(m, port, (uint32_t)le_get(p + i * size, (int)size), size);
		return;
	}
	ioport_write_string(&m->pc.bus, port, (int)size, buf, count);
	refresh_deadline(m);
}

/* The CPU's interrupt acknowledge: the local APIC's (ExtINT: the 8259's). */
static uint8_t irq_ack(void *opaque)
{
	struct pcmachine *m = opaque;

	return lapic_get_interrupt(&m->pc.lapic);
}

static uint32_t lapic_mmio_read(void *opaque, uint32_t offset, unsigned size)
{
	struct pcmachine *m = opaque;

	return lapic_read(&m->pc.lapic, offset, size);
}

static void lapic_mmio_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
	struct pcmachine *m = opaque;

	lapic_write(&m->pc.lapic, offset, value, size);
	refresh_deadline(m);	/* the write may have started the timer */
}

static uint32_t ioapic_mmio_read(void *opaque, uint32_t offset, unsigned size)
{
	struct pcmachine *m = opaque;

	return ioapic_read(&m->pc.ioapic, offset, size);
}

static void ioapic_mmio_write(void *opaque, uint32_t offset, uint32_t value, unsigned size)
{
	struct pcmachine *m = opaque;

	ioapic_write(&m->pc.ioapic, offset, value, size);
}

static const struct softmmu_mmio_ops lapic_ops = { lapic_mmio_read, lapic_mmio_write, "lapic" };
static const struct softmmu_mmio_ops ioapic_ops = { ioapic_mmio_read, ioapic_mmio_write, "ioapic" };

/* The local APIC's page follows IA32_APIC_BASE: where its address says,
 * nowhere while globally disabled. */
static void map_lapic(struct pcmachine *m)
{
	uint32_t want = lapic_enabled(&m->pc.lapic) ? lapic_base_address(&m->pc.lapic) : 0;

	if (want == m->lapic_mapped)
		return;
	if (m->lapic_mapped)
		softmmu_unmap(&m->cpu->mmu, m->lapic_mapped, LAPIC_SIZE);
	m->lapic_mapped = 0;
	if (want && softmmu_map_mmio(&m->cpu->mmu, want, LAPIC_SIZE, &lapic_ops, m, APIC_PRIORITY))
		m->lapic_mapped = want;
}

/* wrmsr IA32_APIC_BASE. */
static void apic_base(void *opaque, uint64_t value)
{
	struct pcmachine *m = opaque;

	lapic_set_base(&m->pc.lapic, (uint32_t)value);
	map_lapic(m);
}

/* The FPU's FERR# (CR0.NE clear): the PC's IRQ13 latch. */
static void ferr(void *opaque)
{
	struct pcmachine *m = opaque;

	fpuerr_assert(&m->pc.fpuerr);
}

/* The local APIC's INTR output. */
static void set_intr(void *opaque, int n, int level)
{
	struct pcmachine *m = opaque;

	(void)n;
	x86_set_irq(m->cpu, level != 0);
}

/* The A20 gate follows whichever source (8042 output port, port 0x92)
 * changed it last, as the reference PC (qemu-system-i386) wires it: an OR
 * would leave the 8042's power-on "on" holding the gate open, so that
 * port 0x92 could never close it. */
static void set_a20(void *opaque, enum sysctl_a20_source src, bool on)
{
	struct pcmachine *m = opaque;

	(void)src;
	softmmu_set_a20(&m->cpu->mmu, on);
}

/* The RESET line (8042, port 0x92, PCI 0xCF9): done between runs. */
static void request_reset(void *opaque)
{
	struct pcmachine *m = opaque;

	m->reset_requested = true;
	x86_request_exit(m->cpu);
}

/* Soft off through the PM control register (a port write): port_out
 * stops the run after the instruction, and it ends cleanly. */
static void power_off(void *opaque)
{
	struct pcmachine *m = opaque;

	m->power_off_requested = true;
}

static void set_pam(void *opaque, uint32_t start, uint32_t len, enum pam_mode mode)
{
	struct pcmachine *m = opaque;

	softmmu_set_shadow(&m->cpu->mmu, start, len, mode & PAM_READ_RAM, mode & PAM_WRITE_RAM);
}

static bool dma_read(void *opaque, uint64_t pa, void *buf, size_t len)
{
	struct pcmachine *m = opaque;
	uint8_t *p = buf;

	if (pa + len > (1ull << 32))
		return false;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)softmmu_phys_load(&m->cpu->mmu, (uint32_t)(pa + i), 1);
	return true;
}

static bool dma_write(void *opaque, uint64_t pa, const void *buf, size_t len)
{
	struct pcmachine *m = opaque;
	const uint8_t *p = buf;

	if (pa + len > (1ull << 32))
		return false;
	for (size_t i = 0; i < len; i++)
		softmmu_phys_store(&m->cpu->mmu, (uint32_t)(pa + i), p[i], 1);
	return true;
}

/* The machine around a CPU of guest_ram= MB: devices, disk, clock. */
static struct x86_cpu *build(struct pcmachine *m)
{
	struct x86_env env = {
		.in = port_in, .out = port_out, .in_string = port_in_string,
		.out_string = port_out_string, .port_name = port_name, .irq_ack = irq_ack,
		.apic_base = apic_base,
		.clock_ns = guest_now_ns, .ferr = ferr,
		.opaque = m, .log = guest_log_flags(),
	};
	uint64_t ram = guest_ram_bytes();
	const char *dc = config_get("debugcon"), *post = config_get("post");
	const char *until = config_get("until");

	m->show_post = post && !strcmp(post, "1");
	m->noreboot = config_get("noreboot") && !strcmp(config_get("noreboot"), "1");
	if (until && !text_watch_init(&m->until, until)) {
		printf("mimic: until= wants a text of 1 to %u bytes\n", TEXT_WATCH_MAX);
		machine_exit(EXIT_USAGE);
	}
	env.count = m->show_post || until;

	m->cpu = guest_create(&env, ram);
	if (!m->bootdisk.data)
		m->bootdisk = (struct ramdisk){
			.data = (uint8_t *)firmware_bootdisk,
			.bytes = (uint64_t)(firmware_bootdisk_end - firmware_bootdisk),
		};
	struct pc_config cfg = {
		.clock = { guest_now_ns, m },
		.rtc_epoch_ns = (int64_t)timer_wall_clock_ns(),
		.intr = { set_intr, m, 0 },
		.ctl = { .set_a20 = set_a20, .reset = request_reset, .opaque = m,
			 .power_off = power_off },
		.com1_out = { com1_out, m },
		.debugcon = guest_console_sink(),
		.seabios_log = dc && !strcmp(dc, "1") ? guest_console_sink()
						      : (struct byte_sink){ NULL, NULL },
		.pam = { set_pam, m },
		.dma = { dma_read, dma_write, m },
		.disk0 = ramdisk_ata(&m->bootdisk),
		.ram_below_4g = ram,
		.bios_screen_on_com1 = true,	/* no video: the BIOS screen is COM1 */
	};
	m->clock_zero_ns = timer_now_ns();
	if (!pc_devices_init(&m->pc, &cfg)) {
		printf("mimic: two PC devices claim one I/O port (a mimic bug)\n");
		machine_exit(EXIT_HOST_FAILURE);
	}
	softmmu_set_a20(&m->cpu->mmu, true);	/* open at power-on, as after a reset */
	if (!softmmu_map_mmio(&m->cpu->mmu, IOAPIC_BASE, IOAPIC_SIZE, &ioapic_ops, m, APIC_PRIORITY)) {
		printf("mimic: the physical map has no room for the I/O APIC (a mimic bug)\n");
		machine_exit(EXIT_HOST_FAILURE);
	}
	map_lapic(m);
	refresh_deadline(m);
	timer_set_hook(on_tick);
	return m->cpu;
}

/* RESET: every chip (PAM back to ROM, A20 as at power-on) and the CPU. */
static void reset_machine(struct pcmachine *m)
{
	m->reset_requested = false;
	pc_devices_reset(&m->pc);
	softmmu_set_a20(&m->cpu->mmu, true);	/* open, whatever the chips' resets said */
	map_lapic(m);
	x86_reset(m->cpu);
	m->cpu->count_insns = m->cpu->count_tbs = 0;
	m->reset_count = timer_count64();
	m->idle_count = 0;
	refresh_deadline(m);
}

/* hlt: the host sleeps until the local APIC raises INTR (with IF set) or the user
 * wants the monitor or to quit, serving device deadlines and input on each
 * wake-up.  False if nothing can ever wake the guest. */
static bool idle_until_interrupt(struct pcmachine *m)
{
	struct x86_cpu *cpu = m->cpu;

	m->hlt_stops++;
	if (!(cpu->eflags & X86_IF) && !cpu->nmi_pending)
		return false;
	for (;;) {
		service(m);
		if (cpu->intr || cpu->nmi_pending || m->reset_requested || guest_interrupted())
			return true;
		uint64_t before = timer_count64();

		m->host_waits++;
		timer_idle();
		m->idle_count += timer_count64() - before;
	}
}

/* A reset restarts the firmware; a flat guest has none to restart.  With
 * noreboot=1 it ends the run cleanly (a guest's reboot is its way out). */
static bool reset_if_firmware(struct pcmachine *m)
{
	if (!m->has_firmware) {
		printf("mimic: a flat guest has no firmware to restart after a reset\n");
		return false;
	}
	if (m->noreboot) {
		printf("mimic: machine reset with noreboot=1: the run ends\n");
		machine_exit(EXIT_OK);
	}
	printf("mimic: machine reset\n");
	reset_machine(m);
	return true;
}

static bool stopped(void *opaque, enum x86_stop stop)
{
	struct pcmachine *m = opaque;

	if (stop == X86_STOP_HLT)
		return idle_until_interrupt(m);
	if (stop == X86_STOP_EXIT && m->until_seen) {
		printf("\n");
		report_counts(m, "until:");
		debugger_run_ends(EXIT_OK);
		machine_exit(EXIT_OK);
	}
	if (stop == X86_STOP_EXIT && m->power_off_requested) {
		printf("\nmimic: the guest powered the machine off\n");
		debugger_run_ends(EXIT_OK);
		machine_exit(EXIT_OK);
	}
	if (stop == X86_STOP_TRIPLE_FAULT)
		printf("\nmimic: triple fault at %04x:%08x: the machine resets\n",
		       m->cpu->seg[X86_CS].sel, m->cpu->eip);
	else if (stop != X86_STOP_EXIT || !m->reset_requested)
		return false;
	return reset_if_firmware(m);
}

/* The monitor's reset: the guest is stopped, so at once. */
static void monitor_reset(void *opaque)
{
	reset_if_firmware(opaque);
}

static void show_devices(void *opaque)
{
	struct pcmachine *m = opaque;

	printf("machine  %llu hlt stops, %llu host waits, guest time %llu ns\n",
	       (unsigned long long)m->hlt_stops, (unsigned long long)m->host_waits,
	       (unsigned long long)guest_now_ns(m));
	pc_devices_show(&m->pc);
}

static void show_log(void *opaque)
{
	struct pcmachine *m = opaque;

	pc_devices_show_log(&m->pc);
}

__attribute__((noreturn)) static void run(struct pcmachine *m)
{
	static struct monitor_machine commands = { show_devices, show_log, monitor_reset, NULL };
	struct guest_hooks hooks = { .service = service, .stopped = stopped, .opaque = m };

	commands.opaque = m;
	monitor_set_machine(&commands);
	fflush(stdout);
	guest_run(m->cpu, &hooks, &m->pc.debug);
}

/* What the firmware would do for a flat guest: the i440FX's PAM registers
 * (0x59-0x5F) make all of 0xC0000-0xFFFFF RAM, through the PCI config ports. */
static void shadow_all_ram(struct pcmachine *m)
{
	for (uint32_t reg = I440FX_PAM0; reg <= I440FX_PAM6; reg++) {
		ioport_write(&m->pc.bus, PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE | (reg & ~3u), 4);
		ioport_write(&m->pc.bus, (uint16_t)(PCI_CONFIG_DATA + (reg & 3)), 0x33, 1);
	}
}

void pcmachine_run_flat(const void *image, size_t len, uint32_t load)
{
	struct x86_cpu *cpu = build(&pcm);

	shadow_all_ram(&pcm);
	guest_load_flat(cpu, image, len, load);
	printf("guest: %zu bytes at %#x, flat 32-bit protected mode, %llu MB RAM\n",
	       len, (unsigned)load, (unsigned long long)(cpu->env.ram_size >> 20));
	run(&pcm);
}

void pcmachine_set_disk(void *image, size_t len)
{
	pcm.bootdisk = (struct ramdisk){ .data = image, .bytes = len, .writable = true };
}

/* The PC with image as its firmware, not yet started: a bad or missing
 * image ends the run with EXIT_USAGE. */
static struct x86_cpu *build_with_firmware(const void *image, size_t len)
{
	if (!image || !len) {
		printf("mimic: bios=initrd, but no initrd was handed over: give the firmware "
		       "image as the initrd (make run BIOS=rom.bin)\n");
		machine_exit(EXIT_USAGE);
	}
	if (len % FIRMWARE_UNIT || len > FIRMWARE_MAX) {
		printf("mimic: the firmware image is %zu bytes: it must be a multiple of 64 KB, "
		       "at most %u MB\n", len, FIRMWARE_MAX >> 20);
		machine_exit(EXIT_USAGE);
	}
	struct x86_cpu *cpu = build(&pcm);
	uint32_t size = (uint32_t)len, isa = size < ISA_BIOS_MAX ? size : ISA_BIOS_MAX;
	const uint8_t *rom = image;

	if (!softmmu_map_rom(&cpu->mmu, (uint32_t)(0x100000000ull - size), size, rom, ROM_PRIORITY) ||
	    !softmmu_map_rom(&cpu->mmu, 0x100000u - isa, isa, rom + size - isa, ROM_PRIORITY)) {
		printf("mimic: the physical map has no room for the firmware (a mimic bug)\n");
		machine_exit(EXIT_HOST_FAILURE);
	}
	pcm.has_firmware = true;
	printf("firmware: %u KB at %#x and %#x, %llu MB RAM\n",
	       size >> 10, (unsigned)(0x100000000ull - size), 0x100000u - isa,
	       (unsigned long long)(cpu->env.ram_size >> 20));
	return cpu;
}

__attribute__((noreturn)) static void run_from_reset(struct x86_cpu *cpu)
{
	x86_reset(cpu);
	pcm.reset_count = timer_count64();
	printf("starting from reset\n");
	run(&pcm);
}

void pcmachine_run_firmware(const void *image, size_t len)
{
	run_from_reset(build_with_firmware(image, len));
}

void pcmachine_run_linux(const void *firmware, size_t firmware_len,
			 const struct linux_bundle *guest)
{
	struct x86_cpu *cpu = build_with_firmware(firmware, firmware_len);
	/* SeaBIOS boots the devices "bootorder" names first, one path a line. */
	static const char bootorder[] = "/rom@" LINUXBOOT_ROM "\n";
	char why[160] = "fw_cfg has no room for the option ROM (a mimic bug)";

	if (!linuxboot_load(&pcm.pc.fwcfg, guest->kernel, (uint32_t)guest->kernel_len,
			    guest->initrd, (uint32_t)guest->initrd_len, guest->cmdline,
			    cpu->env.ram_size, why, sizeof(why)) ||
	    !fwcfg_add_file(&pcm.pc.fwcfg, LINUXBOOT_ROM, firmware_linuxboot_dma,
			    (uint32_t)(firmware_linuxboot_dma_end - firmware_linuxboot_dma)) ||
	    !fwcfg_add_file(&pcm.pc.fwcfg, "bootorder", bootorder, sizeof(bootorder) - 1)) {
		printf("mimic: cannot boot the Linux kernel (%zu bytes) with a %zu-byte initrd "
		       "and a %zu-byte command line: %s\n", guest->kernel_len, guest->initrd_len,
		       strlen(guest->cmdline), why);
		machine_exit(EXIT_USAGE);
	}
	printf("linux: kernel %zu bytes, initrd %zu bytes, command line '%s'; through fw_cfg "
	       "and linuxboot_dma.bin\n", guest->kernel_len, guest->initrd_len, guest->cmdline);
	run_from_reset(cpu);
}
