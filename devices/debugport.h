/* The PC's debugging ports: 0xE9 (Bochs/QEMU console), 0xF4 (exit request),
 * 0x402 (SeaBIOS debug log, kept in a ring) and 0x80 (POST code). */
#ifndef MIMIC_DEVICES_DEBUGPORT_H
#define MIMIC_DEVICES_DEBUGPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bytesink.h"
#include "devices/ioport.h"

#define DEBUGPORT_E9       0x0e9	/* byte console; reads DEBUGPORT_READBACK */
#define DEBUGPORT_EXIT     0x0f4	/* 4 ports: write v -> exit (v << 1) | 1 */
#define DEBUGPORT_EXIT_LEN 4
#define DEBUGPORT_LOG      0x402	/* SeaBIOS log; reads DEBUGPORT_READBACK */
#define DEBUGPORT_POST     0x080	/* POST code latch, write-only */
#define DEBUGPORT_READBACK 0xe9		/* SeaBIOS checks this before logging */
#define DEBUGPORT_RING_SIZE 8192	/* bytes of the 0x402 log kept */

struct debugport_state {
	struct byte_sink console;	/* port 0xE9 bytes */
	struct byte_sink log;		/* port 0x402 bytes, as they come */
	char ring[DEBUGPORT_RING_SIZE];
	uint64_t ring_total;		/* bytes ever written to 0x402 */
	uint8_t post_code;		/* last byte written to 0x80 */
	uint64_t post_writes;
	bool exit_requested;		/* set by a write to 0xF4 */
	uint32_t exit_status;		/* (value << 1) | 1 */
};

/* Sets the sinks and resets the state. */
void debugport_init(struct debugport_state *s, struct byte_sink console,
		    struct byte_sink log);
void debugport_reset(struct debugport_state *s);
uint32_t debugport_read(struct debugport_state *s, uint16_t port, int size);
void debugport_write(struct debugport_state *s, uint16_t port, uint32_t val,
		     int size);
/* Claims the four ports on bus. */
bool debugport_attach(struct debugport_state *s, struct ioport_bus *bus);

/* Copies the newest bytes of the 0x402 log, oldest first, into buf (at most
 * len bytes, no terminator); returns the count. */
size_t debugport_log_copy(const struct debugport_state *s, char *buf,
			  size_t len);
/* Sends every kept byte of the 0x402 log, oldest first, to sink. */
void debugport_log_replay(const struct debugport_state *s,
			  struct byte_sink sink);

#endif
