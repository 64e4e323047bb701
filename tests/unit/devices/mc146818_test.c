/* MC146818 RTC/CMOS: time formats, SET, update/periodic/alarm interrupts,
 * UIP, registers C and D, NMI mask, the PC's CMOS memory bytes. Sections
 * refer to the Motorola MC146818A datasheet. Known instants: Unix time
 * 1000000000 is Sunday 2001-09-09 01:46:40 UTC; 946731600 is 2000-01-01
 * 13:00:00 UTC. */
#include "test.h"

#include "devices/mc146818.h"
#include "fakes.h"

#define SEC 1000000000ull

struct rig {
	struct rtc_state rtc;
	struct fake_clock clock;
	struct fake_irq irq8;
};

static void rig_init(struct rig *r, uint64_t unix_ns)
{
	*r = (struct rig){ .clock.now = unix_ns };
	rtc_init(&r->rtc, fake_clock_of(&r->clock), 0,
		 fake_irq_of(&r->irq8, 8));
}

static uint8_t cmos_in(struct rig *r, uint8_t index)
{
	rtc_write(&r->rtc, 0x70, index, 1);
	return (uint8_t)rtc_read(&r->rtc, 0x71, 1);
}

static void cmos_out(struct rig *r, uint8_t index, uint8_t val)
{
	rtc_write(&r->rtc, 0x70, index, 1);
	rtc_write(&r->rtc, 0x71, val, 1);
}

/* Power-on defaults here: BCD, 24-hour ("Data mode" table). */
TEST(rtc, bcd_time)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	EXPECT_EQ(0x40, cmos_in(&r, 0x00));
	EXPECT_EQ(0x46, cmos_in(&r, 0x02));
	EXPECT_EQ(0x01, cmos_in(&r, 0x04));
	EXPECT_EQ(0x01, cmos_in(&r, 0x06));	/* Sunday */
	EXPECT_EQ(0x09, cmos_in(&r, 0x07));
	EXPECT_EQ(0x09, cmos_in(&r, 0x08));
	EXPECT_EQ(0x01, cmos_in(&r, 0x09));
	EXPECT_EQ(0x20, cmos_in(&r, 0x32));
	EXPECT_EQ(0x80, cmos_in(&r, 0x0d));	/* VRT */
}

TEST(rtc, binary_time)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0b, 0x06);	/* DM=1 24/12=1 */
	EXPECT_EQ(40, cmos_in(&r, 0x00));
	EXPECT_EQ(46, cmos_in(&r, 0x02));
	EXPECT_EQ(1, cmos_in(&r, 0x09));
	EXPECT_EQ(20, cmos_in(&r, 0x32));
}

/* 12-hour mode: hours 1-12, bit 7 set for PM. */
TEST(rtc, twelve_hour)
{
	struct rig r;

	rig_init(&r, 946684800 * SEC);	/* midnight */
	cmos_out(&r, 0x0b, 0x00);
	EXPECT_EQ(0x12, cmos_in(&r, 0x04));
	r.clock.now = 946731600 * SEC;
	EXPECT_EQ(0x81, cmos_in(&r, 0x04));	/* 1 PM */
	cmos_out(&r, 0x0b, 0x04);	/* binary 12-hour */
	r.clock.now = 946814400 * SEC;	/* noon on the 2nd */
	EXPECT_EQ(0x8c, cmos_in(&r, 0x04));
}

TEST(rtc, time_advances)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	r.clock.now += 21 * SEC;
	EXPECT_EQ(0x01, cmos_in(&r, 0x00));
	EXPECT_EQ(0x47, cmos_in(&r, 0x02));
	r.clock.now += 23 * 3600 * SEC;
	EXPECT_EQ(0x10, cmos_in(&r, 0x07));	/* the 10th */
	EXPECT_EQ(0x02, cmos_in(&r, 0x06));	/* Monday */
}

/* SET=1 stops updates so the time can be written; SET=0 resumes counting
 * from what was written. */
