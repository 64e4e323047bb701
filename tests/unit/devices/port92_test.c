/* Port 0x92 (PIIX3 "port 92h"): bit 1 gates A20, bit 0 going 0 -> 1
 * resets the CPU. */
#include "test.h"

#include "devices/port92.h"

struct rig {
	struct port92_state p;
	int a20, resets;
};

static void rig_a20(void *opaque, enum sysctl_a20_source src, bool on)
{
	struct rig *r = opaque;

	if (src == SYSCTL_A20_PORT92)
		r->a20 = on;
}

static void rig_reset(void *opaque)
{
	((struct rig *)opaque)->resets++;
}

TEST(port92, a20_and_reset)
{
	struct rig r = { .a20 = -1 };

	port92_init(&r.p, (struct sys_ctl){ .set_a20 = rig_a20, .reset = rig_reset, .opaque = &r });
	EXPECT_EQ(0, r.a20);
	port92_write(&r.p, 0x92, 0x02, 1);
	EXPECT_EQ(1, r.a20);
	EXPECT_EQ(0x02, port92_read(&r.p, 0x92, 1));
	EXPECT_EQ(0, r.resets);
	port92_write(&r.p, 0x92, 0x03, 1);
	EXPECT_EQ(1, r.resets);
	port92_write(&r.p, 0x92, 0x03, 1);	/* no new edge */
	EXPECT_EQ(1, r.resets);
	port92_write(&r.p, 0x92, 0x00, 1);
	EXPECT_EQ(0, r.a20);
	port92_write(&r.p, 0x92, 0x01, 1);
	EXPECT_EQ(2, r.resets);
}
