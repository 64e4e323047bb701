/* The x86 I/O port space: dispatch of in/out to the device owning the port.
 * An access wider than a device takes, or one straddling two devices, is
 * split into byte accesses, as the ISA bus does for 8-bit devices. */
#include "devices/ioport.h"

#include <string.h>

#include "devices/devlog.h"

void ioport_init(struct ioport_bus *bus)
{
	memset(bus, 0, sizeof(*bus));
}

bool ioport_register(struct ioport_bus *bus, uint16_t base, uint32_t len,
		     int max_size, const char *name, ioport_read_fn read,
		     ioport_write_fn write, void *opaque)
{
	if (bus->count == IOPORT_MAX_RANGES || len == 0 ||
	    base + len > IOPORT_COUNT)
		return false;
	for (uint32_t p = base; p < base + len; p++)
		if (bus->map[p])
			return false;
	bus->ranges[bus->count] = (struct ioport_range){
		.base = base, .len = len, .max_size = max_size, .name = name,
		.read = read, .write = write, .opaque = opaque,
	};
	bus->count++;
	for (uint32_t p = base; p < base + len; p++)
		bus->map[p] = (uint8_t)bus->count;
	return true;
}

static const struct ioport_range *range_of(const struct ioport_bus *bus,
					   uint16_t port)
{
	return bus->map[port] ? &bus->ranges[bus->map[port] - 1] : NULL;
}

/* The range that takes the whole access, or NULL if it must be split. */
static const struct ioport_range *whole(const struct ioport_bus *bus,
					uint16_t port, int size)
{
	const struct ioport_range *r = range_of(bus, port);

	if (!r || size > r->max_size || (uint32_t)port + (uint32_t)size > r->base + r->len)
		return NULL;
	return r;
}

static void report_unassigned(struct ioport_bus *bus, uint16_t port,
			      const char *dir)
{
	uint8_t bit = (uint8_t)(1u << (port & 7));

	if (bus->reported[port >> 3] & bit)
		return;
	bus->reported[port >> 3] |= bit;
	bus->unassigned_reports++;
	devlog("%s of unassigned I/O port 0x%04x", dir, port);
}

static uint8_t read_byte(struct ioport_bus *bus, uint16_t port)
{
	const struct ioport_range *r = range_of(bus, port);

	if (!r) {
		report_unassigned(bus, port, "read");
		return 0xff;
	}
	return r->read ? (uint8_t)r->read(r->opaque, port, 1) : 0xff;
}

static void write_byte(struct ioport_bus *bus, uint16_t port, uint8_t val)
{
	const struct ioport_range *r = range_of(bus, port);

	if (!r)
		report_unassigned(bus, port, "write");
	else if (r->write)
		r->write(r->opaque, port, val, 1);
}

uint32_t ioport_read(struct ioport_bus *bus, uint16_t port, int size)
{
	const struct ioport_range *r = whole(bus, port, size);
	uint32_t val = 0;

	if (r) {
		uint32_t ones = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
		return r->read ? r->read(r->opaque, port, size) & ones : ones;
	}
	for (int i = 0; i < size; i++)
		val |= (uint32_t)read_byte(bus, (uint16_t)(port + i)) << (8 * i);
	return val;
}

void ioport_write(struct ioport_bus *bus, uint16_t port, uint32_t val,
		  int size)
{
	const struct ioport_range *r = whole(bus, port, size);

	if (r) {
		if (r->write)
			r->write(r->opaque, port, val, size);
		return;
	}
	for (int i = 0; i < size; i++)
		write_byte(bus, (uint16_t)(port + i), (uint8_t)(val >> (8 * i)));
}

const char *ioport_owner(const struct ioport_bus *bus, uint16_t port)
{
	const struct ioport_range *r = range_of(bus, port);

	return r ? r->name : NULL;
}
