/* Names of the translator's log categories, for the embedders' options
 * (the kernel's log=, mimic-hosted's -d). */
#include "translator/x86.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	unsigned bit;
} categories[] = {
	{ "in_asm", X86_LOG_IN_ASM },
	{ "out_asm", X86_LOG_OUT_ASM },
	{ "exec", X86_LOG_EXEC },
};

bool x86_log_parse(const char *list, unsigned *out, char *err, size_t err_len)
{
	*out = 0;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		size_t i;

		for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
			if (strlen(categories[i].name) == n && !strncmp(p, categories[i].name, n))
				break;
		if (i == sizeof(categories) / sizeof(categories[0])) {
			snprintf(err, err_len, "unknown log category '%.*s' (in_asm, out_asm, exec)",
				 (int)n, p);
			return false;
		}
		*out |= categories[i].bit;
		p += n + (p[n] == ',');
	}
	return true;
}
