/* Test doubles the device tests share: a guest clock the test sets, and an
 * interrupt line that records its level and counts rising edges. */
#ifndef MIMIC_TESTS_UNIT_DEVICES_FAKES_H
#define MIMIC_TESTS_UNIT_DEVICES_FAKES_H

#include <stdint.h>

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

#endif