TEST(rtc, set_and_resume)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0b, 0x82);
	cmos_out(&r, 0x04, 0x05);
	cmos_out(&r, 0x02, 0x00);
	cmos_out(&r, 0x00, 0x00);
	cmos_out(&r, 0x09, 0x30);
	r.clock.now += 10 * SEC;
	EXPECT_EQ(0x00, cmos_in(&r, 0x00));	/* frozen */
	cmos_out(&r, 0x0b, 0x02);
	r.clock.now += 3601 * SEC;
	EXPECT_EQ(0x06, cmos_in(&r, 0x04));
	EXPECT_EQ(0x01, cmos_in(&r, 0x00));
	EXPECT_EQ(0x30, cmos_in(&r, 0x09));
}

/* Update-ended interrupt: UF and IRQF at each update with UIE; reading C
 * clears it and releases IRQ8. */
TEST(rtc, update_interrupt)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC + SEC / 2);
	cmos_out(&r, 0x0a, 0x20);	/* no periodic flag */
	cmos_out(&r, 0x0b, 0x12);
	EXPECT_EQ(1000000001 * SEC, rtc_next_deadline(&r.rtc));
	r.clock.now = 1000000001 * SEC;
	rtc_update(&r.rtc);
	EXPECT_EQ(1, r.irq8.level);
	EXPECT_EQ(CLOCK_NEVER, rtc_next_deadline(&r.rtc));
	EXPECT_EQ(0x90, cmos_in(&r, 0x0c));
	EXPECT_EQ(0, r.irq8.level);
	EXPECT_EQ(0x00, cmos_in(&r, 0x0c));
}

/* SET going high clears UIE. */
TEST(rtc, set_clears_uie)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0b, 0x92);
	EXPECT_EQ(0x82, cmos_in(&r, 0x0b));
}

/* Periodic interrupt: RS=0110 is 1024 Hz; with PIE, IRQ8 at each period. */
TEST(rtc, periodic_interrupt)
{
	struct rig r;
	uint64_t t0 = 1000000000 * SEC;

	rig_init(&r, t0);
	cmos_out(&r, 0x0a, 0x26);
	cmos_out(&r, 0x0b, 0x42);
	/* 1/1024 s = 976562.5 ns: the first boundary after t0. */
	EXPECT_EQ(t0 + 976563, rtc_next_deadline(&r.rtc));
	r.clock.now = t0 + 976562;
	rtc_update(&r.rtc);
	EXPECT_EQ(0, r.irq8.level);
	r.clock.now = t0 + 976563;
	rtc_update(&r.rtc);
	EXPECT_EQ(1, r.irq8.level);
	EXPECT_EQ(0xc0, cmos_in(&r, 0x0c));
	EXPECT_EQ(t0 + 1953125, rtc_next_deadline(&r.rtc));
	cmos_out(&r, 0x0a, 0x2f);	/* RS=1111: 2 Hz */
	EXPECT_EQ(t0 + SEC / 2, rtc_next_deadline(&r.rtc));
	cmos_out(&r, 0x0a, 0x20);	/* RS=0000: none */
	EXPECT_EQ(CLOCK_NEVER, rtc_next_deadline(&r.rtc));
}

/* Flags are set whether or not their interrupt is enabled; IRQF only with
 * the enable. */
TEST(rtc, flags_without_enable)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0a, 0x26);
	cmos_out(&r, 0x0b, 0x02);
	r.clock.now += SEC + 1000;
	EXPECT_EQ(0x50, cmos_in(&r, 0x0c));	/* PF and UF */
	EXPECT_EQ(0, r.irq8.rises);
}

/* Alarm: AF when seconds, minutes and hours match; bytes 0xC0-0xFF match
 * any value. */
TEST(rtc, alarm)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);	/* 01:46:40 */
	cmos_out(&r, 0x0a, 0x20);	/* no periodic flag */
	cmos_out(&r, 0x0b, 0x22);
	cmos_out(&r, 0x01, 0x42);
	cmos_out(&r, 0x03, 0x46);
	cmos_out(&r, 0x05, 0x01);
	r.clock.now += SEC;
	rtc_update(&r.rtc);
	EXPECT_EQ(0, r.irq8.level);
	r.clock.now += SEC;
	rtc_update(&r.rtc);
	EXPECT_EQ(1, r.irq8.level);
	EXPECT_EQ(0xb0, cmos_in(&r, 0x0c));	/* IRQF AF UF */
	cmos_out(&r, 0x03, 0xc0);
	cmos_out(&r, 0x05, 0xff);
	r.clock.now += 60 * SEC;	/* 01:47:42 */
	rtc_update(&r.rtc);
	EXPECT_EQ(0xb0, cmos_in(&r, 0x0c));
}

