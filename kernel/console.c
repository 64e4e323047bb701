/* Host console on Loongson's 16550-compatible UART at physical 0x1fe001e0
 * (byte-wide registers).  Output is polled on THRE; input is drained from the
 * RX FIFO into a ring by console_poll().  Ref: TI PC16550D datasheet. */
#include "kernel/console.h"

#include <stdbool.h>
#include <stdint.h>

#include "kernel/cp0.h"

#define UART_BASE 0x1fe001e0ull
#define UART_RBR  0	/* receive buffer (read) */
#define UART_THR  0	/* transmit holding (write) */
#define UART_IER  1	/* interrupt enable */
#define UART_FCR  2	/* FIFO control (write) */
#define UART_LSR  5	/* line status (read) */
#define UART_FCR_ENABLE   0x01
#define UART_FCR_CLEAR_TX 0x04
#define UART_LSR_DR   0x01	/* data ready */
#define UART_LSR_THRE 0x20	/* transmit holding register empty */

#define RING_SIZE 4096		/* a power of two */

static struct {
	uint8_t buf[RING_SIZE];
	volatile unsigned head, tail;	/* head: next write; tail: next read */
	unsigned long overruns;
	console_escape_fn escape_handler;
	bool escape_pending;	/* Ctrl-A seen, its key not yet */
	console_break_fn break_handler;
	bool muted;
	char guest_last;	/* the guest's previous output byte */
} ring;

static inline volatile uint8_t *uart_reg(int r)
{
	return (volatile uint8_t *)phys_to_uncached(UART_BASE) + r;
}

void console_init(void)
{
	/* The firmware set the line speed; keep it.  Polled: no interrupts.
	 * Bytes received during boot stay: a debugger talks from the start. */
	*uart_reg(UART_IER) = 0;
	*uart_reg(UART_FCR) = UART_FCR_ENABLE | UART_FCR_CLEAR_TX;
}

static void uart_putc(char c)
{
	while (!(*uart_reg(UART_LSR) & UART_LSR_THRE))
		;
	*uart_reg(UART_THR) = (uint8_t)c;
}

void console_putc(char c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

void console_putc_guest(char c)
{
	if (c == '\n' && ring.guest_last != '\r')
		uart_putc('\r');
	uart_putc(c);
	ring.guest_last = c;
}

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_putc(s[i]);
}

void console_set_escape_handler(console_escape_fn fn)
{
	ring.escape_handler = fn;
}

static void ring_put(uint8_t c)
{
	if (ring.head - ring.tail == RING_SIZE) {
		ring.overruns++;
		return;
	}
	ring.buf[ring.head % RING_SIZE] = c;
	ring.head++;
}

void console_set_muted(bool muted)
{
	ring.muted = muted;
}

bool console_muted(void)
{
	return ring.muted;
}

void console_set_break_handler(console_break_fn fn)
{
	ring.break_handler = fn;
}

/* Takes one received byte through the break and escape filters into the
 * ring. */
static void receive(uint8_t c)
{
	if (ring.break_handler && c == CONSOLE_BREAK) {
		ring.break_handler();
		return;
	}
	if (!ring.escape_handler) {
		ring_put(c);
		return;
	}
	if (ring.escape_pending) {
		ring.escape_pending = false;
		if (c == CONSOLE_ESCAPE)
			ring_put(c);
		else
			ring.escape_handler(c);
		return;
	}
	if (c == CONSOLE_ESCAPE)
		ring.escape_pending = true;
	else
		ring_put(c);
}

void console_poll(void)
{
	uint32_t s = irq_save();

	while (*uart_reg(UART_LSR) & UART_LSR_DR)
		receive(*uart_reg(UART_RBR));
	irq_restore(s);
}

int console_getc(void)
{
	int c = -1;

	console_poll();
	uint32_t s = irq_save();
	if (ring.head != ring.tail) {
		c = ring.buf[ring.tail % RING_SIZE];
		ring.tail++;
	}
	irq_restore(s);
	return c;
}

bool console_input_pending(void)
{
	return ring.head != ring.tail;
}

unsigned long console_overruns(void)
{
	return ring.overruns;
}
