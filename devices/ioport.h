/* The x86 I/O port space: a table mapping port ranges to device callbacks.
 * Unassigned ports read as all ones and ignore writes (reported once each). */
#ifndef MIMIC_DEVICES_IOPORT_H
#define MIMIC_DEVICES_IOPORT_H

#include <stdbool.h>
#include <stdint.h>

#define IOPORT_COUNT      0x10000
#define IOPORT_MAX_RANGES 63	/* range index + 1 fits the uint8_t map */

/* A device's handlers. port is the absolute port number; size is 1, 2 or 4
 * and is never larger than the range's max_size (the bus splits wider
 * accesses into bytes, as an 8-bit ISA device sees them). */
typedef uint32_t (*ioport_read_fn)(void *opaque, uint16_t port, int size);
typedef void (*ioport_write_fn)(void *opaque, uint16_t port, uint32_t val,
				int size);

/* Optional: a run of count accesses at port (rep ins/outs), buf in
 * little-endian order; returns how many of them it made, from the first.
 * Those it declines the bus makes one at a time through read/write. */
typedef uint32_t (*ioport_read_string_fn)(void *opaque, uint16_t port, int size,
					  uint8_t *buf, uint32_t count);
typedef uint32_t (*ioport_write_string_fn)(void *opaque, uint16_t port, int size,
					   const uint8_t *buf, uint32_t count);

struct ioport_range {
	uint16_t base;
	uint32_t len;
	int max_size;		/* widest access the device takes whole */
	const char *name;
	ioport_read_fn read;	/* NULL: reads give all ones */
	ioport_write_fn write;	/* NULL: writes are dropped */
	ioport_read_string_fn read_string;	/* NULL: one access at a time */
	ioport_write_string_fn write_string;
	void *opaque;
	bool mapped;		/* a movable range may be off the bus */
	uint64_t reads, writes;	/* accesses, for the monitor */
};

struct ioport_bus {
	struct ioport_range ranges[IOPORT_MAX_RANGES];
	int count;
	uint8_t map[IOPORT_COUNT];	/* port -> range index + 1, 0: none */
	uint8_t reported[IOPORT_COUNT / 8];	/* unassigned ports seen */
	unsigned unassigned_reports;	/* distinct unassigned ports seen */
	uint64_t unassigned_accesses;
};

void ioport_init(struct ioport_bus *bus);

/* Claims [base, base + len); false if the table is full or a port is
 * already taken. */
bool ioport_register(struct ioport_bus *bus, uint16_t base, uint32_t len,
		     int max_size, const char *name, ioport_read_fn read,
		     ioport_write_fn write, void *opaque);

/* A range a device moves at run time (a PCI base address register): it
 * starts unmapped. Returns its index for ioport_map/ioport_unmap, or -1
 * if the table is full. */
int ioport_register_movable(struct ioport_bus *bus, uint32_t len,
			    int max_size, const char *name,
			    ioport_read_fn read, ioport_write_fn write,
			    void *opaque);
/* Puts range at base (taking it off its old place first); false, and left
 * unmapped, if a port there is taken or it would pass port 0xFFFF. */
bool ioport_map(struct ioport_bus *bus, int range, uint16_t base);
void ioport_unmap(struct ioport_bus *bus, int range);

/* The CPU's in and out. size is 1, 2 or 4. */
uint32_t ioport_read(struct ioport_bus *bus, uint16_t port, int size);
void ioport_write(struct ioport_bus *bus, uint16_t port, uint32_t val,
		  int size);

/* Gives the range holding port string handlers; false if none holds it. */
bool ioport_set_string(struct ioport_bus *bus, uint16_t port,
		       ioport_read_string_fn read_string,
		       ioport_write_string_fn write_string);
/* rep ins/outs: count accesses of size bytes at port, the same as count
 * ioport_read/ioport_write calls, buf in little-endian order. */
void ioport_read_string(struct ioport_bus *bus, uint16_t port, int size,
			uint8_t *buf, uint32_t count);
void ioport_write_string(struct ioport_bus *bus, uint16_t port, int size,
			 const uint8_t *buf, uint32_t count);

/* The device name owning port, or NULL (for the monitor). */
const char *ioport_owner(const struct ioport_bus *bus, uint16_t port);
/* Prints each range with its access counts (for the monitor). */
void ioport_show(const struct ioport_bus *bus);

#endif
