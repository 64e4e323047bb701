/* 82093AA I/O APIC: the indexed registers, edge and level inputs, remote
 * IRR and EOI, masking.  Sections cited are from the datasheet (290566). */
#include "test.h"

#include "devices/ioapic.h"

struct message {
	uint8_t dest, vector;
	bool logical, level;
	int mode;
};

struct rig {
	struct ioapic_state io;
	struct message last;
	int sent;
};

static void deliver(void *opaque, uint8_t dest, bool logical, int mode, uint8_t vector,
		    bool level)
{
	struct rig *r = opaque;

	r->sent++;
	r->last = (struct message){ dest, vector, logical, level, mode };
}

static void rig_init(struct rig *r)
{
	*r = (struct rig){ 0 };
	ioapic_init(&r->io, (struct ioapic_bus){ deliver, r });
}

static uint32_t rd(struct rig *r, uint32_t index)
{
	ioapic_write(&r->io, IOAPIC_IOREGSEL, index, 4);
	return ioapic_read(&r->io, IOAPIC_IOWIN, 4);
}

static void wr(struct rig *r, uint32_t index, uint32_t v)
{
	ioapic_write(&r->io, IOAPIC_IOREGSEL, index, 4);
	ioapic_write(&r->io, IOAPIC_IOWIN, v, 4);
}

static void route(struct rig *r, int pin, uint32_t low, uint8_t dest)
{
	wr(r, IOAPIC_REDTBL + 2 * pin + 1, (uint32_t)dest << 24);
	wr(r, IOAPIC_REDTBL + 2 * pin, low);
}

/* 3.2: ID, version (24 entries), arbitration; entries masked at reset. */
TEST(ioapic, registers)
{
	struct rig r;

	rig_init(&r);
	EXPECT_EQ(0, rd(&r, IOAPIC_ID));
	EXPECT_EQ(0x00170011u, rd(&r, IOAPIC_VER));
	wr(&r, IOAPIC_ID, 0xffffffffu);
	EXPECT_EQ(0x0f000000u, rd(&r, IOAPIC_ID));
	EXPECT_EQ(0x0f000000u, rd(&r, IOAPIC_ARB));
	wr(&r, IOAPIC_VER, 0);
	EXPECT_EQ(0x00170011u, rd(&r, IOAPIC_VER));
	EXPECT_EQ(IOAPIC_VER, ioapic_read(&r.io, IOAPIC_IOREGSEL, 4));
	for (int pin = 0; pin < IOAPIC_PINS; pin++)
		EXPECT_EQ(IOAPIC_RTE_MASKED, rd(&r, IOAPIC_REDTBL + 2 * pin));
	route(&r, 23, 0xffffffffu, 0xff);
	EXPECT_EQ(IOAPIC_RTE_WRITABLE, rd(&r, IOAPIC_REDTBL + 46));
	EXPECT_EQ(0xff000000u, rd(&r, IOAPIC_REDTBL + 47));
	EXPECT_EQ(0, rd(&r, IOAPIC_REDTBL + 48));	/* past the last entry */
}

/* An edge input sends once per rising edge; masked edges are lost. */
TEST(ioapic, edge)
{
	struct rig r;

	rig_init(&r);
	route(&r, 2, 0x30 | IOAPIC_RTE_LOGICAL | (1 << 8), 0x01);
	ioapic_set_irq(&r.io, 2, 1);
	EXPECT_EQ(1, r.sent);
	EXPECT_EQ(0x30, r.last.vector);
	EXPECT_EQ(0x01, r.last.dest);
	EXPECT_TRUE(r.last.logical && !r.last.level);
	EXPECT_EQ(1, r.last.mode);
	ioapic_set_irq(&r.io, 2, 1);
	EXPECT_EQ(1, r.sent);
	ioapic_set_irq(&r.io, 2, 0);
	ioapic_set_irq(&r.io, 2, 1);
	EXPECT_EQ(2, r.sent);
	ioapic_set_irq(&r.io, 2, 0);
	route(&r, 2, 0x30 | IOAPIC_RTE_MASKED, 0);
	ioapic_set_irq(&r.io, 2, 1);
	route(&r, 2, 0x30, 0);
	EXPECT_EQ(2, r.sent);
	EXPECT_EQ(0, rd(&r, IOAPIC_REDTBL + 4) & IOAPIC_RTE_REMOTE);
}

/* 3.2.4: a level input sends, sets remote IRR and waits for the EOI of its
 * vector; still asserted at the EOI, it sends again. */
TEST(ioapic, level_remote_irr)
{
	struct rig r;

	rig_init(&r);
	route(&r, 9, 0x39 | IOAPIC_RTE_LEVEL, 0);
	ioapic_set_irq(&r.io, 9, 1);
	EXPECT_EQ(1, r.sent);
	EXPECT_TRUE(r.last.level);
	EXPECT_TRUE(rd(&r, IOAPIC_REDTBL + 18) & IOAPIC_RTE_REMOTE);
	ioapic_set_irq(&r.io, 9, 1);
	EXPECT_EQ(1, r.sent);
	ioapic_eoi(&r.io, 0x38);		/* another vector */
	EXPECT_EQ(1, r.sent);
	ioapic_eoi(&r.io, 0x39);
	EXPECT_EQ(2, r.sent);
	ioapic_set_irq(&r.io, 9, 0);
	ioapic_eoi(&r.io, 0x39);
	EXPECT_EQ(2, r.sent);
	EXPECT_EQ(0, rd(&r, IOAPIC_REDTBL + 18) & IOAPIC_RTE_REMOTE);
	/* masked while asserted: the unmask sends */
	route(&r, 9, 0x39 | IOAPIC_RTE_LEVEL | IOAPIC_RTE_MASKED, 0);
	ioapic_set_irq(&r.io, 9, 1);
	EXPECT_EQ(2, r.sent);
	route(&r, 9, 0x39 | IOAPIC_RTE_LEVEL, 0);
	EXPECT_EQ(3, r.sent);
	/* the remote IRR bit cannot be written */
	route(&r, 9, 0x39 | IOAPIC_RTE_LEVEL | IOAPIC_RTE_MASKED, 0);
	EXPECT_TRUE(rd(&r, IOAPIC_REDTBL + 18) & IOAPIC_RTE_REMOTE);
	route(&r, 9, 0x39 | IOAPIC_RTE_MASKED, 0);
	EXPECT_EQ(0, rd(&r, IOAPIC_REDTBL + 18) & IOAPIC_RTE_REMOTE);
}
