/* Port 0x92, system control port A: fast A20 and fast reset for the
 * machine. Ref: Intel PIIX3 datasheet, port 92h. */
#include "devices/port92.h"

void port92_init(struct port92_state *s, struct sys_ctl ctl)
{
	s->ctl = ctl;
	port92_reset(s);
}

void port92_reset(struct port92_state *s)
{
	s->value = 0;
	sysctl_set_a20(&s->ctl, SYSCTL_A20_PORT92, false);
}

uint32_t port92_read(struct port92_state *s, uint16_t port, int size)
{
	(void)port;
	(void)size;
	return s->value;
}

void port92_write(struct port92_state *s, uint16_t port, uint32_t val,
		  int size)
{
	uint8_t old = s->value;

	(void)port;
	(void)size;
	s->value = (uint8_t)val;
	if ((old ^ s->value) & PORT92_ALT_A20)
		sysctl_set_a20(&s->ctl, SYSCTL_A20_PORT92,
			       s->value & PORT92_ALT_A20);
	if (s->value & ~old & PORT92_ALT_RESET)
		sysctl_reset(&s->ctl);
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return port92_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	port92_write(opaque, port, val, size);
}

bool port92_attach(struct port92_state *s, struct ioport_bus *bus)
{
	return ioport_register(bus, PORT92_PORT, 1, 1, "port92", io_read,
			       io_write, s);
}
