/* Device log: one line per unimplemented feature, the first time the guest
 * reaches it. */
#include "devices/devlog.h"

#include <stdarg.h>
#include <stdio.h>

void devlog_once(bool *seen, const char *fmt, ...)
{
	va_list ap;

	if (*seen)
		return;
	*seen = true;
	va_start(ap, fmt);
	fputs("devices: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
}
