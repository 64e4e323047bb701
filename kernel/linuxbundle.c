/* Unpacking the direct-boot bundle (a newc cpio: vmlinuz, initrd, cmdline)
 * and checking the initrd before SeaBIOS and Linux meet it: a bad one
 * would otherwise surface as a kernel panic deep into the boot. */
#include "kernel/linuxbundle.h"

#include <stdio.h>
#include <string.h>

#include "kernel/cpio.h"

/* The compressed formats Linux 6.1 can unpack an initramfs from, by their
 * first bytes (lib/decompress.c). */
static const struct {
	const char *name;
	uint8_t len, magic[6];
} compressed[] = {
	{ "gzip", 2, { 0x1f, 0x8b } },
	{ "gzip", 2, { 0x1f, 0x9e } },
	{ "bzip2", 3, { 'B', 'Z', 'h' } },
	{ "lzma", 3, { 0x5d, 0x00, 0x00 } },
	{ "xz", 6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 } },
	{ "lzo", 4, { 0x89, 'L', 'Z', 'O' } },
	{ "lz4", 4, { 0x02, 0x21, 0x4c, 0x18 } },
	{ "zstd", 4, { 0x28, 0xb5, 0x2f, 0xfd } },
};

static const char *check_initrd(const uint8_t *d, size_t len, char *err, size_t err_len)
{
	size_t where;
	const char *why;

	for (size_t i = 0; i < sizeof(compressed) / sizeof(compressed[0]); i++)
		if (len >= compressed[i].len && !memcmp(d, compressed[i].magic, compressed[i].len))
			return NULL;	/* Linux checks the stream itself */
	why = cpio_check(d, len, &where);
	if (!why)
		return NULL;
	snprintf(err, err_len, "the initrd (%zu bytes) is neither a newc cpio archive nor "
		 "a compressed one Linux unpacks (gzip, bzip2, lzma, xz, lzo, lz4, zstd): "
		 "at byte %zu, %s", len, where, why);
	return err;
}

const char *linux_bundle_read(uint8_t *archive, size_t len, const char *cmdline,
			      struct linux_bundle *b, char *err, size_t err_len)
{
	struct cpio_member m;
	size_t where;
	const char *why = cpio_check(archive, len, &where);

	memset(b, 0, sizeof(*b));
	if (why) {
		snprintf(err, err_len, "the Linux bundle (the initrd mimic was given, %zu bytes) "
			 "is not a newc cpio archive: at byte %zu, %s; build it with "
			 "make linux-guest (build/linux/linuxboot.cpio)", len, where, why);
		return err;
	}
	if (!cpio_find(archive, len, "vmlinuz", &m) || !m.size) {
		snprintf(err, err_len, "the Linux bundle has no kernel: it needs a member "
			 "'vmlinuz' (a bzImage), and 'initrd' and 'cmdline' if wanted");
		return err;
	}
	b->kernel = archive + (m.data - archive);
	b->kernel_len = m.size;
	if (cpio_find(archive, len, "initrd", &m)) {
		if (check_initrd(m.data, m.size, err, err_len))
			return err;
		b->initrd = m.data;
		b->initrd_len = m.size;
	}
	if (!cmdline && cpio_find(archive, len, "cmdline", &m)) {
		size_t n = m.size;

		while (n && (m.data[n - 1] == '\n' || m.data[n - 1] == '\r'))
			n--;
		if (n >= sizeof(b->cmdline) || memchr(m.data, 0, n) || memchr(m.data, '\n', n)) {
			snprintf(err, err_len, "the bundle's cmdline is not one line of text "
				 "shorter than %zu bytes", sizeof(b->cmdline));
			return err;
		}
		memcpy(b->cmdline, m.data, n);
	} else if (cmdline) {
		snprintf(b->cmdline, sizeof(b->cmdline), "%s", cmdline);
	}
	return NULL;
}
