/* newc cpio: a 110-byte ASCII header ("070701" or "070702" and thirteen
 * 8-digit hex fields), the name and its NUL padded to 4 bytes, the data
 * padded to 4 bytes; the member "TRAILER!!!" ends the archive.
 * Ref: the cpio(5) manual page, Linux Documentation/driver-api/early-userspace. */
#include "kernel/cpio.h"

#include <string.h>

#define HEADER_LEN   110
#define FIELD_LEN    8
#define FIELD_MODE   1	/* field indexes after the 6-byte magic */
#define FIELD_SIZE   6
#define FIELD_NAMESZ 11
#define TRAILER      "TRAILER!!!"

/* Names are compared by length and memcmp: the archive may sit in XKPHYS,
 * where newlib's MIPS strcmp loses the address's upper half. */
static bool name_is(const struct cpio_member *m, const char *name)
{
	return m->name_len == strlen(name) && !memcmp(m->name, name, m->name_len);
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static bool hex_field(const uint8_t *hdr, int index, uint32_t *out)
{
	const uint8_t *p = hdr + 6 + index * FIELD_LEN;
	uint32_t v = 0;

	for (int i = 0; i < FIELD_LEN; i++) {
		uint8_t c = p[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

const char *cpio_next(const uint8_t *archive, size_t len, size_t *pos,
		      struct cpio_member *m, bool *at_end)
{
	const uint8_t *hdr = archive + *pos;
	uint32_t mode, size, namesz;
	size_t name_at = *pos + HEADER_LEN, data_at;

	size_t left = *pos <= len ? len - *pos : 0;

	*at_end = false;
	if (left >= 6 && memcmp(hdr, "070701", 6) && memcmp(hdr, "070702", 6))
		return "no newc cpio header (070701) where one should start";
	if (left < HEADER_LEN)
		return "cut short inside a header";
	if (!hex_field(hdr, FIELD_MODE, &mode) || !hex_field(hdr, FIELD_SIZE, &size) ||
	    !hex_field(hdr, FIELD_NAMESZ, &namesz))
		return "a header field is not hexadecimal";
	if (namesz == 0 || namesz > len - name_at || archive[name_at + namesz - 1])
		return "a member name is cut short or not NUL-terminated";
	data_at = align4(name_at + namesz);
	if (data_at > len || size > len - data_at)
		return "a member's data is cut short";
	m->name = (const char *)archive + name_at;
	m->data = archive + data_at;
	m->size = size;
	m->name_len = namesz - 1;
	m->mode = mode;
	*at_end = name_is(m, TRAILER);
	*pos = align4(data_at + size);
	return NULL;
}

const char *cpio_check(const uint8_t *archive, size_t len, size_t *where)
{
	struct cpio_member m;
	bool at_end = false;

	for (*where = 0; !at_end;) {
		size_t here = *where;
		const char *err = cpio_next(archive, len, where, &m, &at_end);

		if (err) {
			*where = here;
			return err;
		}
	}
	return NULL;
}

bool cpio_find(const uint8_t *archive, size_t len, const char *name,
	       struct cpio_member *m)
{
	size_t pos = 0;
	bool at_end = false;

	while (!cpio_next(archive, len, &pos, m, &at_end) && !at_end)
		if (name_is(m, name))
			return true;
	return false;
}
