/* The log ring: translator and device log lines kept in memory instead of
 * flooding the console; the monitor prints its tail.  With logto=console
 * lines go to the console as they come instead. */
#ifndef MIMIC_KERNEL_LOGRING_H
#define MIMIC_KERNEL_LOGRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOGRING_SIZE (256u << 10)	/* bytes kept */

/* Appends text (whole lines); the oldest bytes make room. */
void logring_write(const char *text, size_t len);
/* Lines go to the console instead of the ring. */
void logring_to_console(bool on);
/* Prints the last `lines` lines kept, oldest first. */
void logring_show_tail(unsigned lines);
/* Bytes ever written, and bytes kept now. */
uint64_t logring_written(void);
size_t logring_kept(void);

#endif
