/* Device log: reports a guest-reachable but unimplemented feature once, by
 * name, and carries on (STYLE rule 7). Output goes to the C library's stdout;
 * detail lines (what a guest does routinely, such as probing ports where no
 * device sits) go to a sink the kernel chooses, its log ring. */
#ifndef MIMIC_DEVICES_DEVLOG_H
#define MIMIC_DEVICES_DEVLOG_H

#include <stdbool.h>
#include <stddef.h>

/* Prints "devices: <message>" and a newline. */
void devlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* devlog() the first time *seen is false, then sets it. */
void devlog_once(bool *seen, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Where devlog_detail() lines go; without a sink, to stdout as devlog(). */
void devlog_set_detail_sink(void (*write)(const char *text, size_t len));

/* "devices: <message>" and a newline, to the detail sink. */
void devlog_detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
