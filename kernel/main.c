/* The boot story: from the firmware's hand-off to the main job. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "firmware/blobs.h"
#include "kernel/bench.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/cp0.h"
#include "kernel/disasm.h"
#include "kernel/diskimage.h"
#include "kernel/firmware.h"
#include "kernel/kmem.h"
#include "kernel/linuxbundle.h"
#include "kernel/pcmachine.h"
#include "kernel/power.h"
#include "kernel/selftest.h"
#include "kernel/timer.h"
#include "kernel/version.h"
#include "translator/flatguest.h"

static struct firmware_info fw;

static void banner(int capstone_version, bool timer_measured)
{
	printf("\nmimic %s: an x86 PC on MIPS64, no host OS\n", mimic_version);
	printf("cpu: PRId %08x, %u cpu(s), firmware clock %u Hz, board '%s'\n",
	       cp0_prid(), fw.lefi.nr_cpus, fw.lefi.cpu_clock_hz, fw.lefi.board_name);
	if (fw.lefi_error)
		printf("warning: firmware table unusable (%s): assuming %llu MB of RAM\n",
		       fw.lefi_error, (unsigned long long)(lefi_ram_total(&fw.lefi) >> 20));
	printf("ram: %llu MB in %u range(s), %llu MB free\n",
	       (unsigned long long)(kmem_total_bytes() >> 20), fw.lefi.nr_ram,
	       (unsigned long long)(kmem_free_bytes() >> 20));
	for (unsigned i = 0; i < fw.lefi.nr_ram; i++)
		printf("  0x%010llx-0x%010llx\n", (unsigned long long)fw.lefi.ram[i].start,
		       (unsigned long long)(fw.lefi.ram[i].start + fw.lefi.ram[i].size - 1));
	printf("timer: Count at %llu Hz (%s), tick %d Hz\n",
	       (unsigned long long)timer_count_hz(),
	       timer_measured ? "measured against the board RTC" : "from the firmware clock",
	       TIMER_TICK_HZ);
	printf("capstone: %d.%d (x86)\n", capstone_version / 100, capstone_version % 100);
	if (fw.initrd_size)
		printf("initrd: %llu bytes at %#llx\n", (unsigned long long)fw.initrd_size,
		       (unsigned long long)fw.initrd_pa);
	config_print();
}

static uint32_t guest_load_address(void)
{
	uint64_t load = FLATGUEST_LOAD_DEFAULT;

	if (config_get("load") && (!config_get_u64("load", &load) || load > UINT32_MAX)) {
		printf("mimic: load=%s is not a 32-bit address\n", config_get("load"));
		machine_exit(EXIT_USAGE);
	}
	return (uint32_t)load;
}

/* bios=seabios: the built-in SeaBIOS; bios=initrd: the initrd is the
 * firmware of a PC started from reset. */
static void run_bios(const char *bios)
{
	if (!bios)
		return;
	if (!strcmp(bios, "seabios"))
		pcmachine_run_firmware(firmware_seabios,
				       (size_t)(firmware_seabios_end - firmware_seabios));
	if (!strcmp(bios, "initrd"))
		pcmachine_run_firmware(firmware_initrd(&fw), fw.initrd_size);
	printf("mimic: bios=%s: the firmware is 'seabios' (built in) or 'initrd' "
	       "(make run BIOS=rom.bin)\n", bios);
	machine_exit(EXIT_USAGE);
}

/* disk=initrd: the initrd is the boot disk (primary ATA master) of the PC,
 * which the built-in SeaBIOS boots.  Returns the firmware to start. */
