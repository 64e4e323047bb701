/* 8254 PIT and port 0x61. Counters are lazy: their count and OUT are worked
 * out from guest time when read; only counter 0's rising edges (IRQ0) are
 * scheduled. A count written while counting takes effect at once (the
 * datasheet waits for the period's end in modes 2 and 3). Ref: Intel 8254
 * datasheet (231164); Intel PIIX3 datasheet, port 61h. */
#include "devices/i8254.h"

#include "devices/bcd.h"

uint64_t pit_ns_to_ticks(uint64_t ns)
{
	return ns / NS_PER_SEC * PIT_FREQ_HZ +
	       ns % NS_PER_SEC * PIT_FREQ_HZ / NS_PER_SEC;
}

/* The first ns at which pit_ns_to_ticks() reaches ticks. */
uint64_t pit_ticks_to_ns(uint64_t ticks)
{
	uint64_t r = ticks % PIT_FREQ_HZ;

	return ticks / PIT_FREQ_HZ * NS_PER_SEC +
	       (r * NS_PER_SEC + PIT_FREQ_HZ - 1) / PIT_FREQ_HZ;
}

static uint64_t now_ticks(const struct pit_state *s)
{
	return pit_ns_to_ticks(dev_clock_now(&s->clock));
}

static int mode_of(const struct pit_counter *c)
{
	int m = PIT_CW_MODE(c->control);

	return m > 5 ? m - 4 : m;	/* 6 and 7 alias modes 2 and 3 */
}

/* Ticks the CE has counted since it was loaded, or -1 before the load. */
static int64_t elapsed(const struct pit_counter *c, uint64_t now)
{
	if (!c->armed || now < c->start_tick)
		return -1;
	return (int64_t)(c->held + (c->counting ? now - c->start_tick : 0));
}

static bool out_at(const struct pit_counter *c, uint64_t now)
{
	int64_t e = elapsed(c, now);
	uint64_t n = c->count;

	if (e < 0)
		return mode_of(c) != PIT_MODE_INTTC;
	switch (mode_of(c)) {
	case PIT_MODE_INTTC:
	case PIT_MODE_ONESHOT:
		return (uint64_t)e >= n;
	case PIT_MODE_RATEGEN:	/* low for the one clock at count 1 */
		return !c->counting || (uint64_t)e % n != n - 1;
	case PIT_MODE_SQWAVE:	/* high for ceil(N/2), low for floor(N/2) */
		return !c->counting || (uint64_t)e % n < (n + 1) / 2;
	default:		/* strobes: low for the one clock at count 0 */
		return (uint64_t)e != n;
	}
}

/* The CE value (binary) at now. */
static uint32_t count_at(const struct pit_counter *c, uint64_t now)
{
	uint32_t modulus = (c->control & PIT_CW_BCD) ? 10000 : 65536;
	int64_t e = elapsed(c, now);
	uint64_t n = c->count, t, half;

	if (e < 0)
		return (uint32_t)(n % modulus);
	switch (mode_of(c)) {
	case PIT_MODE_RATEGEN:
		return (uint32_t)((n - (uint64_t)e % n) % modulus);
	case PIT_MODE_SQWAVE:	/* decrements by two through each half */
		t = (uint64_t)e % n;
		half = t < (n + 1) / 2 ? t : t - (n + 1) / 2;
		return (uint32_t)(((n & ~1ull) - 2 * half) % modulus);
	default:		/* counts on through zero, wrapping */
		return (uint32_t)((n + modulus - (uint64_t)e % modulus) %
				  modulus);
	}
}

/* The first tick after now at which OUT rises, or UINT64_MAX. */
static uint64_t next_rise(const struct pit_counter *c, uint64_t now)
{
	int64_t e = elapsed(c, now);
	uint64_t n = c->count, rise;

	if (!c->armed || !c->counting)
		return UINT64_MAX;
	switch (mode_of(c)) {
	case PIT_MODE_INTTC:
	case PIT_MODE_ONESHOT:
		if (e >= (int64_t)n)
			return UINT64_MAX;
		rise = n;
		break;
	case PIT_MODE_RATEGEN:
	case PIT_MODE_SQWAVE:	/* a new period starts high */
		rise = (e < 0 ? 1 : (uint64_t)e / n + 1) * n;
		break;
	default:
		if (e > (int64_t)n)
			return UINT64_MAX;
		rise = n + 1;
		break;
	}
	return c->start_tick + rise - c->held;
}

