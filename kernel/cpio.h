/* Reading newc cpio archives (the "070701"/"070702" format Linux's
 * initramfs uses): walking the members, finding one by name.  Pure parsing
 * over a buffer, unit-tested on the host. */
#ifndef MIMIC_KERNEL_CPIO_H
#define MIMIC_KERNEL_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpio_member {
	const char *name;	/* NUL-terminated, inside the archive */
	size_t name_len;
	const uint8_t *data;
	size_t size;
	uint32_t mode;
};

/* The member at byte offset *pos (0 for the first); *pos moves past it and
 * *at_end says it is the trailer.  Returns NULL, or what is wrong (the
 * archive is cut short or a header is malformed). */
const char *cpio_next(const uint8_t *archive, size_t len, size_t *pos,
		      struct cpio_member *m, bool *at_end);

/* Walks the whole archive: NULL if every header is good and the trailer is
 * there, else what is wrong (*where: the offset of the bad header). */
const char *cpio_check(const uint8_t *archive, size_t len, size_t *where);

/* The member called name (as stored: no leading "./" or "/"); false if
 * there is none or the archive is malformed before it. */
bool cpio_find(const uint8_t *archive, size_t len, const char *name,
	       struct cpio_member *m);

#endif
