/* Device log: one line per unimplemented feature, the first time the guest
 * reaches it, on stdout; detail lines to the sink the kernel set. */
#include "devices/devlog.h"

#include <stdarg.h>
#include <stdio.h>

#define DETAIL_LINE_MAX 160

static void (*detail_sink)(const char *text, size_t len);

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

void devlog_set_detail_sink(void (*write)(const char *text, size_t len))
{
	detail_sink = write;
}

void devlog_detail(const char *fmt, ...)
{
	char line[DETAIL_LINE_MAX];
	int n = snprintf(line, sizeof(line), "devices: ");
	va_list ap;

	va_start(ap, fmt);
	if (!detail_sink) {
		vlog(fmt, ap);
		va_end(ap);
		return;
	}
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	detail_sink(line, (size_t)n);
}