static const char *use_disk(const char *disk, const char *bios)
{
	if (!disk)
		return bios;
	if (strcmp(disk, "initrd") || (bios && strcmp(bios, "seabios"))) {
		printf("mimic: disk=%s%s%s: the boot disk image is the initrd (disk=initrd, "
		       "make run DISK=file.img), booted by the built-in SeaBIOS\n", disk,
		       bios ? " bios=" : "", bios ? bios : "");
		machine_exit(EXIT_USAGE);
	}
	if (config_get("linux")) {
		printf("mimic: disk=%s and linux=%s both want the initrd: give one\n", disk,
		       config_get("linux"));
		machine_exit(EXIT_USAGE);
	}
	const char *why = diskimage_check(firmware_initrd(&fw), fw.initrd_size);

	if (why) {
		printf("mimic: disk=initrd: %s\n", why);
		machine_exit(EXIT_USAGE);
	}
	/* The initrd's memory is the kernel's own: the guest may write to it. */
	pcmachine_set_disk((void *)firmware_initrd(&fw), fw.initrd_size);
	printf("disk: %llu bytes (%llu sectors) as the primary ATA master\n",
	       (unsigned long long)fw.initrd_size,
	       (unsigned long long)(fw.initrd_size / DISKIMAGE_SECTOR));
	return "seabios";
}

/* linux=initrd: the initrd is a Linux bundle (kernel/linuxbundle.h) that
 * the firmware (bios=, default the built-in SeaBIOS) boots. */
static void run_linux(const char *how, const char *bios)
{
	static struct linux_bundle bundle;
	char err[320];

	if (!how)
		return;
	if (strcmp(how, "initrd") || (bios && strcmp(bios, "seabios"))) {
		printf("mimic: linux=%s%s%s: the Linux bundle is the initrd (linux=initrd, "
		       "make run LINUX_BUNDLE=bundle.cpio), booted by the built-in SeaBIOS\n", how,
		       bios ? " bios=" : "", bios ? bios : "");
		machine_exit(EXIT_USAGE);
	}
	if (!fw.initrd_size) {
		printf("mimic: linux=initrd, but no initrd was handed over: give the Linux "
		       "bundle as the initrd (make run LINUX_BUNDLE=build/linux/linuxboot.cpio)\n");
		machine_exit(EXIT_USAGE);
	}
	if (linux_bundle_read((uint8_t *)firmware_initrd(&fw), fw.initrd_size,
			      config_get("append"), &bundle, err, sizeof(err))) {
		printf("mimic: %s\n", err);
		machine_exit(EXIT_USAGE);
	}
	pcmachine_run_linux(firmware_seabios, (size_t)(firmware_seabios_end - firmware_seabios),
			    &bundle);
}

static volatile bool quit_requested;

static void on_escape(int key)
{
	if (key == 'x' || key == 'X')
		quit_requested = true;
}

/* Until there is a guest: idle at the console until Ctrl-A x. */
static void wait_for_quit(void)
{
	console_set_escape_handler(on_escape);
	printf("no guest is configured (make run GUEST=prog.bin). Press Ctrl-A then x to quit.\n");
	fflush(stdout);
	while (!quit_requested) {
		while (console_getc() >= 0)
			;	/* nothing to hand typed bytes to yet */
		timer_idle();
	}
}

void kernel_main(long argc, const int32_t *argv, const void *boot_params)
{
	console_init();
	firmware_read(argc, argv, boot_params, &fw);
	kmem_init(&fw.lefi, fw.initrd_pa, fw.initrd_size);
	power_init(fw.lefi.fw_shutdown);
	config_init(fw.cmdline);
	console_set_muted(config_get("gdb") != NULL);	/* gdb=1: the line is gdb's from the start */
	power_set_exit_method(config_exit_method());
	int capstone_version = disasm_init();
	bool measured = timer_init(fw.lefi.cpu_clock_hz, strstr(fw.lefi.board_name, "VIRT") != NULL);
	banner(capstone_version, measured);

	const char *test = config_get("selftest");
	if (test)
		selftest_run(test);
	if (config_get("bench"))
		bench_run(config_get("bench"), firmware_initrd(&fw), fw.initrd_size);
	const char *bios = use_disk(config_get("disk"), config_get("bios"));

	run_linux(config_get("linux"), config_get("bios"));
	run_bios(bios);
	if (fw.initrd_size)
		pcmachine_run_flat(firmware_initrd(&fw), fw.initrd_size, guest_load_address());
	wait_for_quit();
	printf("mimic: quit\n");
	machine_exit(EXIT_OK);
}
