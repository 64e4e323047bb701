/* What a direct Linux boot needs, as mimic receives it: the firmware hands
 * over one initrd, so the kernel, its initrd and its command line travel
 * packed in it as a newc cpio archive with the members "vmlinuz" (a
 * bzImage), "initrd" (optional: the guest's initrd or initramfs) and
 * "cmdline" (optional: the guest's command line, one line).
 * firmware/linux.mk builds build/linux/linuxboot.cpio this way. */
#ifndef MIMIC_KERNEL_LINUXBUNDLE_H
#define MIMIC_KERNEL_LINUXBUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define LINUX_CMDLINE_MAX 4096	/* beyond any boot protocol's limit */

struct linux_bundle {
	uint8_t *kernel;	/* inside the archive; the boot loader patches it */
	size_t kernel_len;
	const uint8_t *initrd;	/* NULL if the bundle has none */
	size_t initrd_len;
	char cmdline[LINUX_CMDLINE_MAX];
};

/* Unpacks archive (len bytes; kernel points into it) and checks that the
 * initrd is a cpio archive or a compressed one Linux can unpack.  cmdline
 * replaces the bundle's when not NULL.  Returns NULL, or what is wrong
 * written into err for the user. */
const char *linux_bundle_read(uint8_t *archive, size_t len, const char *cmdline,
			      struct linux_bundle *b, char *err, size_t err_len);

#endif
