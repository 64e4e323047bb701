/* MC146818 RTC and CMOS RAM. The clock bytes are worked out from the host
 * clock plus an offset when read; an update is instant at the second, so
 * UIP shows only in the 244 us before it. Ref: Motorola MC146818A
 * datasheet. */
#include "devices/mc146818.h"

#include "devices/bcd.h"
#include "devices/calendar.h"
#include "devices/devlog.h"

#define RTC_UIP_NS    244000	/* UIP leads the update by 244 us */
#define RTC_HALF_SEC  (NS_PER_SEC / 2)	/* divider restart to first update */
#define SECS_PER_DAY  86400

static bool divider_on(const struct rtc_state *s)
{
	return (s->cmos[RTC_REG_A] & RTC_A_DV) == RTC_A_DV_32K;
}

static bool running(const struct rtc_state *s)
{
	return divider_on(s) && !(s->cmos[RTC_REG_B] & RTC_B_SET);
}

/* Nanoseconds into the second of ns. */
static int64_t phase(int64_t ns)
{
	return ns - cal_floor_div(ns, NS_PER_SEC) * (int64_t)NS_PER_SEC;
}

static int64_t rtc_ns(const struct rtc_state *s)
{
	return (int64_t)dev_clock_now(&s->clock) + s->offset_ns;
}

/* Periodic interrupt rate in Hz from RS3-RS0 (32.768 kHz time base). */
static unsigned periodic_hz(const struct rtc_state *s)
{
	unsigned rs = s->cmos[RTC_REG_A] & RTC_A_RS;

	if (rs == 0)
		return 0;
	return rs <= 2 ? 512u >> rs : 65536u >> rs;
}

/* Periods of rate hz elapsed from the epoch to ns. */
static int64_t periods(int64_t ns, unsigned hz)
{
	return cal_floor_div(ns, NS_PER_SEC) * hz +
	       phase(ns) * hz / (int64_t)NS_PER_SEC;
}

static uint8_t to_reg(const struct rtc_state *s, int v)
{
	return (uint8_t)((s->cmos[RTC_REG_B] & RTC_B_DM) ? v :
			 (int)bcd_from_bin((uint32_t)v));
}

static int from_reg(const struct rtc_state *s, uint8_t v)
{
	return (s->cmos[RTC_REG_B] & RTC_B_DM) ? v : (int)bcd_to_bin(v);
}

/* Seconds, minutes and hours of second t as the registers show them. */
static void format_hms(const struct rtc_state *s, int64_t t, uint8_t hms[3])
{
	int64_t sod = t - cal_floor_div(t, SECS_PER_DAY) * SECS_PER_DAY;
	int hour = (int)(sod / 3600);

	hms[0] = to_reg(s, (int)(sod % 60));
	hms[1] = to_reg(s, (int)(sod / 60 % 60));
	if (s->cmos[RTC_REG_B] & RTC_B_24H)
		hms[2] = to_reg(s, hour);
	else	/* 12 AM is 12, 1 PM is 1 with the PM bit */
		hms[2] = (uint8_t)(to_reg(s, (hour + 11) % 12 + 1) |
				   (hour >= 12 ? 0x80 : 0));
}