/* UIP is 1 from 244 us before an update; SET keeps it 0. */
TEST(rtc, update_in_progress)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	r.clock.now += SEC / 2;
	EXPECT_EQ(0x00, cmos_in(&r, 0x0a) & 0x80);
	r.clock.now += SEC / 2 - 200000;
	EXPECT_EQ(0x80, cmos_in(&r, 0x0a) & 0x80);
	cmos_out(&r, 0x0b, 0x82);
	EXPECT_EQ(0x00, cmos_in(&r, 0x0a) & 0x80);
}

/* Divider reset (DV=11x) stops the clock; back to DV=010 the first update
 * comes half a second later. */
TEST(rtc, divider_restart)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0a, 0x70);
	r.clock.now += 100 * SEC;
	EXPECT_EQ(0x40, cmos_in(&r, 0x00));
	cmos_out(&r, 0x0a, 0x26);
	r.clock.now += SEC / 2 - 1;
	EXPECT_EQ(0x40, cmos_in(&r, 0x00));
	r.clock.now += 1;
	EXPECT_EQ(0x41, cmos_in(&r, 0x00));
}

/* C and D are read-only; D shows VRT. */
TEST(rtc, read_only_registers)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0c, 0xff);
	cmos_out(&r, 0x0d, 0x00);
	EXPECT_EQ(0x00, cmos_in(&r, 0x0c));
	EXPECT_EQ(0x80, cmos_in(&r, 0x0d));
}

/* Port 0x70: bit 7 masks NMI, bits 6-0 select the byte. */
TEST(rtc, nmi_mask_and_index)
{
	struct rig r;

	rig_init(&r, 0);
	rtc_write(&r.rtc, 0x70, 0x8f, 1);
	EXPECT_TRUE(r.rtc.nmi_disabled);
	rtc_write(&r.rtc, 0x71, 0x5a, 1);
	rtc_write(&r.rtc, 0x70, 0x0f, 1);
	EXPECT_TRUE(!r.rtc.nmi_disabled);
	EXPECT_EQ(0x5a, rtc_read(&r.rtc, 0x71, 1));
	EXPECT_EQ(0xff, rtc_read(&r.rtc, 0x70, 1));
}

/* A guest clock from zero plus the Unix time of that zero: deadlines come
 * back in the guest clock's time base. */
TEST(rtc, epoch_offset)
{
	struct rig r = { .clock.now = 5 * SEC };

	rtc_init(&r.rtc, fake_clock_of(&r.clock), 999999995 * (int64_t)SEC,
		 fake_irq_of(&r.irq8, 8));
	EXPECT_EQ(0x40, cmos_in(&r, 0x00));
	EXPECT_EQ(0x46, cmos_in(&r, 0x02));
	cmos_out(&r, 0x0b, 0x12);
	EXPECT_EQ(6 * SEC, rtc_next_deadline(&r.rtc));
}

/* RESET clears PIE/AIE/UIE/SQWE and the flags; time and RAM stay. */
TEST(rtc, reset_pin)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0b, 0x7a);
	cmos_out(&r, 0x40, 0x99);
	r.clock.now += SEC;
	rtc_update(&r.rtc);
	EXPECT_EQ(1, r.irq8.level);
	rtc_reset(&r.rtc);
	EXPECT_EQ(0, r.irq8.level);
	EXPECT_EQ(0x02, cmos_in(&r, 0x0b));
	EXPECT_EQ(0x00, cmos_in(&r, 0x0c));
	EXPECT_EQ(0x99, cmos_in(&r, 0x40));
	EXPECT_EQ(0x41, cmos_in(&r, 0x00));
}

