/* The x86 I/O port space: dispatch of in/out to the device owning the port.
 * An access wider than a device takes, or one straddling two devices, is
 * split into byte accesses, as the ISA bus does for 8-bit devices. */
#include "devices/ioport.h"

#include <stdio.h>
#include <string.h>

#include "devices/devlog.h"
#include "libc/bytes.h"

void ioport_init(struct ioport_bus *bus)
{
	memset(bus, 0, sizeof(*bus));
}

int ioport_register_movable(struct ioport_bus *bus, uint32_t len,
			    int max_size, const char *name,
			    ioport_read_fn read, ioport_write_fn write,
			    void *opaque)
{
	if (bus->count == IOPORT_MAX_RANGES || len == 0 || len > IOPORT_COUNT)
		return -1;
	bus->ranges[bus->count] = (struct ioport_range){
		.len = len, .max_size = max_size, .name = name,
		.read = read, .write = write, .opaque = opaque,
	};
	return bus->count++;
}

void ioport_unmap(struct ioport_bus *bus, int range)
{
	struct ioport_range *r = &bus->ranges[range];

	if (!r->mapped)
		return;
	for (uint32_t p = r->base; p < r->base + r->len; p++)
		bus->map[p] = 0;
	r->mapped = false;
}

bool ioport_map(struct ioport_bus *bus, int range, uint16_t base)
{
	struct ioport_range *r = &bus->ranges[range];

	ioport_unmap(bus, range);
	if (base + r->len > IOPORT_COUNT)
		return false;
	for (uint32_t p = base; p < base + r->len; p++)
		if (bus->map[p])
			return false;
	for (uint32_t p = base; p < base + r->len; p++)
		bus->map[p] = (uint8_t)(range + 1);
	r->base = base;
	r->mapped = true;
	return true;
}

bool ioport_register(struct ioport_bus *bus, uint16_t base, uint32_t len,
		     int max_size, const char *name, ioport_read_fn read,
		     ioport_write_fn write, void *opaque)
{
	int range = ioport_register_movable(bus, len, max_size, name, read,
					    write, opaque);

	if (range < 0)
		return false;
	if (ioport_map(bus, range, base))
		return true;
	bus->count--;	/* the range was the last one added */
	return false;
}

static struct ioport_range *range_of(struct ioport_bus *bus, uint16_t port)
{
	return bus->map[port] ? &bus->ranges[bus->map[port] - 1] : NULL;
}

/* The range that takes the whole access, or NULL if it must be split. */
static struct ioport_range *whole(struct ioport_bus *bus, uint16_t port,
				  int size)
{
	struct ioport_range *r = range_of(bus, port);

	if (!r || size > r->max_size || (uint32_t)port + (uint32_t)size > r->base + r->len)
		return NULL;
	return r;
}

static void report_unassigned(struct ioport_bus *bus, uint16_t port,
			      const char *dir)
{
	uint8_t bit = (uint8_t)(1u << (port & 7));

	bus->unassigned_accesses++;
	if (bus->reported[port >> 3] & bit)
		return;
	bus->reported[port >> 3] |= bit;
	/* Guests probe for absent hardware routinely (Linux: ISA PnP, Super
	 * I/O chips); the console hears of the first port, the log ring of
	 * each. */
	if (!bus->unassigned_reports++)
		devlog("%s of unassigned I/O port 0x%04x (no device there: reads give "
		       "0xff, writes are dropped); it and each other port first touched "
		       "go to the log ring (monitor: logtail, dev)", dir, port);
	devlog_detail("%s of unassigned I/O port 0x%04x", dir, port);
}

static uint8_t read_byte(struct ioport_bus *bus, uint16_t port)
{
	struct ioport_range *r = range_of(bus, port);

	if (!r) {
		report_unassigned(bus, port, "read");
		return 0xff;
	}
	r->reads++;
	return r->read ? (uint8_t)r->read(r->opaque, port, 1) : 0xff;
}

static void write_byte(struct ioport_bus *bus, uint16_t port, uint8_t val)
{
	struct ioport_range *r = range_of(bus, port);

	if (!r) {
		report_unassigned(bus, port, "write");
		return;
	}
	r->writes++;
	if (r->write)
		r->write(r->opaque, port, val, 1);
}

uint32_t ioport_read(struct ioport_bus *bus, uint16_t port, int size)
{
	struct ioport_range *r = whole(bus, port, size);
	uint32_t val = 0;

	if (r) {
		uint32_t ones = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;

		r->reads++;
		return r->read ? r->read(r->opaque, port, size) & ones : ones;
	}
	for (int i = 0; i < size; i++)
		val |= (uint32_t)read_byte(bus, (uint16_t)(port + i)) << (8 * i);
	return val;
}

void ioport_write(struct ioport_bus *bus, uint16_t port, uint32_t val,
		  int size)
{
	struct ioport_range *r = whole(bus, port, size);

	if (r) {
		r->writes++;
		if (r->write)
			r->write(r->opaque, port, val, size);
		return;
	}
	for (int i = 0; i < size; i++)
		write_byte(bus, (uint16_t)(port + i), (uint8_t)(val >> (8 * i)));
}

bool ioport_set_string(struct ioport_bus *bus, uint16_t port,
		       ioport_read_string_fn read_string,
		       ioport_write_string_fn write_string)
{
	struct ioport_range *r = range_of(bus, port);

	if (!r)
		return false;
	r->read_string = read_string;
	r->write_string = write_string;
	return true;
}

void ioport_read_string(struct ioport_bus *bus, uint16_t port, int size,
			uint8_t *buf, uint32_t count)
{
	struct ioport_range *r = whole(bus, port, size);

	while (count) {
		uint32_t done = r && r->read_string ?
			r->read_string(r->opaque, port, size, buf, count) : 0;

		if (done) {
			r->reads += done;
		} else {
			le_put(buf, ioport_read(bus, port, size), size);
			done = 1;
		}
		buf += done * (uint32_t)size;
		count -= done;
	}
}

void ioport_write_string(struct ioport_bus *bus, uint16_t port, int size,
			 const uint8_t *buf, uint32_t count)
{
	struct ioport_range *r = whole(bus, port, size);

	while (count) {
		uint32_t done = r && r->write_string ?
			r->write_string(r->opaque, port, size, buf, count) : 0;

		if (done) {
			r->writes += done;
		} else {
			ioport_write(bus, port, (uint32_t)le_get(buf, size), size);
			done = 1;
		}
		buf += done * (uint32_t)size;
		count -= done;
	}
}

const char *ioport_owner(const struct ioport_bus *bus, uint16_t port)
{
	return bus->map[port] ? bus->ranges[bus->map[port] - 1].name : NULL;
}

void ioport_show(const struct ioport_bus *bus)
{
	for (int i = 0; i < bus->count; i++) {
		const struct ioport_range *r = &bus->ranges[i];

		printf("%04x-%04x %-12s reads %-10llu writes %llu%s\n", r->base,
		       r->base + r->len - 1, r->name,
		       (unsigned long long)r->reads,
		       (unsigned long long)r->writes,
		       r->mapped ? "" : "  (unmapped)");
	}
	printf("unassigned: %llu accesses to %u ports\n",
	       (unsigned long long)bus->unassigned_accesses,
	       bus->unassigned_reports);
}
