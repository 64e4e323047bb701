/* The host serial console: output to the board's UART, input kept in a ring
 * that the timer tick fills, so a pasted line is not lost while the kernel
 * is busy. */
#ifndef MIMIC_KERNEL_CONSOLE_H
#define MIMIC_KERNEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

void console_init(void);
/* mimic's own text: each LF goes out as CR LF. */
void console_putc(char c);
void console_write(const char *s, size_t n);
/* A guest's serial stream: its CR LF pairs go out as they are (a guest that
 * writes them would otherwise show CR CR LF); a bare LF gets the CR a
 * terminal needs. */
void console_putc_guest(char c);
/* Moves bytes waiting in the UART into the input ring (timer tick, idle). */
void console_poll(void);
/* Next input byte, or -1 if none has arrived. */
int console_getc(void);
/* Bytes are waiting in the input ring (safe from an interrupt handler). */
bool console_input_pending(void);
/* The console escape: Ctrl-A followed by a key.  With a handler set, the
 * pair is given to it (from the timer interrupt) instead of the input ring;
 * Ctrl-A Ctrl-A stands for one literal Ctrl-A. */
#define CONSOLE_ESCAPE 0x01
typedef void (*console_escape_fn)(int key);
void console_set_escape_handler(console_escape_fn fn);
/* With a break handler set, each received Ctrl-C goes to it (from the timer
 * interrupt) instead of the ring: the GDB protocol's interrupt request. */
#define CONSOLE_BREAK 0x03
typedef void (*console_break_fn)(void);
void console_set_break_handler(console_break_fn fn);

/* While muted, the C library's output (printf) is dropped: the line
 * speaks gdb's protocol, where stray text reads as acknowledgements. */
void console_set_muted(bool muted);
bool console_muted(void);

/* Bytes dropped because the ring was full (reported by the monitor). */
unsigned long console_overruns(void);

#endif
