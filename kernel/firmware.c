/* Firmware hand-off.  argv[1] is the command line; QEMU's loader prefixes it
 * with "rd_start=0x<kseg0 address> rd_size=<bytes>" when given -initrd, and
 * those two words are the firmware's, not the user's, so they are taken out
 * here.  Without a usable LEFI table, RAM is assumed to be the low 240 MB that
 * every Loongson-3 board has, and the banner says so. */
#include "kernel/firmware.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/cp0.h"

#define LEFI_MAX_BYTES 0x10000
#define FALLBACK_RAM   (240ull << 20)

static const char *arg_string(const int32_t *argv, long i)
{
	return (const char *)(intptr_t)argv[i];	/* sign-extended KSEG0 */
}

/* Copies src into the command line, dropping rd_start= and rd_size= words. */
static void take_cmdline(struct firmware_info *out, const char *src)
{
	size_t n = 0;

	while (*src) {
		while (*src == ' ')
			src++;
		const char *w = src;
		while (*src && *src != ' ')
			src++;
		size_t len = (size_t)(src - w);

		if (len == 0)
			break;
		if (!strncmp(w, "rd_start=", 9)) {
			out->initrd_pa = virt_to_phys((void *)(uintptr_t)strtoull(w + 9, NULL, 0));
			continue;
		}
		if (!strncmp(w, "rd_size=", 8)) {
			out->initrd_size = strtoull(w + 8, NULL, 0);
			continue;
		}
		if (n + len + 2 > sizeof(out->cmdline))
			break;	/* longer than any real command line: cut */
		if (n)
			out->cmdline[n++] = ' ';
		memcpy(out->cmdline + n, w, len);
		n += len;
	}
	out->cmdline[n] = 0;
}

void firmware_read(long argc, const int32_t *argv, const void *boot_params,
		   struct firmware_info *out)
{
	memset(out, 0, sizeof(*out));
	if (argc >= 2 && argv)
		take_cmdline(out, arg_string(argv, 1));
	out->lefi_error = lefi_parse(boot_params, LEFI_MAX_BYTES, &out->lefi);
	if (out->lefi_error) {
		out->lefi.nr_ram = 1;
		out->lefi.ram[0].start = 0;
		out->lefi.ram[0].size = FALLBACK_RAM;
	}
}

const void *firmware_initrd(const struct firmware_info *fw)
{
	return fw->initrd_size ? phys_to_cached(fw->initrd_pa) : NULL;
}
