/* Guest time for devices: a callback giving the current time in nanoseconds.
 * Devices never read a host clock themselves; the machine decides what time
 * is (real time, or a deterministic count). */
#ifndef MIMIC_DEVICES_CLOCK_H
#define MIMIC_DEVICES_CLOCK_H

#include <stdint.h>

#define CLOCK_NEVER UINT64_MAX	/* a deadline meaning "no attention needed" */
#define NS_PER_SEC  1000000000ull

struct dev_clock {
	uint64_t (*now_ns)(void *opaque);
	void *opaque;
};

static inline uint64_t dev_clock_now(const struct dev_clock *clock)
{
	return clock->now_ns(clock->opaque);
}

#endif
