/* The PC/AT's coprocessor error latch (FERR# -> IRQ13, cleared through
 * port 0xF0).  Ref: IBM PC/AT technical reference; Intel SDM Vol. 1 D.1. */
#include "devices/fpuerr.h"

void fpuerr_init(struct fpuerr_state *s, struct irq_line irq)
{
	s->irq = irq;
	fpuerr_reset(s);
}

void fpuerr_reset(struct fpuerr_state *s)
{
	s->latched = false;
	irq_line_set(&s->irq, 0);
}

/* The line stays high until the guest clears the latch, so FERR# at every
 * waiting instruction before then is one interrupt. */
void fpuerr_assert(struct fpuerr_state *s)
{
	if (s->latched)
		return;
	s->latched = true;
	irq_line_set(&s->irq, 1);
}

uint32_t fpuerr_read(struct fpuerr_state *s, uint16_t port, int size)
{
	(void)s;
	(void)port;
	(void)size;
	return 0xFF;	/* write-only */
}

void fpuerr_write(struct fpuerr_state *s, uint16_t port, uint32_t val, int size)
{
	(void)port;
	(void)val;
	(void)size;
	fpuerr_reset(s);	/* clears the latch as RESET does */
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return fpuerr_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	fpuerr_write(opaque, port, val, size);
}

bool fpuerr_attach(struct fpuerr_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, FPUERR_PORT, 1, 1, "fpuerr", io_read, io_write, s);
}
