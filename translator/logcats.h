/* Writing the translator's log lines (logcats.c). */
#ifndef MIMIC_TRANSLATOR_LOGCATS_H
#define MIMIC_TRANSLATOR_LOGCATS_H

#include "translator/x86.h"

/* One line (fmt ends with a newline) to env.log_write, or stdout. */
void x86_logf(const struct x86_cpu *cpu, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
