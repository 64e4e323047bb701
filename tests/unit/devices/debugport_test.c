/* Debug ports: 0xE9 console, 0xF4 exit, 0x402 log ring, 0x80 POST code,
 * reached through the I/O bus as the CPU would. */
#include "test.h"

#include <stdlib.h>

#include "devices/debugport.h"
#include "fakes.h"

struct rig {
	struct ioport_bus bus;
	struct debugport_state dp;
	struct fake_sink console, log;
};

static struct rig *new_rig(void)
{
	struct rig *r = calloc(1, sizeof(*r));

	ioport_init(&r->bus);
	debugport_init(&r->dp, fake_sink_of(&r->console),
		       fake_sink_of(&r->log));
	EXPECT_TRUE(debugport_attach(&r->dp, &r->bus));
	return r;
}

static void out_string(struct rig *r, uint16_t port, const char *s)
{
	while (*s)
		ioport_write(&r->bus, port, (uint8_t)*s++, 1);
}

/* Bochs/QEMU debugcon: bytes go out unchanged, reads give 0xE9 (SeaBIOS
 * compares against 0xE9 before using the port). */
TEST(debugport, e9_console)
{
	struct rig *r = new_rig();

	out_string(r, 0xe9, "hi\n");
	EXPECT_STREQ("hi\n", r->console.buf);
	EXPECT_EQ(0, r->log.n);
	EXPECT_EQ(0xe9, ioport_read(&r->bus, 0xe9, 1));
	free(r);
}

TEST(debugport, seabios_log_to_sink_and_ring)
{
	struct rig *r = new_rig();
	char got[16] = { 0 };

	EXPECT_EQ(0xe9, ioport_read(&r->bus, 0x402, 1));
	out_string(r, 0x402, "SeaBIOS");
	EXPECT_STREQ("SeaBIOS", r->log.buf);
	EXPECT_EQ(7, debugport_log_copy(&r->dp, got, sizeof(got)));
	EXPECT_STREQ("SeaBIOS", got);
	free(r);
}

/* The ring keeps the newest bytes, oldest first. */
TEST(debugport, ring_keeps_tail)
{
	struct rig *r = new_rig();
	char *all = malloc(DEBUGPORT_RING_SIZE);
	char tail[4] = { 0 };

	for (int i = 0; i < DEBUGPORT_RING_SIZE + 3; i++)
		ioport_write(&r->bus, 0x402, 'a' + i % 26, 1);
	EXPECT_EQ(DEBUGPORT_RING_SIZE,
		  debugport_log_copy(&r->dp, all, DEBUGPORT_RING_SIZE));
	EXPECT_EQ('a' + 3 % 26, all[0]);
	EXPECT_EQ(3, debugport_log_copy(&r->dp, tail, 3));
	/* last three of i = RING+0..RING+2, RING = 8192 = 315 * 26 + 2 */
	EXPECT_EQ('a' + (DEBUGPORT_RING_SIZE) % 26, tail[0]);
	EXPECT_EQ('a' + (DEBUGPORT_RING_SIZE + 2) % 26, tail[2]);
	free(all);
	free(r);
}

TEST(debugport, log_replay)
{
	struct rig *r = new_rig();
	struct fake_sink out = { 0 };

	out_string(r, 0x402, "boot ok");
	debugport_log_replay(&r->dp, fake_sink_of(&out));
	EXPECT_STREQ("boot ok", out.buf);
	free(r);
}

/* isa-debug-exit: the run ends with status (value << 1) | 1. */
TEST(debugport, exit_request)
{
	struct rig *r = new_rig();

	EXPECT_TRUE(!r->dp.exit_requested);
	ioport_write(&r->bus, 0xf4, 0x10, 1);
	EXPECT_TRUE(r->dp.exit_requested);
	EXPECT_EQ(0x21, r->dp.exit_status);
	ioport_write(&r->bus, 0xf4, 0, 4);
	EXPECT_EQ(1, r->dp.exit_status);
	free(r);
}

TEST(debugport, post_code_kept)
{
	struct rig *r = new_rig();

	ioport_write(&r->bus, 0x80, 0x12, 1);
	ioport_write(&r->bus, 0x80, 0x34, 1);
	EXPECT_EQ(0x34, r->dp.post_code);
	EXPECT_EQ(2, r->dp.post_writes);
	EXPECT_EQ(0xff, ioport_read(&r->bus, 0x80, 1));
	debugport_reset(&r->dp);
	EXPECT_EQ(0, r->dp.post_code);
	free(r);
}