/* Delivers a due IRQ0 edge, then sets the line to OUT and plans the next
 * edge. Edges missed while the host was late coalesce into one, as a
 * latched 8259 request would. */
static void sync_irq0(struct pit_state *s, uint64_t now)
{
	struct pit_counter *c = &s->c[0];

	if (now >= s->irq_next_rise) {
		irq_line_set(&s->irq0, 0);
		irq_line_set(&s->irq0, 1);
	}
	irq_line_set(&s->irq0, out_at(c, now));
	s->irq_next_rise = next_rise(c, now);
}

static void reset_counter(struct pit_counter *c, bool gate)
{
	*c = (struct pit_counter){
		.control = PIT_RW_WORD << 4,
		.count = 65536,
		.gate = gate,
	};
}

void pit_init(struct pit_state *s, struct dev_clock clock,
	      struct irq_line irq0)
{
	s->clock = clock;
	s->irq0 = irq0;
	pit_reset(s);
}

void pit_reset(struct pit_state *s)
{
	for (int i = 0; i < PIT_COUNTERS; i++)
		reset_counter(&s->c[i], i != 2);
	s->port_b = 0;
	s->irq_next_rise = UINT64_MAX;
	irq_line_set(&s->irq0, 0);
}

/* The CE is loaded from CR on the clock after the write or trigger. */
static void load(struct pit_counter *c, uint64_t now)
{
	int mode = mode_of(c);

	c->start_tick = now + 1;
	c->held = 0;
	if (mode == PIT_MODE_ONESHOT || mode == PIT_MODE_HWSTROBE) {
		c->counting = true;
	} else {
		c->armed = true;
		c->counting = c->gate;
	}
}

void pit_set_gate(struct pit_state *s, int i, bool level)
{
	struct pit_counter *c = &s->c[i];
	uint64_t now = now_ticks(s);
	int mode = mode_of(c);
	bool rising = level && !c->gate;

	if (level == c->gate)
		return;
	if (!level && c->armed && c->counting && mode != PIT_MODE_ONESHOT &&
	    mode != PIT_MODE_HWSTROBE) {
		int64_t e = elapsed(c, now);

		c->held = e < 0 ? 0 : (uint64_t)e;
		c->counting = false;
	}
	c->gate = level;
	if (rising && c->written) {
		if (mode == PIT_MODE_INTTC || mode == PIT_MODE_SWSTROBE) {
			c->start_tick = now;	/* resume where it paused */
			c->counting = true;
		} else {	/* 2, 3 reload; 1, 5 trigger */
			c->armed = true;
			load(c, now);
		}
	}
	if (i == 0)
		sync_irq0(s, now);
}

bool pit_out(struct pit_state *s, int i)
{
	return out_at(&s->c[i], now_ticks(s));
}

uint32_t pit_count(struct pit_state *s, int i)
{
	return count_at(&s->c[i], now_ticks(s));
}

static void latch_count(struct pit_counter *c, uint64_t now)
{
	uint32_t v = count_at(c, now);

	if (c->count_latched)
		return;	/* a second latch before the read is ignored */
	c->latch = (uint16_t)((c->control & PIT_CW_BCD) ? bcd_from_bin(v) : v);
	c->count_latched = true;
	c->read_msb_next = false;
}

static void latch_status(struct pit_counter *c, uint64_t now)
{
	if (c->status_latched)
		return;
	c->status = (uint8_t)((out_at(c, now) ? PIT_STATUS_OUT : 0) |
			      (elapsed(c, now) < 0 ? PIT_STATUS_NULL : 0) |
			      (c->control & 0x3f));
	c->status_latched = true;
}

static void write_control(struct pit_state *s, uint8_t val, uint64_t now)
{
	int sc = PIT_CW_SC(val);
	struct pit_counter *c;

	if (sc == PIT_SC_READBACK) {
		for (int i = 0; i < PIT_COUNTERS; i++) {
			if (!(val & PIT_RB_CNT(i)))
				continue;
			if (!(val & PIT_RB_NOT_COUNT))
				latch_count(&s->c[i], now);
			if (!(val & PIT_RB_NOT_STATUS))
				latch_status(&s->c[i], now);
		}
		return;
	}
	c = &s->c[sc];
	if (PIT_CW_RW(val) == PIT_RW_LATCH) {
		latch_count(c, now);
		return;
	}
	/* A new mode resets the counter's control logic; OUT goes to its
	 * initial state (low in mode 0, high otherwise). */
	c->control = val & 0x3f;
	c->written = c->armed = c->counting = false;
	c->write_msb_next = c->read_msb_next = false;
	c->count_latched = c->status_latched = false;
	if (sc == 0)
		sync_irq0(s, now);
}

