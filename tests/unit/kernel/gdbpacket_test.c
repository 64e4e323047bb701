/* GDB remote protocol framing: packets fed byte by byte, checksums, noise
 * and Ctrl-C between packets, hex payloads.  The checksums were computed
 * apart from the code under test (byte sum mod 256, in Python). */
#include "kernel/gdbpacket.h"

#include "test.h"

static enum gdb_rx_event feed(struct gdb_rx *rx, const char *s)
{
	enum gdb_rx_event ev = GDB_RX_NONE;

	while (*s)
		ev = gdb_rx_byte(rx, (uint8_t)*s++);
	return ev;
}

TEST(gdbpacket, takes_a_packet_after_acks_and_noise)
{
	struct gdb_rx rx;

	gdb_rx_init(&rx);
	EXPECT_EQ(GDB_RX_PACKET, feed(&rx, "+junk+$?#3f"));
	EXPECT_STREQ("?", rx.buf);
	EXPECT_EQ(GDB_RX_PACKET, feed(&rx, "+$m100000,4#ee"));
	EXPECT_STREQ("m100000,4", rx.buf);
	EXPECT_EQ(GDB_RX_PACKET, feed(&rx, "$Z0,100010,1#35"));
	EXPECT_STREQ("Z0,100010,1", rx.buf);
}

TEST(gdbpacket, refuses_a_bad_checksum)
{
	struct gdb_rx rx;

	gdb_rx_init(&rx);
	EXPECT_EQ(GDB_RX_BAD, feed(&rx, "$g#68"));
	EXPECT_EQ(GDB_RX_PACKET, feed(&rx, "$g#67"));
	EXPECT_EQ(GDB_RX_BAD, feed(&rx, "$g#z"));
}

TEST(gdbpacket, ctrl_c_between_packets_only)
{
	struct gdb_rx rx;

	gdb_rx_init(&rx);
	EXPECT_EQ(GDB_RX_BREAK, gdb_rx_byte(&rx, 0x03));
	feed(&rx, "$M0,1:");
	EXPECT_EQ(GDB_RX_NONE, gdb_rx_byte(&rx, 0x03));
}

TEST(gdbpacket, too_long_is_bad)
{
	static char big[GDB_PACKET_MAX + 16];
	struct gdb_rx rx;

	memset(big, 'a', sizeof(big) - 1);
	big[0] = '$';
	big[sizeof(big) - 1] = 0;
	gdb_rx_init(&rx);
	feed(&rx, big);
	EXPECT_EQ(GDB_RX_BAD, feed(&rx, "#00"));
}

TEST(gdbpacket, frames_with_checksum)
{
	char out[32];

	EXPECT_EQ(6, gdb_frame(out, sizeof(out), "OK", 2));
	EXPECT_STREQ("$OK#9a", out);
	EXPECT_EQ(4, gdb_frame(out, sizeof(out), "", 0));
	EXPECT_STREQ("$#00", out);
	EXPECT_EQ(0, gdb_frame(out, 6, "OK", 2));
}

TEST(gdbpacket, hex_both_ways)
{
	uint8_t b[4] = { 0x00, 0x7f, 0xa5, 0xff }, back[4];
	char hex[9];
	const char *s = "1f00,4:";
	uint32_t v = 0;

	gdb_hex_encode(hex, b, 4);
	EXPECT_STREQ("007fa5ff", hex);
	EXPECT_TRUE(gdb_hex_decode("007FA5ff", back, 4));
	EXPECT_TRUE(memcmp(b, back, 4) == 0);
	EXPECT_TRUE(!gdb_hex_decode("007fa5f", back, 4));
	EXPECT_TRUE(!gdb_hex_decode("007fa5fg", back, 4));
	EXPECT_TRUE(gdb_parse_hex(&s, &v));
	EXPECT_EQ(0x1f00, v);
	EXPECT_EQ(',', *s);
	s = "100000000";
	EXPECT_TRUE(!gdb_parse_hex(&s, &v));
	s = ",";
	EXPECT_TRUE(!gdb_parse_hex(&s, &v));
}
