/* The coprocessor error latch: FERR# raises IRQ13 once until a write to
 * port 0xF0 clears it; reset clears it too. */
#include "test.h"

#include "devices/fpuerr.h"

struct rig {
	struct fpuerr_state f;
	int level, rises;
};

static void rig_irq(void *opaque, int n, int level)
{
	struct rig *r = opaque;

	(void)n;
	if (level && !r->level)
		r->rises++;
	r->level = level;
}

TEST(fpuerr, latch_until_port_f0)
{
	struct rig r = { .level = -1 };

	fpuerr_init(&r.f, (struct irq_line){ rig_irq, &r, 13 });
	EXPECT_EQ(0, r.level);
	fpuerr_assert(&r.f);
	EXPECT_EQ(1, r.level);
	fpuerr_assert(&r.f);		/* the next waiting instruction */
	EXPECT_EQ(1, r.rises);
	EXPECT_EQ(0xFF, fpuerr_read(&r.f, FPUERR_PORT, 1));
	fpuerr_write(&r.f, FPUERR_PORT, 0, 1);
	EXPECT_EQ(0, r.level);
	fpuerr_assert(&r.f);
	EXPECT_EQ(2, r.rises);
	fpuerr_reset(&r.f);
	EXPECT_EQ(0, r.level);
}

TEST(fpuerr, port_claimed)
{
	struct ioport_bus bus;
	struct fpuerr_state f;

	ioport_init(&bus);
	fpuerr_init(&f, (struct irq_line){ 0 });
	EXPECT_TRUE(fpuerr_attach(&f, &bus));
	EXPECT_EQ(0xFF, ioport_read(&bus, FPUERR_PORT, 1));
}
