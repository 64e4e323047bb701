/* The PC's debugging ports: 0xE9 console, 0xF4 exit, 0x402 SeaBIOS log, 0x80
 * POST codes. Ref: QEMU docs (isa-debugcon, isa-debug-exit), SeaBIOS
 * src/hw/serialio.c for the 0xE9 readback it probes. */
#include "devices/debugport.h"


void debugport_init(struct debugport_state *s, struct byte_sink console,
		    struct byte_sink log)
{
	s->console = console;
	s->log = log;
	debugport_reset(s);
}

void debugport_reset(struct debugport_state *s)
{
	s->ring_total = 0;
	s->post_code = 0;
	s->post_writes = 0;
	s->exit_requested = false;
	s->exit_status = 0;
}

uint32_t debugport_read(struct debugport_state *s, uint16_t port, int size)
{
	(void)s;
	(void)size;
	if (port == DEBUGPORT_E9 || port == DEBUGPORT_LOG)
		return DEBUGPORT_READBACK;
	return 0xffffffffu;	/* 0x80 and 0xF4 are write-only */
}

void debugport_write(struct debugport_state *s, uint16_t port, uint32_t val,
		     int size)
{
	(void)size;
	if (port == DEBUGPORT_E9) {
		byte_sink_put(&s->console, (uint8_t)val);
	} else if (port == DEBUGPORT_LOG) {
		s->ring[s->ring_total % DEBUGPORT_RING_SIZE] = (char)val;
		s->ring_total++;
		byte_sink_put(&s->log, (uint8_t)val);
	} else if (port == DEBUGPORT_POST) {
		s->post_code = (uint8_t)val;
		s->post_writes++;
	} else if (port >= DEBUGPORT_EXIT &&
		   port < DEBUGPORT_EXIT + DEBUGPORT_EXIT_LEN) {
		s->exit_requested = true;
		s->exit_status = (val << 1) | 1;
	}
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return debugport_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	debugport_write(opaque, port, val, size);
}

bool debugport_attach(struct debugport_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, DEBUGPORT_E9, 1, 1, "debugcon", io_read,
			       io_write, s) &&
	       ioport_register(bus, DEBUGPORT_EXIT, DEBUGPORT_EXIT_LEN, 4,
			       "debug-exit", io_read, io_write, s) &&
	       ioport_register(bus, DEBUGPORT_LOG, 1, 1, "seabios-log", io_read,
			       io_write, s) &&
	       ioport_register(bus, DEBUGPORT_POST, 1, 1, "post", io_read,
			       io_write, s);
}

static uint64_t kept(const struct debugport_state *s)
{
	return s->ring_total < DEBUGPORT_RING_SIZE ? s->ring_total :
						     DEBUGPORT_RING_SIZE;
}

/* The i-th newest-but-n byte: i from 0 (oldest of the last n). */
static char ring_at(const struct debugport_state *s, uint64_t n, uint64_t i)
{
	return s->ring[(s->ring_total - n + i) % DEBUGPORT_RING_SIZE];
}

size_t debugport_log_copy(const struct debugport_state *s, char *buf,
			  size_t len)
{
	size_t n = kept(s) < len ? (size_t)kept(s) : len;

	for (size_t i = 0; i < n; i++)
		buf[i] = ring_at(s, n, i);
	return n;
}

void debugport_log_replay(const struct debugport_state *s,
			  struct byte_sink sink)
{
	uint64_t n = kept(s);

	for (uint64_t i = 0; i < n; i++)
		byte_sink_put(&sink, (uint8_t)ring_at(s, n, i));
}