static unsigned checksum(struct rig *r)
{
	unsigned sum = 0;

	for (int i = 0x10; i <= 0x2d; i++)
		sum += cmos_in(r, (uint8_t)i);
	return sum & 0xffff;
}

/* PC/AT CMOS map: 0x15-0x16 base memory in KB, 0x17-0x18 and 0x30-0x31
 * KB above 1 MB (saturating), 0x34-0x35 64 KB units above 16 MB, 0x5b-0x5d
 * 64 KB units above 4 GB; 0x2e-0x2f checksum of 0x10-0x2d, high byte
 * first. */
TEST(rtc, memory_size_bytes)
{
	struct rig r;

	rig_init(&r, 0);
	rtc_set_memory(&r.rtc, 512u << 20, 1u << 30);
	EXPECT_EQ(0x80, cmos_in(&r, 0x15));
	EXPECT_EQ(0x02, cmos_in(&r, 0x16));
	EXPECT_EQ(0xff, cmos_in(&r, 0x17));
	EXPECT_EQ(0xff, cmos_in(&r, 0x18));
	EXPECT_EQ(0xff, cmos_in(&r, 0x31));
	EXPECT_EQ(0x00, cmos_in(&r, 0x34));	/* 496 MB = 0x1f00 units */
	EXPECT_EQ(0x1f, cmos_in(&r, 0x35));
	EXPECT_EQ(0x00, cmos_in(&r, 0x5b));
	EXPECT_EQ(0x40, cmos_in(&r, 0x5c));
	EXPECT_EQ(0x00, cmos_in(&r, 0x5d));
	EXPECT_EQ(checksum(&r), cmos_in(&r, 0x2e) << 8 | cmos_in(&r, 0x2f));
	rtc_set_memory(&r.rtc, 8u << 20, 0);
	EXPECT_EQ(0x00, cmos_in(&r, 0x17));	/* 7168 KB = 0x1c00 */
	EXPECT_EQ(0x1c, cmos_in(&r, 0x18));
	EXPECT_EQ(0x1c, cmos_in(&r, 0x31));
	EXPECT_EQ(0x00, cmos_in(&r, 0x35));
	rtc_cmos_set(&r.rtc, CMOS_EQUIPMENT, 0x06);
	EXPECT_EQ(checksum(&r), cmos_in(&r, 0x2e) << 8 | cmos_in(&r, 0x2f));
}

/* A century byte that is not a date (0xFF) must not overflow the clock:
 * the year is pulled into 1900-2199. */
TEST(rtc, garbage_century_clamped)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);
	cmos_out(&r, 0x0b, 0x82);
	cmos_out(&r, 0x32, 0xff);
	cmos_out(&r, 0x0b, 0x02);
	r.clock.now += SEC;
	EXPECT_EQ(0x21, cmos_in(&r, 0x32));
	EXPECT_EQ(0x99, cmos_in(&r, 0x09));
}

/* A host that looks late still sees an alarm it slept through: AF is set
 * if any update since the last look matched. */
TEST(rtc, alarm_while_late)
{
	struct rig r;

	rig_init(&r, 1000000000 * SEC);	/* 01:46:40 */
	cmos_out(&r, 0x0a, 0x20);
	cmos_out(&r, 0x0b, 0x22);	/* AIE */
	cmos_out(&r, 0x01, 0x45);	/* 01:46:45 */
	cmos_out(&r, 0x03, 0x46);
	cmos_out(&r, 0x05, 0x01);
	r.clock.now += 30 * SEC;
	rtc_update(&r.rtc);
	EXPECT_EQ(1, r.irq8.level);
	EXPECT_EQ(0xb0, cmos_in(&r, 0x0c));
	r.clock.now += 3 * 86400 * SEC;	/* days: it matched again */
	rtc_update(&r.rtc);
	EXPECT_EQ(0xb0, cmos_in(&r, 0x0c));
	cmos_out(&r, 0x05, 0x02);	/* 02:46:45, not in the next minute */
	r.clock.now += 60 * SEC;
	rtc_update(&r.rtc);
	EXPECT_EQ(0x10, cmos_in(&r, 0x0c));
}
