/* The I/O APIC (82093AA), memory-mapped at 0xFEC00000: 24 redirection
 * entries turning the PC's interrupt lines into messages to the local
 * APIC.  Ref: Intel 82093AA I/O APIC datasheet (290566). */
#ifndef MIMIC_DEVICES_IOAPIC_H
#define MIMIC_DEVICES_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"

#define IOAPIC_BASE      0xfec00000u
#define IOAPIC_SIZE      0x1000u
#define IOAPIC_PINS      24

/* MMIO: an index register and a window onto the indexed register. */
#define IOAPIC_IOREGSEL  0x00
#define IOAPIC_IOWIN     0x10

/* Indexed registers. */
#define IOAPIC_ID        0x00	/* bits 24-27 */
#define IOAPIC_VER       0x01	/* read-only */
#define IOAPIC_ARB       0x02	/* read-only */
#define IOAPIC_REDTBL    0x10	/* entry n: low dword 0x10 + 2n, high 0x11 + 2n */

/* Version 0x11 with 24 entries (maximum redirection entry 23). */
#define IOAPIC_VER_VALUE 0x00170011u

/* Redirection entry, low dword (the high dword holds the destination in
 * bits 56-63). */
#define IOAPIC_RTE_VECTOR   0x000ffu
#define IOAPIC_RTE_MODE     0x00700u	/* delivery mode, LAPIC_DM_* << 8 */
#define IOAPIC_RTE_LOGICAL  0x00800u	/* destination mode */
#define IOAPIC_RTE_PENDING  0x01000u	/* delivery status, read-only */
#define IOAPIC_RTE_LOW      0x02000u	/* input polarity: active low */
#define IOAPIC_RTE_REMOTE   0x04000u	/* remote IRR, read-only */
#define IOAPIC_RTE_LEVEL    0x08000u	/* trigger mode */
#define IOAPIC_RTE_MASKED   0x10000u
#define IOAPIC_RTE_WRITABLE 0x1afffu

/* Where messages go: a local APIC's lapic_deliver. */
struct ioapic_bus {
	void (*deliver)(void *opaque, uint8_t dest, bool logical, int mode, uint8_t vector,
			bool level);
	void *opaque;
};

struct ioapic_state {
	struct ioapic_bus bus;
	uint32_t regsel;
	uint32_t id;
	uint64_t rte[IOAPIC_PINS];
	uint32_t lines;			/* input levels, asserted = 1 */
	bool logged_mode;
};

void ioapic_init(struct ioapic_state *s, struct ioapic_bus bus);
/* RESET: ID 0, every entry masked. */
void ioapic_reset(struct ioapic_state *s);
uint32_t ioapic_read(struct ioapic_state *s, uint32_t offset, unsigned size);
void ioapic_write(struct ioapic_state *s, uint32_t offset, uint32_t value, unsigned size);

/* Input pin is now asserted (1) or not; the polarity bit says how the
 * wire reads, the devices here hand over the asserted state. */
void ioapic_set_irq(struct ioapic_state *s, int pin, int level);
/* A local APIC's EOI of a level-triggered vector: entries with that
 * vector drop remote IRR and send again while their input stays asserted. */
void ioapic_eoi(struct ioapic_state *s, uint8_t vector);

#endif
