/* The monitor text runs over a fresh PC without touching guest-visible
 * state: reading it twice leaves registers and latches as they were. */
#include "test.h"

#include <stdlib.h>

#include "devices/show.h"
#include "fakes.h"

TEST(show, no_side_effects)
{
	struct pc_devices *pc = calloc(1, sizeof(*pc));
	struct fake_clock clock = { 0 };
	struct pc_config cfg = { .clock = fake_clock_of(&clock) };

	EXPECT_TRUE(pc_devices_init(pc, &cfg));
	ioport_write(&pc->bus, 0x64, 0xaa, 1);	/* a byte waiting */
	ioport_write(&pc->bus, 0x43, 0x00, 1);	/* a latched count */
	ioport_write(&pc->bus, 0x402, 'x', 1);
	ioport_write(&pc->bus, 0x402, '\n', 1);
	pc_devices_show(pc);
	pc_devices_show_log(pc);
	EXPECT_EQ(1, pc->kbd.count);
	EXPECT_TRUE(pc->pit.c[0].count_latched);
	EXPECT_EQ(0x55, ioport_read(&pc->bus, 0x60, 1));
	free(pc);
}
