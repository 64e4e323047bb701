/* I/O port bus: dispatch to ranges, unassigned ports, splitting of wide
 * accesses into bytes. */
#include "test.h"

#include <stdlib.h>

#include "devices/ioport.h"

struct fake_dev {
	uint8_t regs[8];
	uint16_t last_port;
	int last_size;
	int writes;
};

static uint32_t fake_read(void *opaque, uint16_t port, int size)
{
	struct fake_dev *d = opaque;

	d->last_port = port;
	d->last_size = size;
	return d->regs[port & 7];
}

static void fake_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	struct fake_dev *d = opaque;

	d->last_port = port;
	d->last_size = size;
	d->regs[port & 7] = (uint8_t)val;
	d->writes++;
}

static struct ioport_bus *new_bus(void)
{
	struct ioport_bus *bus = malloc(sizeof(*bus));

	ioport_init(bus);
	return bus;
}

TEST(ioport, unassigned_reads_all_ones)
{
	struct ioport_bus *bus = new_bus();

	EXPECT_EQ(0xff, ioport_read(bus, 0x1234, 1));
	EXPECT_EQ(0xffff, ioport_read(bus, 0x1234, 2));
	EXPECT_EQ(0xffffffffu, ioport_read(bus, 0x1234, 4));
	free(bus);
}

TEST(ioport, unassigned_reported_once_per_port)
{
	struct ioport_bus *bus = new_bus();

	ioport_write(bus, 0x300, 1, 1);
	ioport_write(bus, 0x300, 1, 1);
	ioport_read(bus, 0x300, 1);
	EXPECT_EQ(1, bus->unassigned_reports);
	ioport_read(bus, 0x301, 1);
	EXPECT_EQ(2, bus->unassigned_reports);
	free(bus);
}

TEST(ioport, dispatch_to_owner)
{
	struct ioport_bus *bus = new_bus();
	struct fake_dev d = { .regs = { 0x11, 0x22, 0x33, 0x44 } };

	EXPECT_TRUE(ioport_register(bus, 0x60, 4, 1, "fake", fake_read,
				    fake_write, &d));
	EXPECT_EQ(0x33, ioport_read(bus, 0x62, 1));
	EXPECT_EQ(0x62, d.last_port);
	ioport_write(bus, 0x61, 0x5a, 1);
	EXPECT_EQ(0x5a, d.regs[1]);
	EXPECT_STREQ("fake", ioport_owner(bus, 0x63));
	EXPECT_TRUE(ioport_owner(bus, 0x64) == NULL);
	EXPECT_EQ(0, bus->unassigned_reports);
	free(bus);
}

TEST(ioport, overlap_refused)
{
	struct ioport_bus *bus = new_bus();
	struct fake_dev d = { 0 };

	EXPECT_TRUE(ioport_register(bus, 0x60, 4, 1, "a", fake_read,
				    fake_write, &d));
	EXPECT_TRUE(!ioport_register(bus, 0x63, 2, 1, "b", fake_read,
				     fake_write, &d));
	EXPECT_TRUE(ioport_register(bus, 0x64, 2, 1, "c", fake_read,
				    fake_write, &d));
	free(bus);
}

/* A 16-bit in from an 8-bit device is two byte reads, low port in the low
 * byte (little-endian ISA byte lanes). */
TEST(ioport, wide_access_split_into_bytes)
{
	struct ioport_bus *bus = new_bus();
	struct fake_dev d = { .regs = { 0x11, 0x22, 0x33, 0x44 } };

	ioport_register(bus, 0x60, 4, 1, "fake", fake_read, fake_write, &d);
	EXPECT_EQ(0x2211, ioport_read(bus, 0x60, 2));
	EXPECT_EQ(1, d.last_size);
	EXPECT_EQ(0x44332211u, ioport_read(bus, 0x60, 4));
	ioport_write(bus, 0x60, 0xa1b2, 2);
	EXPECT_EQ(0xb2, d.regs[0]);
	EXPECT_EQ(0xa1, d.regs[1]);
	EXPECT_EQ(2, d.writes);
	/* Straddling the end: the byte past the device reads 0xff. */
	EXPECT_EQ(0xff44, ioport_read(bus, 0x63, 2));
	free(bus);
}

TEST(ioport, wide_device_gets_whole_access)
{
	struct ioport_bus *bus = new_bus();
	struct fake_dev d = { 0 };

	ioport_register(bus, 0xcf8, 4, 4, "pci", fake_read, fake_write, &d);
	ioport_write(bus, 0xcf8, 0x80000000u, 4);
	EXPECT_EQ(1, d.writes);
	EXPECT_EQ(4, d.last_size);
	EXPECT_EQ(0xcf8, d.last_port);
	free(bus);
}

TEST(ioport, two_buses_independent)
{
	struct ioport_bus *a = new_bus(), *b = new_bus();
	struct fake_dev d = { .regs = { 7 } };

	ioport_register(a, 0x10, 1, 1, "fake", fake_read, fake_write, &d);
	EXPECT_EQ(7, ioport_read(a, 0x10, 1));
	EXPECT_EQ(0xff, ioport_read(b, 0x10, 1));
	free(a);
	free(b);
}

