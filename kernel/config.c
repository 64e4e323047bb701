/* The boot option table.  Every option a user can give is listed here with
 * its help text; anything else on the command line stops the boot. */
#include "kernel/config.h"

#include <stdio.h>
#include <string.h>

#include "kernel/options.h"
#include "kernel/power.h"

static const struct option_def known[] = {
	{ "exit", "how the run ends: 'firmware' (power off, default) or "
		  "'semihosting' (QEMU -semihosting: QEMU exits with mimic's code)" },
	{ "selftest", "run a built-in host test instead of a guest: fault, panic, "
		      "timer, codegen, capstone, echo" },
	{ "load", "guest physical address of a flat guest binary (the initrd; "
		  "default 0x100000)" },
	{ "bios", "the PC's firmware, started from reset: 'seabios' (built in) or "
		  "'initrd' (the initrd is the image: make run BIOS=rom.bin)" },
	{ "linux", "'initrd': boot Linux through the firmware (bios=, default seabios); the "
		   "initrd is a cpio of vmlinuz, initrd and cmdline (make run LINUX_BUNDLE=...)" },
	{ "append", "the Linux guest's command line, replacing the bundle's "
		    "(quote it: append=\"console=ttyS0 ...\")" },
	{ "disk", "'initrd': the initrd is the boot disk image (primary ATA master) "
		  "that SeaBIOS boots (make run DISK=file.img)" },
	{ "guest_ram", "guest RAM in MB (default 128)" },
	{ "log", "log categories, comma-separated: in_asm, out_asm, exec, int, cpu, ioport, mmio "
		 "(to the log ring; see logto)" },
	{ "debugcon", "1: show the firmware's debug log (port 0x402, SeaBIOS's) "
		      "on the console" },
	{ "noreboot", "1: a machine reset (reset line or triple fault) ends the run with "
		      "status 0 instead of restarting the firmware" },
	{ "post", "1: show each POST code (port 0x80) with the guest instructions "
		  "and host Count since reset" },
	{ "until", "end the run (status 0) when the guest's serial output (COM1) first "
		   "contains this text, with post=1's counts: until=\"guest# \"" },
	{ "logto", "where log= lines go: 'ring' (default: kept in memory, the "
		   "monitor's logtail shows them) or 'console'" },
	{ "tty", "1: a user sits at the console (scripts/run.sh says so on a terminal): "
		 "a host exception while the guest runs ends in the monitor" },
	{ "monitor", "1: enter the monitor before the guest's first instruction" },
	{ "gdb", "1: the console speaks gdb's remote protocol from the start, guest "
		 "stopped before its first instruction" },
	{ "bench", "measure instead of running: 'native' (the benchmark workloads "
		   "built for MIPS) or 'guest' (the initrd, a benchmark guest)" },
};

static struct options opts;

void config_init(const char *cmdline)
{
	char err[160];

	if (!options_parse(&opts, known, sizeof(known) / sizeof(known[0]),
			   cmdline, err, sizeof(err)))
		return;
	power_set_exit_method(config_exit_method());
	printf("mimic: bad boot option: %s\n", err);
	printf("mimic: options are key=value words; known options:\n");
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		printf("  %-10s %s\n", known[i].name, known[i].help);
	machine_exit(EXIT_USAGE);
}

enum power_exit_method config_exit_method(void)
{
	const char *v = options_get(&opts, "exit");

	return v && !strcmp(v, "semihosting") ? POWER_EXIT_SEMIHOSTING : POWER_EXIT_FIRMWARE;
}

const char *config_get(const char *name)
{
	return options_get(&opts, name);
}

bool config_get_u64(const char *name, uint64_t *out)
{
	return options_get_u64(&opts, name, out);
}

void config_print(void)
{
	printf("options:");
	if (opts.count == 0)
		printf(" none");
	for (unsigned i = 0; i < opts.count; i++)
		printf(" %s=%s", opts.set[i].def->name, opts.set[i].value);
	printf("\n");
}
