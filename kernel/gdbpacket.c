/* GDB remote protocol framing and hex payloads (see gdbpacket.h).  No
 * retransmission: the serial line here is a cable or QEMU's pipe, and a
 * NAK'd packet is reported to the caller as GDB_RX_BAD. */
#include "kernel/gdbpacket.h"

#include <string.h>

static const char hex_digits[] = "0123456789abcdef";

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void gdb_rx_init(struct gdb_rx *rx)
{
	rx->state = GDB_RX_IDLE;
	rx->len = 0;
	rx->buf[0] = 0;
}

enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, uint8_t c)
{
	int v;

	switch (rx->state) {
	case GDB_RX_IDLE:
		if (c == GDB_INTERRUPT)
			return GDB_RX_BREAK;
		if (c == '$') {
			rx->state = GDB_RX_DATA;
			rx->len = 0;
			rx->sum = 0;
			rx->overflow = false;
		}
		return GDB_RX_NONE;
	case GDB_RX_DATA:
		if (c == '#') {
			rx->state = GDB_RX_SUM_HI;
			return GDB_RX_NONE;
		}
		rx->sum = (uint8_t)(rx->sum + c);
		if (rx->len < GDB_PACKET_MAX)
			rx->buf[rx->len++] = (char)c;
		else
			rx->overflow = true;
		return GDB_RX_NONE;
	case GDB_RX_SUM_HI:
		v = hex_value(c);
		if (v < 0) {
			rx->state = GDB_RX_IDLE;
			return GDB_RX_BAD;
		}
		rx->sent_sum = (uint8_t)(v << 4);
		rx->state = GDB_RX_SUM_LO;
		return GDB_RX_NONE;
	case GDB_RX_SUM_LO:
		v = hex_value(c);
		rx->state = GDB_RX_IDLE;
		rx->buf[rx->len] = 0;
		if (v < 0 || rx->overflow || (uint8_t)(rx->sent_sum | v) != rx->sum)
			return GDB_RX_BAD;
		return GDB_RX_PACKET;
	}
	return GDB_RX_NONE;
}

size_t gdb_frame(char *out, size_t cap, const char *payload, size_t len)
{
	uint8_t sum = 0;

	if (len + 5 > cap)
		return 0;
	out[0] = '$';
	for (size_t i = 0; i < len; i++) {
		sum = (uint8_t)(sum + (uint8_t)payload[i]);
		out[1 + i] = payload[i];
	}
	out[len + 1] = '#';
	out[len + 2] = hex_digits[sum >> 4];
	out[len + 3] = hex_digits[sum & 15];
	out[len + 4] = 0;
	return len + 4;
}

void gdb_hex_encode(char *out, const void *bytes, size_t len)
{
	const uint8_t *b = bytes;

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hex_digits[b[i] >> 4];
		out[2 * i + 1] = hex_digits[b[i] & 15];
	}
	out[2 * len] = 0;
}

bool gdb_hex_decode(const char *hex, void *bytes, size_t len)
{
	uint8_t *b = bytes;

	if (strlen(hex) != 2 * len)
		return false;
	for (size_t i = 0; i < len; i++) {
		int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool gdb_parse_hex(const char **s, uint32_t *out)
{
	uint64_t v = 0;
	const char *p = *s;
	int d;

	while ((d = hex_value(*p)) >= 0) {
		v = v << 4 | (unsigned)d;
		if (v > UINT32_MAX)
			return false;
		p++;
	}
	if (p == *s)
		return false;
	*s = p;
	*out = (uint32_t)v;
	return true;
}