/* Access counters for the monitor: one per access a device sees. */
TEST(ioport, access_counters)
{
	struct ioport_bus *bus = new_bus();
	struct fake_dev d = { 0 };

	ioport_register(bus, 0x60, 4, 1, "fake", fake_read, fake_write, &d);
	ioport_read(bus, 0x60, 1);
	ioport_read(bus, 0x60, 2);	/* split: two reads */
	ioport_write(bus, 0x61, 0, 1);
	ioport_read(bus, 0x200, 1);
	EXPECT_EQ(3, bus->ranges[0].reads);
	EXPECT_EQ(1, bus->ranges[0].writes);
	EXPECT_EQ(1, bus->unassigned_accesses);
	free(bus);
}

TEST(ioport, movable_range)
{
	struct ioport_bus *bus = new_bus();
	struct fake_dev a = { .regs = { 0x11 } }, b = { .regs = { 0x22 } };
	int r;

	EXPECT_TRUE(ioport_register(bus, 0x600, 8, 1, "fixed", fake_read, fake_write, &a));
	r = ioport_register_movable(bus, 8, 1, "moving", fake_read, fake_write, &b);
	EXPECT_TRUE(r >= 0);
	EXPECT_EQ(0xff, ioport_read(bus, 0xb000, 1));	/* starts unmapped */
	EXPECT_TRUE(ioport_map(bus, r, 0xb000));
	EXPECT_EQ(0x22, ioport_read(bus, 0xb000, 1));
	EXPECT_TRUE(ioport_map(bus, r, 0xb100));	/* moves: the old place is free */
	EXPECT_EQ(0xff, ioport_read(bus, 0xb000, 1));
	EXPECT_EQ(0x22, ioport_read(bus, 0xb100, 1));
	EXPECT_TRUE(!ioport_map(bus, r, 0x604));	/* overlaps "fixed" */
	EXPECT_EQ(0xff, ioport_read(bus, 0xb100, 1));	/* and stays unmapped */
	EXPECT_EQ(0x11, ioport_read(bus, 0x604 & ~7, 1));
	EXPECT_TRUE(!ioport_map(bus, r, 0xfffc));	/* would pass 0xFFFF */
	EXPECT_TRUE(ioport_map(bus, r, 0xb000));
	ioport_unmap(bus, r);
	EXPECT_EQ(0xff, ioport_read(bus, 0xb000, 1));
	EXPECT_TRUE(ioport_owner(bus, 0xb000) == NULL);
	free(bus);
}

/* A device that takes runs of at most two elements at a time, counting the
 * runs it was offered; its single reads count up from 0x10. */
struct run_dev {
	int runs;
	uint8_t next;
};

static uint32_t run_read(void *opaque, uint16_t port, int size, uint8_t *buf, uint32_t count)
{
	struct run_dev *d = opaque;
	uint32_t n = count < 2 ? count : 2;

	(void)port;
	if (++d->runs % 2 == 0)
		return 0;	/* every second run is declined */
	for (uint32_t i = 0; i < n * (uint32_t)size; i++)
		buf[i] = d->next++;
	return n;
}

static uint32_t run_single(void *opaque, uint16_t port, int size)
{
	struct run_dev *d = opaque;
	uint32_t v = 0;

	(void)port;
	for (int i = 0; i < size; i++)
		v |= (uint32_t)d->next++ << (8 * i);
	return v;
}

/* rep ins through a string handler: what it declines goes one access at a
 * time, in order; without a handler, every access is single.  Counters
 * count accesses either way. */
TEST(ioport, string_reads)
{
	struct ioport_bus *bus = new_bus();
	struct run_dev d = { .next = 0 };
	struct fake_dev plain = { .regs = { 0x5a } };
	uint8_t buf[12];

	ioport_register(bus, 0x1f0, 8, 4, "run", run_single, NULL, &d);
	EXPECT_TRUE(ioport_set_string(bus, 0x1f0, run_read, NULL));
	EXPECT_TRUE(!ioport_set_string(bus, 0x300, run_read, NULL));
	ioport_read_string(bus, 0x1f0, 2, buf, 5);
	for (int i = 0; i < 10; i++)
		EXPECT_EQ(i, buf[i]);
	EXPECT_EQ(5, bus->ranges[0].reads);
	EXPECT_EQ(3, d.runs);	/* 2 taken, declined (a single read), 2 */
	ioport_register(bus, 0x60, 1, 1, "plain", fake_read, fake_write, &plain);
	ioport_read_string(bus, 0x60, 2, buf, 3);	/* wider than the device: split */
	EXPECT_EQ(0x5a, buf[0]);
	EXPECT_EQ(0xff, buf[1]);	/* port 0x61: nobody's */
	EXPECT_EQ(0x5a, buf[4]);
	EXPECT_EQ(3, bus->ranges[1].reads);
	free(bus);
}
