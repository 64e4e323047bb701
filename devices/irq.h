/* An interrupt line from a device to an interrupt controller: the device
 * calls irq_line_set(line, level) and the controller sees input n change. */
#ifndef MIMIC_DEVICES_IRQ_H
#define MIMIC_DEVICES_IRQ_H

struct irq_line {
	void (*set)(void *opaque, int n, int level);
	void *opaque;
	int n;			/* the controller's input number */
};

static inline void irq_line_set(const struct irq_line *line, int level)
{
	if (line->set)
		line->set(line->opaque, line->n, level);
}

#endif
