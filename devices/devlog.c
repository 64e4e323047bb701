/* Device log: one line per unimplemented feature, the first time the guest
 * reaches it. */
#include "devices/devlog.h"

#include <stdarg.h>
#include <stdio.h>

static void vlog(const char *fmt, va_list ap)
{
	fputs("devices: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
}

void devlog(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void devlog_once(bool *seen, const char *fmt, ...)
{
	va_list ap;

	if (*seen)
		return;
	*seen = true;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}