static void write_count(struct pit_state *s, int i, uint8_t val,
			uint64_t now)
{
	struct pit_counter *c = &s->c[i];
	uint32_t n;

	switch (PIT_CW_RW(c->control)) {
	case PIT_RW_LSB:
		n = val;
		break;
	case PIT_RW_MSB:
		n = (uint32_t)val << 8;
		break;
	default:
		if (!c->write_msb_next) {
			c->lsb = val;
			c->write_msb_next = true;
			return;
		}
		c->write_msb_next = false;
		n = c->lsb | (uint32_t)val << 8;
		break;
	}
	if (c->control & PIT_CW_BCD)
		n = bcd_to_bin(n);
	if (n == 0)	/* 0 is the largest count: 2^16, or 10^4 in BCD */
		n = (c->control & PIT_CW_BCD) ? 10000 : 65536;
	c->count = n;
	c->written = true;
	load(c, now);
	if (i == 0)
		sync_irq0(s, now);
}

/* Reads have side effects: they consume latches and flip byte order. */
static uint8_t read_count(struct pit_counter *c, uint64_t now)
{
	uint16_t v;
	int rw = PIT_CW_RW(c->control);
	bool msb;

	if (c->status_latched) {
		c->status_latched = false;
		return c->status;
	}
	if (c->count_latched) {
		v = c->latch;
	} else {
		uint32_t bin = count_at(c, now);
		v = (uint16_t)((c->control & PIT_CW_BCD) ? bcd_from_bin(bin) :
							   bin);
	}
	msb = rw == PIT_RW_MSB || (rw == PIT_RW_WORD && c->read_msb_next);
	if (rw == PIT_RW_WORD)
		c->read_msb_next = !c->read_msb_next;
	if (rw != PIT_RW_WORD || !c->read_msb_next)
		c->count_latched = false;	/* whole latch read */
	return (uint8_t)(msb ? v >> 8 : v);
}

static uint8_t read_port_b(struct pit_state *s, uint64_t now)
{
	return (uint8_t)(s->port_b |
			 ((now / PIT_REFRESH_TICKS) & 1 ? PIT_PORTB_REFRESH : 0) |
			 (out_at(&s->c[2], now) ? PIT_PORTB_OUT2 : 0));
}

uint32_t pit_read(struct pit_state *s, uint16_t port, int size)
{
	uint64_t now = now_ticks(s);

	(void)size;
	if (port == PIT_PORT_B)
		return read_port_b(s, now);
	if (port == PIT_CONTROL)
		return 0xff;	/* the control word register is write-only */
	return read_count(&s->c[port - PIT_BASE], now);
}

void pit_write(struct pit_state *s, uint16_t port, uint32_t val, int size)
{
	uint64_t now = now_ticks(s);

	(void)size;
	if (port == PIT_PORT_B) {
		s->port_b = val & PIT_PORTB_WRITABLE;
		pit_set_gate(s, 2, val & PIT_PORTB_TIM2_GATE);
	} else if (port == PIT_CONTROL) {
		write_control(s, (uint8_t)val, now);
	} else {
		write_count(s, port - PIT_BASE, (uint8_t)val, now);
	}
}

void pit_update(struct pit_state *s)
{
	sync_irq0(s, now_ticks(s));
}

uint64_t pit_next_deadline(const struct pit_state *s)
{
	if (s->irq_next_rise == UINT64_MAX)
		return CLOCK_NEVER;
	return pit_ticks_to_ns(s->irq_next_rise);
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return pit_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	pit_write(opaque, port, val, size);
}

bool pit_attach(struct pit_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, PIT_BASE, 4, 1, "pit", io_read, io_write,
			       s) &&
	       ioport_register(bus, PIT_PORT_B, 1, 1, "port61", io_read,
			       io_write, s);
}
