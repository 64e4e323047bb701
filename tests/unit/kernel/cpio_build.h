/* Writing newc cpio members for the tests that read archives. */
#ifndef MIMIC_TESTS_UNIT_KERNEL_CPIO_BUILD_H
#define MIMIC_TESTS_UNIT_KERNEL_CPIO_BUILD_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Appends one newc member to buf at *n (no bounds: buf is large). */
static inline void add_member_n(uint8_t *buf, size_t *n, const char *name, const void *data,
				size_t size)
{
	size_t namesz = strlen(name) + 1;

	*n += (size_t)sprintf((char *)buf + *n,
			      "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
			      1, 0100644, 0, 0, 1, 0, size, 0, 0, 0, 0, namesz, 0);
	memcpy(buf + *n, name, namesz);
	*n += namesz;
	while (*n % 4)
		buf[(*n)++] = 0;
	memcpy(buf + *n, data, size);
	*n += size;
	while (*n % 4)
		buf[(*n)++] = 0;
}

static inline void add_member(uint8_t *buf, size_t *n, const char *name, const char *data)
{
	add_member_n(buf, n, name, data, strlen(data));
}

#endif
