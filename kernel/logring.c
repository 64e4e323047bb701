/* The log ring (see logring.h): a byte ring of the newest LOGRING_SIZE
 * bytes of log text.  Written from the guest's run (not from interrupts). */
#include "kernel/logring.h"

#include "kernel/console.h"

static struct {
	char buf[LOGRING_SIZE];
	uint64_t head;		/* bytes ever written; the next goes at head % size */
	bool to_console;
} ring;

void logring_write(const char *text, size_t len)
{
	if (ring.to_console) {
		console_write(text, len);
		return;
	}
	for (size_t i = 0; i < len; i++)
		ring.buf[(ring.head + i) % LOGRING_SIZE] = text[i];
	ring.head += len;
}

void logring_to_console(bool on)
{
	ring.to_console = on;
}

uint64_t logring_written(void)
{
	return ring.head;
}

size_t logring_kept(void)
{
	return ring.head < LOGRING_SIZE ? (size_t)ring.head : LOGRING_SIZE;
}

void logring_show_tail(unsigned lines)
{
	uint64_t oldest = ring.head - logring_kept(), start = ring.head;
	unsigned seen = 0;

	/* Back from the end past `lines` line ends (the last byte ends a line). */
	while (start > oldest) {
		if (ring.buf[(start - 1) % LOGRING_SIZE] == '\n' && start != ring.head &&
		    ++seen == lines)
			break;
		start--;
	}
	for (uint64_t i = start; i < ring.head; i++)
		console_putc(ring.buf[i % LOGRING_SIZE]);
}
