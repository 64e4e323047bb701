/* Linux boot through fw_cfg: checks and patches the bzImage setup header
 * and publishes setup, kernel, initrd and command line with the addresses
 * linuxboot_dma.bin copies them to. Ref: Linux Documentation/x86/boot.rst. */
#include "devices/linuxboot.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "libc/bytes.h"

#define HDRS_MAGIC         0x53726448u	/* "HdrS" little-endian */
#define OLD_INITRD_MAX     0x37ffffffu	/* before protocol 2.03 */
#define OLD_CMDLINE_MAX    255		/* before protocol 2.06 */
#define PAGE_MASK_4K       0xfffu

static bool fail(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return false;
}

/* Picks the initrd address: page-aligned, as high as the kernel allows
 * and RAM below 4 GB holds. 0 if it does not fit above the kernel. */
static uint32_t initrd_address(const uint8_t *image, uint32_t protocol,
			       uint32_t initrd_len, uint32_t kernel_end,
			       uint64_t ram_below_4g)
{
	uint64_t max = protocol >= 0x203 ?
			       (uint32_t)le_get(image + LINUXBOOT_INITRD_MAX, 4) :
			       OLD_INITRD_MAX;
	uint64_t addr;

	if (max >= ram_below_4g)
		max = ram_below_4g - 1;
	if (max + 1 < initrd_len)
		return 0;
	addr = (max + 1 - initrd_len) & ~(uint64_t)PAGE_MASK_4K;
	return addr >= kernel_end ? (uint32_t)addr : 0;
}

static bool add_u32(struct fwcfg_state *fw, uint16_t key, uint32_t v)
{
	return fwcfg_add_int(fw, key, v, 4);
}

bool linuxboot_load(struct fwcfg_state *fw, uint8_t *image,
		    uint32_t image_len, const uint8_t *initrd,
		    uint32_t initrd_len, const char *cmdline,
		    uint64_t ram_below_4g, char *why, size_t why_len)
{
	uint32_t protocol, setup_size, kernel_size, cmdline_max, initrd_at = 0;
	size_t cmdline_len = strlen(cmdline);

	if (image_len < LINUXBOOT_CMDLINE_SIZE + 4 ||
	    (uint32_t)le_get(image + LINUXBOOT_HEADER, 4) != HDRS_MAGIC)
		return fail(why, why_len, "not a Linux kernel with a setup header");
	protocol = (uint32_t)le_get(image + LINUXBOOT_VERSION, 2);
	if (protocol < 0x202)
		return fail(why, why_len, "boot protocol older than 2.02");
	if (!(image[LINUXBOOT_LOADFLAGS] & LINUXBOOT_LOADED_HIGH))
		return fail(why, why_len, "zImage (loaded low) is not supported");
	setup_size = ((image[LINUXBOOT_SETUP_SECTS] ?
		       image[LINUXBOOT_SETUP_SECTS] : 4) + 1u) * 512;
	if (setup_size >= image_len)
		return fail(why, why_len, "image shorter than its setup code");
	kernel_size = image_len - setup_size;
	if (protocol >= 0x204 &&
	    (uint64_t)le_get(image + LINUXBOOT_SYSSIZE, 4) * 16 > kernel_size)
		return fail(why, why_len, "kernel image cut short: shorter than its header's syssize");
	cmdline_max = protocol >= 0x206 ?
			      (uint32_t)le_get(image + LINUXBOOT_CMDLINE_SIZE, 4) :
			      OLD_CMDLINE_MAX;
	if (cmdline_len > cmdline_max)
		return fail(why, why_len, "command line longer than the kernel takes "
			    "(its cmdline_size: %u bytes)", cmdline_max);
	if (initrd_len) {
		initrd_at = initrd_address(image, protocol, initrd_len,
					   LINUXBOOT_KERNEL_ADDR + kernel_size,
					   ram_below_4g);
		if (!initrd_at)
			return fail(why, why_len, "initrd does not fit in RAM");
	}

	/* The boot loader's part of the header. */
	image[LINUXBOOT_LOADER_TYPE] = 0xff;
	image[LINUXBOOT_LOADFLAGS] |= LINUXBOOT_CAN_USE_HEAP;
	le_put(image + LINUXBOOT_HEAP_END,
	       LINUXBOOT_CMDLINE_ADDR - LINUXBOOT_REAL_ADDR - 0x200, 2);
	le_put(image + LINUXBOOT_CMD_LINE_PTR, LINUXBOOT_CMDLINE_ADDR, 4);
	le_put(image + LINUXBOOT_RAMDISK_IMAGE, initrd_at, 4);
	le_put(image + LINUXBOOT_RAMDISK_SIZE, initrd_len, 4);

	if (add_u32(fw, FWCFG_SETUP_ADDR, LINUXBOOT_REAL_ADDR) &&
	    add_u32(fw, FWCFG_SETUP_SIZE, setup_size) &&
	    fwcfg_add_bytes(fw, FWCFG_SETUP_DATA, image, setup_size) &&
	    add_u32(fw, FWCFG_KERNEL_ADDR, LINUXBOOT_KERNEL_ADDR) &&
	    add_u32(fw, FWCFG_KERNEL_SIZE, kernel_size) &&
	    fwcfg_add_bytes(fw, FWCFG_KERNEL_DATA, image + setup_size,
			    kernel_size) &&
	    add_u32(fw, FWCFG_INITRD_ADDR, initrd_at) &&
	    add_u32(fw, FWCFG_INITRD_SIZE, initrd_len) &&
	    (!initrd_len ||
	     fwcfg_add_bytes(fw, FWCFG_INITRD_DATA, initrd, initrd_len)) &&
	    add_u32(fw, FWCFG_CMDLINE_ADDR, LINUXBOOT_CMDLINE_ADDR) &&
	    add_u32(fw, FWCFG_CMDLINE_SIZE, (uint32_t)cmdline_len + 1) &&
	    fwcfg_add_bytes(fw, FWCFG_CMDLINE_DATA, cmdline,
			    (uint32_t)cmdline_len + 1))
		return true;
	return fail(why, why_len, "fw_cfg has no room for the kernel's items (a mimic bug)");
}
