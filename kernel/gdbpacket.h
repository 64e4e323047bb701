/* The GDB remote serial protocol's framing: "$payload#checksum" packets
 * taken byte by byte from the serial line (and the bare Ctrl-C that
 * interrupts a running target), framing replies, and the hex encodings of
 * the payloads.  Ref: GDB manual, "Remote Protocol", "Overview". */
#ifndef MIMIC_KERNEL_GDBPACKET_H
#define MIMIC_KERNEL_GDBPACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GDB_PACKET_MAX 4096	/* payload bytes, as announced in qSupported */
#define GDB_INTERRUPT 0x03	/* Ctrl-C outside a packet */

enum gdb_rx_state { GDB_RX_IDLE, GDB_RX_DATA, GDB_RX_SUM_HI, GDB_RX_SUM_LO };

struct gdb_rx {
	enum gdb_rx_state state;
	char buf[GDB_PACKET_MAX + 1];	/* the payload, NUL-terminated */
	size_t len;
	uint8_t sum;		/* computed over the payload */
	uint8_t sent_sum;	/* the two hex digits after '#' */
	bool overflow;
};

enum gdb_rx_event {
	GDB_RX_NONE,		/* nothing complete yet */
	GDB_RX_PACKET,		/* rx->buf holds a packet with a good checksum */
	GDB_RX_BAD,		/* a packet ended with a wrong checksum or was too long */
	GDB_RX_BREAK,		/* Ctrl-C */
};

void gdb_rx_init(struct gdb_rx *rx);
/* Takes one byte; acknowledgements ('+', '-') and noise between packets
 * are skipped. */
enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t c);

/* "$payload#xx" into out (cap bytes with its NUL); the length, or 0 if it
 * does not fit. */
size_t gdb_frame(char *out, size_t cap, const char *payload, size_t len);

/* Two lowercase hex digits per byte, NUL-terminated; out holds 2*len+1. */
void gdb_hex_encode(char *out, const void *bytes, size_t len);
/* Decodes exactly 2*len hex digits; false on anything else. */
bool gdb_hex_decode(const char *hex, void *bytes, size_t len);
/* A hex number at *s, advancing *s past it; false if there is no digit or
 * it does not fit in 32 bits. */
bool gdb_parse_hex(const char **s, uint32_t *out);

#endif
