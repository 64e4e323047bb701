/* Test doubles the device tests share: a guest clock the test sets, an
 * interrupt line that records its level and counts rising edges, and a
 * byte sink that keeps what it is given as a string. */
#ifndef MIMIC_TESTS_UNIT_DEVICES_FAKES_H
#define MIMIC_TESTS_UNIT_DEVICES_FAKES_H

#include <stdint.h>

#include "devices/bytesink.h"
#include "devices/clock.h"
#include "devices/irq.h"

struct fake_clock {
	uint64_t now;	/* ns */
};

struct fake_irq {
	int level;
	int rises;
};

static uint64_t fake_clock_now(void *opaque)
{
	return ((struct fake_clock *)opaque)->now;
}

static void fake_irq_set(void *opaque, int n, int level)
{
	struct fake_irq *irq = opaque;

	(void)n;
	irq->rises += level && !irq->level;
	irq->level = level;
}

static inline struct dev_clock fake_clock_of(struct fake_clock *c)
{
	return (struct dev_clock){ fake_clock_now, c };
}

static inline struct irq_line fake_irq_of(struct fake_irq *irq, int n)
{
	return (struct irq_line){ fake_irq_set, irq, n };
}

struct fake_sink {
	char buf[256];	/* NUL-terminated */
	int n;
};

static void fake_sink_put(void *opaque, uint8_t byte)
{
	struct fake_sink *sink = opaque;

	if (sink->n < (int)sizeof(sink->buf) - 1)
		sink->buf[sink->n++] = (char)byte;
}

static inline struct byte_sink fake_sink_of(struct fake_sink *sink)
{
	return (struct byte_sink){ fake_sink_put, sink };
}

#endif
