/* The translator's log: category names for the embedders' options (the
 * kernel's log=, mimic-hosted's -d) and the monitor, and the one function
 * that writes a log line to the embedder's sink. */
#include "translator/logcats.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "translator/cpu.h"

static const struct {
	const char *name;
	unsigned bit;
} categories[] = {
	{ "in_asm", X86_LOG_IN_ASM },
	{ "out_asm", X86_LOG_OUT_ASM },
	{ "exec", X86_LOG_EXEC },
	{ "int", X86_LOG_INT },
	{ "cpu", X86_LOG_CPU },
	{ "ioport", X86_LOG_IOPORT },
	{ "mmio", X86_LOG_MMIO },
};

#define NR_CATEGORIES (sizeof(categories) / sizeof(categories[0]))

bool x86_log_parse(const char *list, unsigned *out, char *err, size_t err_len)
{
	*out = 0;
	if (!strcmp(list, "none"))
		return true;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		size_t i;

		for (i = 0; i < NR_CATEGORIES; i++)
			if (strlen(categories[i].name) == n && !strncmp(p, categories[i].name, n))
				break;
		if (i == NR_CATEGORIES) {
			char known[96];

			x86_log_names(~0u, known, sizeof(known));
			snprintf(err, err_len, "unknown log category '%.*s' (%s, or none)",
				 (int)n, p, known);
			return false;
		}
		*out |= categories[i].bit;
		p += n + (p[n] == ',');
	}
	return true;
}

void x86_log_names(unsigned flags, char *buf, size_t len)
{
	size_t used = 0;

	snprintf(buf, len, "none");
	for (size_t i = 0; i < NR_CATEGORIES; i++) {
		if (!(flags & categories[i].bit) || used >= len)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "," : "",
					 categories[i].name);
	}
}

void x86_set_log(struct x86_cpu *cpu, unsigned flags)
{
	cpu->env.log = flags;
}

void x86_logf(const struct x86_cpu *cpu, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (cpu->env.log_write)
		cpu->env.log_write(cpu->env.opaque, line, (size_t)n);
	else
		fwrite(line, 1, (size_t)n, stdout);
}
