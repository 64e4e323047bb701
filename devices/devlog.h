/* Device log: reports a guest-reachable but unimplemented feature once, by
 * name, and carries on (STYLE rule 7). Output goes to the C library's stdout. */
#ifndef MIMIC_DEVICES_DEVLOG_H
#define MIMIC_DEVICES_DEVLOG_H

#include <stdbool.h>

/* Prints "devices: <message>" and a newline. */
void devlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* devlog() the first time *seen is false, then sets it. */
void devlog_once(bool *seen, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