/* Writes the clock bytes for second t since the epoch. */
static void show_time(struct rtc_state *s, int64_t t)
{
	int64_t days = cal_floor_div(t, SECS_PER_DAY);
	struct cal_date d = cal_date_from_days(days);
	uint8_t *r = s->cmos, hms[3];

	format_hms(s, t, hms);
	r[RTC_SECONDS] = hms[0];
	r[RTC_MINUTES] = hms[1];
	r[RTC_HOURS] = hms[2];
	r[RTC_DAY_OF_WEEK] = to_reg(s, cal_weekday(days));
	r[RTC_DAY_OF_MONTH] = to_reg(s, d.day);
	r[RTC_MONTH] = to_reg(s, d.month);
	r[RTC_YEAR] = to_reg(s, d.year % 100);
	r[CMOS_CENTURY] = to_reg(s, d.year / 100);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The second since the epoch that the clock bytes show. */
static int64_t shown_time(const struct rtc_state *s)
{
	const uint8_t *r = s->cmos;
	int hour = from_reg(s, r[RTC_HOURS] & 0x7f);
	/* Years outside 1900-2199 (garbage in the century byte) are pulled
	 * in, keeping nanoseconds since the epoch within 64 bits. */
	struct cal_date d = {
		.year = clamp(from_reg(s, r[CMOS_CENTURY]) * 100 +
			      from_reg(s, r[RTC_YEAR]), 1900, 2199),
		.month = clamp(from_reg(s, r[RTC_MONTH]), 1, 12),
		.day = clamp(from_reg(s, r[RTC_DAY_OF_MONTH]), 1, 31),
	};

	if (!(r[RTC_REG_B] & RTC_B_24H))
		hour = hour % 12 + ((r[RTC_HOURS] & 0x80) ? 12 : 0);
	return cal_days_from_date(d) * SECS_PER_DAY + clamp(hour, 0, 23) * 3600 +
	       clamp(from_reg(s, r[RTC_MINUTES]), 0, 59) * 60 +
	       clamp(from_reg(s, r[RTC_SECONDS]), 0, 59);
}

/* Restarts the clock from the bytes shown, phase ns into their second. */
static void rebase(struct rtc_state *s, int64_t phase)
{
	s->offset_ns = shown_time(s) * (int64_t)NS_PER_SEC + phase -
		       (int64_t)dev_clock_now(&s->clock);
	s->seen_ns = rtc_ns(s);
}

/* Whether the alarm bytes match second t (bytes from 0xC0 match any). */
static bool alarm_matches(const struct rtc_state *s, int64_t t)
{
	static const uint8_t alarm[3] = {
		RTC_SECONDS_ALARM, RTC_MINUTES_ALARM, RTC_HOURS_ALARM,
	};
	uint8_t hms[3];

	format_hms(s, t, hms);
	for (int i = 0; i < 3; i++) {
		uint8_t a = s->cmos[alarm[i]];
		if (a < RTC_ALARM_DONT_CARE && a != hms[i])
			return false;
	}
	return true;
}

/* Whether an update in (from, to] hit the alarm. Alarms repeat daily, so
 * a day's worth of seconds is as many as need looking at. */
static bool alarm_between(const struct rtc_state *s, int64_t from, int64_t to)
{
	if (to - from > SECS_PER_DAY)
		from = to - SECS_PER_DAY;
	for (int64_t t = to; t > from; t--)
		if (alarm_matches(s, t))
			return true;
	return false;
}

/* ORs flags into register C; IRQF and IRQ8 follow the enables in B, whose
 * PIE/AIE/UIE bits sit at the same positions as PF/AF/UF. */
static void raise_flags(struct rtc_state *s, uint8_t flags)
{
	uint8_t *c = &s->cmos[RTC_REG_C];

	*c |= flags;
	if (*c & s->cmos[RTC_REG_B] & (RTC_C_PF | RTC_C_AF | RTC_C_UF))
		*c |= RTC_C_IRQF;
	irq_line_set(&s->irq, (*c & RTC_C_IRQF) != 0);
}

/* Brings the clock bytes and the flags up to now. */
static void advance(struct rtc_state *s)
{
	int64_t now = rtc_ns(s), sec = cal_floor_div(now, NS_PER_SEC);
	int64_t seen = cal_floor_div(s->seen_ns, NS_PER_SEC);
	unsigned hz = periodic_hz(s);
	uint8_t flags = 0;

	if (running(s) && sec > seen) {
		show_time(s, sec);
		flags |= RTC_C_UF;
		if (alarm_between(s, seen, sec))
			flags |= RTC_C_AF;
	}
	if (divider_on(s) && hz && periods(now, hz) > periods(s->seen_ns, hz))
		flags |= RTC_C_PF;
	s->seen_ns = now;
	raise_flags(s, flags);
}

void rtc_init(struct rtc_state *s, struct dev_clock clock, int64_t epoch_ns,
	      struct irq_line irq)
{
	*s = (struct rtc_state){ .clock = clock, .irq = irq,
				 .offset_ns = epoch_ns };
	s->cmos[RTC_REG_A] = RTC_A_DV_32K | 0x06;	/* 1024 Hz */
	s->cmos[RTC_REG_B] = RTC_B_24H;
	s->cmos[RTC_REG_D] = RTC_D_VRT;
	s->seen_ns = rtc_ns(s);
	show_time(s, cal_floor_div(s->seen_ns, NS_PER_SEC));
}

/* The RESET pin: interrupt enables and flags clear, time and RAM stay. */
void rtc_reset(struct rtc_state *s)
{
	advance(s);
	s->cmos[RTC_REG_B] &= ~(RTC_B_PIE | RTC_B_AIE | RTC_B_UIE | RTC_B_SQWE);
	s->cmos[RTC_REG_C] = 0;
	irq_line_set(&s->irq, 0);
}

static void write_reg_a(struct rtc_state *s, uint8_t val)
{
	bool was = running(s);
	uint8_t dv = val & RTC_A_DV;

	if (dv != RTC_A_DV_32K && dv < 0x60)
		devlog_once(&s->logged_dv, "rtc: time base DV=%d unimplemented, clock stopped", dv >> 4);
	s->cmos[RTC_REG_A] = val & ~RTC_A_UIP;
	if (!was && running(s))	/* first update half a second later */
		rebase(s, RTC_HALF_SEC);
}

static void write_reg_b(struct rtc_state *s, uint8_t val)
{
	bool was = running(s);

	if (val & RTC_B_SET)	/* SET going high clears UIE */
		val &= ~RTC_B_UIE;
	if (val & RTC_B_DSE)
		devlog_once(&s->logged_dse, "rtc: daylight saving (DSE) unimplemented");
	s->cmos[RTC_REG_B] = val;
	if (!was && running(s))	/* the new second starts now */
		rebase(s, 0);
	else if (running(s))	/* DM or 24/12 may have changed */
		show_time(s, cal_floor_div(rtc_ns(s), NS_PER_SEC));
	raise_flags(s, 0);
}

static void write_data(struct rtc_state *s, uint8_t val)
{
	uint8_t i = s->index;

	switch (i) {
	case RTC_REG_A:
		write_reg_a(s, val);
		break;
	case RTC_REG_B:
		write_reg_b(s, val);
		break;
	case RTC_REG_C:
	case RTC_REG_D:
		break;	/* read-only */
	case RTC_SECONDS:
	case RTC_MINUTES:
	case RTC_HOURS:
	case RTC_DAY_OF_WEEK:
	case RTC_DAY_OF_MONTH:
	case RTC_MONTH:
	case RTC_YEAR:
	case CMOS_CENTURY:
		s->cmos[i] = val;
		if (running(s))	/* carry on from the new time */
			rebase(s, phase(rtc_ns(s)));
		break;
	default:
		s->cmos[i] = val;
		break;
	}
}

static uint8_t read_data(struct rtc_state *s)
{
	uint8_t v = s->cmos[s->index];

	switch (s->index) {
	case RTC_REG_A:
		if (running(s) &&
		    phase(rtc_ns(s)) >= (int64_t)(NS_PER_SEC - RTC_UIP_NS))
			v |= RTC_A_UIP;
		return v;
	case RTC_REG_C:	/* side effect: clears the flags and IRQ8 */
		s->cmos[RTC_REG_C] = 0;
		irq_line_set(&s->irq, 0);
		return v;
	default:
		return v;
	}
}

uint32_t rtc_read(struct rtc_state *s, uint16_t port, int size)
{
	(void)size;
	if (port == RTC_INDEX_PORT)
		return 0xff;	/* write-only */
	advance(s);
	return read_data(s);
}

void rtc_write(struct rtc_state *s, uint16_t port, uint32_t val, int size)
{
	(void)size;
	if (port == RTC_INDEX_PORT) {
		s->index = val & (RTC_CMOS_SIZE - 1);
		s->nmi_disabled = val & RTC_NMI_DISABLE;
		return;
	}
	advance(s);
	write_data(s, (uint8_t)val);
}

void rtc_update(struct rtc_state *s)
{
	advance(s);
}

uint64_t rtc_next_deadline(struct rtc_state *s)
{
	uint8_t b = s->cmos[RTC_REG_B];
	unsigned hz = periodic_hz(s);
	int64_t now = rtc_ns(s), next = INT64_MAX, t;

	if (s->cmos[RTC_REG_C] & RTC_C_IRQF)
		return CLOCK_NEVER;	/* IRQ8 stays up until C is read */
	if ((b & RTC_B_PIE) && divider_on(s) && hz) {
		int64_t p = periods(now, hz) + 1;
		next = cal_floor_div(p, hz) * (int64_t)NS_PER_SEC +
		       ((p - cal_floor_div(p, hz) * hz) * (int64_t)NS_PER_SEC +
			hz - 1) / hz;
	}
	if ((b & (RTC_B_UIE | RTC_B_AIE)) && running(s)) {
		t = (cal_floor_div(now, NS_PER_SEC) + 1) * (int64_t)NS_PER_SEC;
		if (t < next)
			next = t;
	}
	if (next == INT64_MAX)
		return CLOCK_NEVER;
	t = next - s->offset_ns;
	return t < 0 ? 0 : (uint64_t)t;
}

static void update_checksum(struct rtc_state *s)
{
	unsigned sum = 0;

	for (int i = CMOS_FLOPPY_TYPES; i < CMOS_CHECKSUM_HI; i++)
		sum += s->cmos[i];
	s->cmos[CMOS_CHECKSUM_HI] = (uint8_t)(sum >> 8);
	s->cmos[CMOS_CHECKSUM_LO] = (uint8_t)sum;
}

void rtc_cmos_set(struct rtc_state *s, uint8_t index, uint8_t val)
{
	index &= RTC_CMOS_SIZE - 1;
	s->cmos[index] = val;
	if (index >= CMOS_FLOPPY_TYPES && index < CMOS_CHECKSUM_HI)
		update_checksum(s);
}

static void set_word(struct rtc_state *s, uint8_t index, uint64_t v)
{
	if (v > 0xffff)
		v = 0xffff;
	rtc_cmos_set(s, index, (uint8_t)v);
	rtc_cmos_set(s, index + 1, (uint8_t)(v >> 8));
}

void rtc_set_memory(struct rtc_state *s, uint64_t below_4g,
		    uint64_t above_4g)
{
	const uint64_t mb = 1u << 20;
	uint64_t ext_kb = below_4g > mb ? (below_4g - mb) >> 10 : 0;
	uint64_t high = below_4g > 16 * mb ? (below_4g - 16 * mb) >> 16 : 0;
	uint64_t top = above_4g >> 16;

	set_word(s, CMOS_BASE_MEM_LO, 640);
	set_word(s, CMOS_EXT_MEM_LO, ext_kb);
	set_word(s, CMOS_EXT_MEM2_LO, ext_kb);
	set_word(s, CMOS_MEM_16M_LO, high);
	rtc_cmos_set(s, CMOS_MEM_4G_LO, (uint8_t)top);
	rtc_cmos_set(s, CMOS_MEM_4G_LO + 1, (uint8_t)(top >> 8));
	rtc_cmos_set(s, CMOS_MEM_4G_LO + 2, (uint8_t)(top >> 16));
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return rtc_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	rtc_write(opaque, port, val, size);
}

bool rtc_attach(struct rtc_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, RTC_INDEX_PORT, 2, 1, "rtc", io_read,
			       io_write, s);
}
