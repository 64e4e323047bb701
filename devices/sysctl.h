/* What PC chips tell the machine about itself: the A20 gate, from each of
 * its sources (the gate follows the last change), a request to reset the
 * CPU, and soft off (the power management's sleep state S5). */
#ifndef MIMIC_DEVICES_SYSCTL_H
#define MIMIC_DEVICES_SYSCTL_H

#include <stdbool.h>

enum sysctl_a20_source {
	SYSCTL_A20_KBD,		/* 8042 output port bit 1 */
	SYSCTL_A20_PORT92,	/* fast A20, port 0x92 bit 1 */
};

struct sys_ctl {
	void (*set_a20)(void *opaque, enum sysctl_a20_source src, bool on);
	void (*reset)(void *opaque);
	void *opaque;
	void (*power_off)(void *opaque);	/* NULL: the request is dropped */
};

static inline void sysctl_set_a20(const struct sys_ctl *c,
				  enum sysctl_a20_source src, bool on)
{
	if (c->set_a20)
		c->set_a20(c->opaque, src, on);
}

static inline void sysctl_reset(const struct sys_ctl *c)
{
	if (c->reset)
		c->reset(c->opaque);
}

static inline void sysctl_power_off(const struct sys_ctl *c)
{
	if (c->power_off)
		c->power_off(c->opaque);
}

#endif
